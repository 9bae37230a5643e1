/**
 * The real Claude Code, installed from npm into the ignored `.cache/claude-code/<version>/` (a test tool:
 * it never enters the .vsix or the npm package). The pinned version is CLAUDE_CODE_VERSION in the core's
 * schema, the version the loader facts hold for. Versions up to 2.1.10x ship `cli.js`, run with Node;
 * later ones a native binary in `@anthropic-ai/claude-code-linux-x64`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLAUDE_CODE_VERSION } from '../../server/src/core/schema';
import { REPO_ROOT } from '../helpers';

export const PINNED_VERSION = CLAUDE_CODE_VERSION;

export interface ClaudeCode {
  version: string;
  /** The program and the arguments that come before Claude Code's own. */
  command: string;
  prefix: string[];
}

function installDir(version: string): string {
  return path.join(REPO_ROOT, '.cache', 'claude-code', version);
}

function locate(version: string): ClaudeCode | undefined {
  const modules = path.join(installDir(version), 'node_modules', '@anthropic-ai');
  const native = path.join(modules, `claude-code-${process.platform}-${process.arch}`, 'claude');
  if (existsSync(native)) return { version, command: native, prefix: [] };
  const cli = path.join(modules, 'claude-code', 'cli.js');
  if (existsSync(cli)) return { version, command: process.execPath, prefix: [cli] };
  return undefined;
}

/** Claude Code of this version, installed first when it is not in the cache. */
export function installClaudeCode(version: string = PINNED_VERSION): ClaudeCode {
  const found = locate(version);
  if (found) return found;
  const dir = installDir(version);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'claude-code-oracle', private: true }));
  console.log(`# installing @anthropic-ai/claude-code@${version} into ${path.relative(REPO_ROOT, dir)}`);
  // Scripts stay off: the postinstall only links the native binary, which `locate` finds by itself.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', `@anthropic-ai/claude-code@${version}`], { cwd: dir, stdio: 'inherit' });
  const installed = locate(version);
  if (!installed) throw new Error(`@anthropic-ai/claude-code@${version} installed, but neither its native binary nor cli.js was found in ${dir}`);
  return installed;
}
