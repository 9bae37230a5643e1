/**
 * Which file wins a name, across scopes and folders: `subagent-studio list` of a session (run in the
 * working folder, with the same HOME) against what the real Claude Code lists. Each file carries a
 * description of its own, so Claude Code's entry for a name tells which file it took.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { SetListEntry } from '../../server/src/cli/list';
import { REPO_ROOT } from '../helpers';
import type { ClaudeCode } from './claude-code';
import type { Disagreement } from './compare';
import type { MockApi } from './mock-api';
import { runBatch, type SandboxFile } from './sandbox';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

const agent = (name: string, description: string, extra = '') => `---\nname: ${name}\ndescription: ${description}\n${extra}---\nYou help.\n`;

export interface SetScenario {
  name: string;
  project: SandboxFile[];
  home: SandboxFile[];
  /** The working folder below the project root. */
  cwd?: string;
}

/** The cases the spec names: project over user, nested and parent folders, read order, a file that does not load. */
export const SET_SCENARIOS: SetScenario[] = [
  {
    name: 'project over user, nearer folder over parent, read order, and a file that does not load',
    cwd: 'sub',
    home: [{ rel: '.claude/agents/reviewer.md', text: agent('reviewer', 'Reviewer of the user.') }],
    project: [
      { rel: '.claude/agents/reviewer.md', text: agent('reviewer', 'Reviewer of the project root.') },
      { rel: 'sub/.claude/agents/a.md', text: agent('reviewer', 'Reviewer of the working folder.') },
      { rel: '.claude/agents/Z.md', text: agent('helper', 'Helper in Z.md.') },
      { rel: '.claude/agents/a.md', text: agent('helper', 'Helper in a.md.') },
      { rel: '.claude/agents/nested/z.md', text: agent('helper', 'Helper in nested/z.md.') },
      { rel: '.claude/agents/b.md', text: agent('helper', 'Helper in b.md.') },
      // Comes last by path, but does not load (no description): it shadows nothing.
      { rel: '.claude/agents/zz.md', text: '---\nname: helper\n---\nNo description.\n' },
      { rel: '.claude/agents/.hidden/deep/x.md', text: agent('hidden-one', 'In a hidden folder.') },
      { rel: '.claude/agents/upper.MD', text: agent('upper-case', 'Not read: .MD.') },
    ],
  },
  {
    name: 'user only, and a user agent that no project agent shadows',
    home: [
      { rel: '.claude/agents/solo.md', text: agent('solo', 'Only in the user folder.') },
      { rel: '.claude/agents/both.md', text: agent('both', 'Both, user copy.') },
    ],
    project: [{ rel: '.claude/agents/both.md', text: agent('both', 'Both, project copy.') }],
  },
];

/** Our set for the scenario, through `subagent-studio list` run in the working folder. */
function ourSet(home: string, cwd: string): SetListEntry[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [CLI, 'list', '--format', 'json'], { cwd, encoding: 'utf8', env: { ...process.env, HOME: home, CLAUDE_CONFIG_DIR: '' } });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? '';
  }
  return JSON.parse(out) as SetListEntry[];
}

function writeAll(root: string, files: readonly SandboxFile[]): void {
  for (const f of files) {
    const p = path.join(root, f.rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, f.text);
  }
}

/** Runs each scenario through Claude Code and our CLI; the disagreements, by scenario. */
export async function checkSetScenarios(cc: ClaudeCode, api: MockApi): Promise<Array<{ label: string; d: Disagreement }>> {
  const out: Array<{ label: string; d: Disagreement }> = [];
  for (const sc of SET_SCENARIOS) {
    const label = `set/${sc.name}`;
    const root = mkdtempSync(path.join(tmpdir(), 'oracle-set-'));
    try {
      const project = path.join(root, 'project');
      const home = path.join(root, 'home');
      writeAll(project, sc.project);
      writeAll(home, sc.home);
      execFileSync('git', ['init', '-q', project]);
      const cwd = path.join(project, sc.cwd ?? '');
      mkdirSync(cwd, { recursive: true });
      const ours = ourSet(home, cwd);
      const obs = await runBatch(cc, api, { project: sc.project, home: sc.home, cwd: sc.cwd, spawn: [] });
      const used = ours.filter((e) => e.used);
      const names = new Set(
        [...used.map((e) => e.name!), ...obs.listing.keys()].filter((n) => !['claude', 'Explore', 'general-purpose', 'Plan', 'statusline-setup'].includes(n)),
      );
      for (const name of names) {
        const mine = used.find((e) => e.name === name);
        const theirs = obs.listing.get(name);
        if (!mine || !theirs || mine.description !== theirs.description) {
          out.push({
            label,
            d: {
              field: 'loads',
              ours: mine ? `${name} from ${path.relative(root, mine.file)} (${JSON.stringify(mine.description)})` : `no agent ${name}`,
              claudeCode: theirs ? JSON.stringify(theirs.description) : `no agent ${name}`,
            },
          });
        }
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return out;
}
