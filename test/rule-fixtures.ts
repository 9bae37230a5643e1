/** Reading the rule fixtures (test/fixtures/rules/<rule-id>/{bad,good}-*.md), shared by the rule and fix tests. */
import * as path from 'node:path';
import type { AgentScope } from '../server/src/core/claude-code/reading';
import { AgentSession, type AgentSummary } from '../server/src/core/claude-code/session';
import type { LintOptions } from '../server/src/core/lint';
import type { WorkspaceView } from '../server/src/core/rules';

/**
 * Other agent files of the fixture's session. `file`: a path relative to the fixture's own agents folder
 * (a namesake in the same folder) or an absolute one (its folder is the file's); `depth` orders project
 * folders (the fixture's own is 1); `descriptionChars` sizes its entry; `count` makes that many
 * (`name-1`, `name-2`, ...).
 */
interface FixtureSessionFile {
  file: string;
  scope?: AgentScope;
  depth?: number;
  name: string;
  descriptionChars?: number;
  count?: number;
}

interface FixtureJson {
  plugin?: boolean;
  othersNamed?: Record<string, string[]>;
  skills?: string[];
  fileName?: string;
  /** The fixture's session: its own scope (default project) and depth (default 1), and the other files. */
  session?: { scope?: AgentScope; depth?: number; others: FixtureSessionFile[] };
}

const at = (name: string) => ({
  nameRange: { start: 10, end: 10 + name.length },
  namePosition: { start: { line: 1, character: 6 }, end: { line: 1, character: 6 + name.length } },
});

/** The session a fixture describes, as the workspace rules see it from the fixture's file. */
function sessionView(file: string, session: NonNullable<FixtureJson['session']>): Partial<WorkspaceView> {
  const own = path.dirname(file);
  const s = new AgentSession(path.dirname(own));
  const files: Array<{ file: string; folder: string; scope: AgentScope; depth?: number; summary: AgentSummary }> = [];
  for (const o of session.others) {
    for (let i = 1; i <= (o.count ?? 1); i++) {
      const name = o.count ? `${o.name}-${i}` : o.name;
      const f = path.isAbsolute(o.file) ? (o.count ? o.file.replace(/\.md$/, `-${i}.md`) : o.file) : path.join(own, o.file);
      const listing = `- ${name}: ${'x'.repeat(o.descriptionChars ?? 20)}`;
      files.push({
        file: f,
        folder: path.dirname(f),
        scope: o.scope ?? 'project',
        depth: o.depth,
        summary: { loads: true, name, listing, runs: true, model: 'inherit', toolCount: null, ...at(name) },
      });
    }
  }
  const folders = new Map<string, { scope: AgentScope; folder: string; depth?: number }>([
    [own, { scope: session.scope ?? 'project', folder: own, depth: session.depth ?? 1 }],
  ]);
  for (const f of files) if (!folders.has(f.folder)) folders.set(f.folder, { scope: f.scope, folder: f.folder, depth: f.scope === 'project' ? (f.depth ?? 1) : undefined });
  // Claude Code's order of the folders: the user's, the project's from the farthest, managed.
  const rank: Record<AgentScope, number> = { plugin: 0, user: 1, project: 2, managed: 3 };
  s.setFolders([...folders.values()].sort((a, b) => rank[a.scope] - rank[b.scope] || (a.depth ?? 0) - (b.depth ?? 0)));
  for (const f of files) s.setFile(f.file, f.summary);
  return s.viewFor(file, { uri: (f) => `file://${f}`, display: (f) => (f.startsWith(own) ? path.relative(path.dirname(path.dirname(own)), f) : f) }) ?? {};
}

/** Lint options a fixture asks for in its `<!-- fixture: {...} -->` comment (plugin, other agents, skills, file name, session). */
export function fixtureOptions(text: string, file: string): LintOptions {
  const m = /<!--\s*fixture:\s*(\{[\s\S]*?\})\s*-->/.exec(text);
  const o = m ? (JSON.parse(m[1]) as FixtureJson) : {};
  const workspace: WorkspaceView = {
    othersNamed: (name) =>
      (o.othersNamed?.[name] ?? []).map((f) => ({
        uri: `file:///fixtures/${f}`,
        ...at(name),
      })),
    skillExists: (name) => (o.skills ? o.skills.includes(name) : undefined),
    ...(o.session ? sessionView(path.resolve(file), o.session) : {}),
  };
  // `fileName` names the file otherwise (for rules about the file's name), beside the fixture.
  return { fileName: o.fileName ? file.replace(/[^/\\]+$/, o.fileName) : file, isPlugin: o.plugin ?? false, workspace };
}
