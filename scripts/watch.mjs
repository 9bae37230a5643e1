// `npm run watch`: rebuilds dist/ on every change (esbuild, scripts/build.mjs --watch) and recompiles the
// tests into out/ (tsc --watch), until Ctrl+C.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const children = [
  spawn(process.execPath, ['scripts/build.mjs', '--watch'], { stdio: 'inherit' }),
  spawn(process.execPath, [tsc, '-p', 'tsconfig.test.json', '--watch', '--preserveWatchOutput'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const c of children) if (c.exitCode === null) c.kill();
};
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, stop);
// One of them ending (a failed start) ends the other.
for (const c of children)
  c.on('exit', (code) => {
    stop();
    process.exitCode ||= code ?? 1;
  });
