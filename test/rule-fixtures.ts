/** Reading the rule fixtures (test/fixtures/rules/<rule-id>/{bad,good}-*.md), shared by the rule and fix tests. */
import type { LintOptions } from '../server/src/core/lint';
import type { WorkspaceView } from '../server/src/core/rules';

/** Lint options a fixture asks for in its `<!-- fixture: {...} -->` comment (plugin, other agents, skills, file name). */
export function fixtureOptions(text: string, file: string): LintOptions {
  const m = /<!--\s*fixture:\s*(\{[\s\S]*?\})\s*-->/.exec(text);
  const o = m ? (JSON.parse(m[1]) as { plugin?: boolean; othersNamed?: Record<string, string[]>; skills?: string[]; fileName?: string }) : {};
  const workspace: WorkspaceView = {
    othersNamed: (name) =>
      (o.othersNamed?.[name] ?? []).map((f) => ({
        uri: `file:///fixtures/${f}`,
        nameRange: { start: 10, end: 10 + name.length },
        namePosition: { start: { line: 1, character: 6 }, end: { line: 1, character: 6 + name.length } },
      })),
    skillExists: (name) => (o.skills ? o.skills.includes(name) : undefined),
  };
  // `fileName` names the file otherwise (for rules about the file's name), beside the fixture.
  return { fileName: o.fileName ? file.replace(/[^/\\]+$/, o.fileName) : file, isPlugin: o.plugin ?? false, workspace };
}
