#!/usr/bin/env node
// Checks what the .vsix carries against the allow-list in .vscodeignore:
// - every file `vsce ls --no-dependencies` lists matches an allow-list entry (`!pattern`), and every
//   entry matches at least one file (a missing dist/server.js would be a broken package);
// - nothing from src/, test/ or node_modules/, no TypeScript sources and no source maps, neither in
//   that listing nor inside the .vsix itself;
// - the .vsix is under 1 MB (its size is printed);
// - the README inside the .vsix (the Marketplace page) has no relative link or image: the package script
//   does not rewrite them (--no-rewrite-relative-links), and on the Marketplace they lead nowhere.
//
//   node test/release/package-contents.mjs [<path/to.vsix>]     (without one: packages into a temp dir)
//
// Exit code 0 when every check holds, 1 otherwise. test/release/smoke.mjs runs the same checks.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MAX_VSIX_BYTES = 1024 * 1024;
// Path segments and endings that must never ship.
const FORBIDDEN = [
  { re: /(^|\/)src\//, why: 'a source folder (src/)' },
  { re: /(^|\/)test\//, why: 'tests (test/)' },
  { re: /(^|\/)node_modules\//, why: 'node_modules/' },
  { re: /\.map$/, why: 'a source map' },
  { re: /(?<!\.d)\.ts$/, why: 'a TypeScript source' },
];

/** Runs a command in the repo; resolves { code, out } (stdout+stderr). */
export function sh(cmd, args, { echo = false, env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (stream) => (d) => {
      out += d;
      if (echo) stream.write(d);
    };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    child.on('error', (e) => resolve({ code: 127, out: out + String(e) }));
    child.on('close', (code, sig) => resolve({ code: code ?? (sig ? 1 : 0), out }));
  });
}

/** `npm run package` (vsce, after vscode:prepublish's minified build) into outDir; resolves the .vsix path. */
export async function packageVsix(outDir) {
  const vsix = path.join(outDir, 'subagent-studio.vsix');
  const r = await sh('npm', ['run', '--silent', 'package', '--', '--out', vsix]);
  if (r.code !== 0) throw new Error(`npm run package failed (exit ${r.code}):\n${r.out.trimEnd()}`);
  statSync(vsix); // throws when vsce did not write it
  return vsix;
}

/** The `!pattern` entries of .vscodeignore (the allow-list), as { pattern, re }. */
export function allowList() {
  const lines = readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8').split(/\r?\n/);
  return lines
    .map((l) => l.trim())
    .filter((l) => l.startsWith('!'))
    .map((l) => {
      const pattern = l.slice(1).replace(/^\//, '');
      return { pattern, re: globToRegExp(pattern) };
    });
}

/** minimatch-style glob (`**`, `*`, `?`) to an anchored RegExp over forward-slash paths. */
export function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      if (glob[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** File names inside a zip (the .vsix), read from its central directory. */
export function zipEntries(file) {
  return centralDirectory(readFileSync(file), file).map((e) => e.name);
}

/** The content of the entry `name` of a zip (stored or deflated), or undefined when it has none. */
export function zipEntry(file, name) {
  const buf = readFileSync(file);
  const entry = centralDirectory(buf, file).find((e) => e.name === name);
  if (!entry) return undefined;
  const at = entry.localHeader;
  if (buf.readUInt32LE(at) !== 0x04034b50) throw new Error(`${file}: bad local header for ${name}`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${file}: ${name} is compressed with method ${entry.method}`);
}

/** The entries of a zip's central directory: name, compression method, compressed size, local header offset. */
function centralDirectory(buf, file) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end-of-central-directory record)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const nameLen = buf.readUInt16LE(p + 28),
      extraLen = buf.readUInt16LE(p + 30),
      commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      localHeader: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * The links and images of a Markdown text that are relative (no scheme, not a `#fragment`): Markdown's
 * `[text](url)`, `![alt](url)` and `[label]: url`, and HTML's `href` and `src`. Code spans and fenced code
 * are left out. Returns each as `![alt](url)` or `[text](url)` as written.
 */
export function relativeLinks(markdown) {
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  const relative = (url) => !/^([a-z][a-z0-9+.-]*:|#)/i.test(url.trim().replace(/^<|>$/g, ''));
  const found = [];
  for (const m of text.matchAll(/(!?)\[((?:[^[\]]|\[[^\]]*\])*)\]\(\s*(<[^>]*>|[^\s)]+)[^)]*\)/g)) if (relative(m[3])) found.push(m[0]);
  for (const m of text.matchAll(/^ {0,3}\[[^\]]+\]:\s*(\S+)/gm)) if (relative(m[1])) found.push(m[0]);
  for (const m of text.matchAll(/<(?:a|img)\b[^>]*?\b(?:href|src)\s*=\s*["']([^"']*)["']/gi)) if (relative(m[1])) found.push(m[0]);
  return found;
}

/**
 * Runs every check. Returns { problems: string[], files: string[], entries: string[], size } where
 * problems is empty when the package is right.
 */
export async function checkPackageContents(vsix) {
  const problems = [];
  const ls = await sh('npx', ['--no-install', 'vsce', 'ls', '--no-dependencies']);
  if (ls.code !== 0) return { problems: [`vsce ls --no-dependencies failed (exit ${ls.code}):\n${ls.out}`], files: [], entries: [], size: 0 };
  // npm may print its own warnings ("npm warn ...") on stderr: keep only path-looking lines.
  const files = ls.out
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^npm (warn|notice|error)\b/i.test(l) && !/\s/.test(l));
  if (files.length === 0) problems.push('vsce ls listed no files');

  const allow = allowList();
  if (allow.length === 0) problems.push('.vscodeignore has no allow-list entries (`!pattern` lines)');
  for (const f of files) {
    if (!allow.some((a) => a.re.test(f))) problems.push(`${f}: listed by vsce but matches no allow-list entry in .vscodeignore`);
  }
  for (const a of allow) {
    if (!files.some((f) => a.re.test(f))) problems.push(`allow-list entry !${a.pattern} matches no packaged file (not built, or a stale entry)`);
  }

  const entries = zipEntries(vsix);
  for (const f of [...files, ...entries]) {
    for (const { re, why } of FORBIDDEN) if (re.test(f)) problems.push(`${f}: ${why} must not ship`);
  }
  if (!entries.includes('extension/package.json')) problems.push('the .vsix has no extension/package.json');
  const readme = zipEntry(vsix, 'extension/readme.md') ?? zipEntry(vsix, 'extension/README.md');
  if (!readme) problems.push('the .vsix has no README');
  else for (const link of relativeLinks(readme.toString('utf8'))) problems.push(`README.md: the relative link ${link} leads nowhere on the Marketplace`);
  const size = statSync(vsix).size;
  if (size >= MAX_VSIX_BYTES) problems.push(`the .vsix is ${kb(size)}, over the 1 MB limit`);
  return { problems: [...new Set(problems)], files, entries, size };
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// ---------------------------------------------------------------------------------------------
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const given = process.argv[2];
  const tmp = given ? undefined : mkdtempSync(path.join(os.tmpdir(), 'vsix-contents-'));
  let code = 1;
  try {
    const vsix = given ? path.resolve(given) : await packageVsix(tmp);
    const r = await checkPackageContents(vsix);
    console.log(
      `package-contents: ${r.files.length} files listed by vsce, ${r.entries.length} entries in ${path.basename(vsix)}, ` + `size ${kb(r.size)} (limit ${kb(MAX_VSIX_BYTES)})`,
    );
    for (const p of r.problems) console.error(`package-contents: ${p}`);
    code = r.problems.length ? 1 : 0;
    console.log(code ? `\n  0 passing\n  1 failing` : `\n  1 passing`);
  } catch (err) {
    console.error(`package-contents: ${err?.message ?? err}`);
    console.log('\n  0 passing\n  1 failing');
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(code);
}
