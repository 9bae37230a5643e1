// The steps of a script that builds and starts things (npm start, the screenshots): a command that must
// succeed, or the script stops with one line that says which step failed and how.
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './code-server.mjs';

/** `step` runs a command in the repository and stops the script if it fails; `fail` stops it with a message. */
export function scriptSteps(tag) {
  function fail(msg) {
    console.error(`${tag} ${msg}`);
    process.exit(1);
  }
  function step(what, cmd, args) {
    const r = spawnSync(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit' });
    if (r.status !== 0) fail(`${what} (${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal})`);
  }
  return { step, fail };
}
