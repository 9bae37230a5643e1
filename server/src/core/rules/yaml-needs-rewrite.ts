/**
 * Frontmatter that is not valid YAML but that Claude Code loads anyway, because its rewrite and retry
 * rescue it (quoting one-line values, tabs turned into spaces). Strict YAML readers reject it.
 */
import { parseLikeBun } from '../claude-code/yaml';
import type { Field } from '../model';
import { REWRITE_SINCE_VERSION } from '../schema';
import type { Rule, RuleFinding } from './rule';
import { brokenFields, checkedRepairs, literalValue, whatBreaks } from './support/yaml-repairs';

function parsesWithSpaces(f: Field, text: string): boolean {
  const source = text.slice(f.range.start, f.range.end);
  return source.includes('\t') && parseLikeBun(source.replace(/^\t+/gm, (t) => '  '.repeat(t.length))).ok;
}

export const STRICT_READERS =
  "Strict YAML readers reject this frontmatter: the `yaml` and gray-matter libraries most tools use, GitHub's rendering of the file, and other tools that read .claude/agents";

export const yamlNeedsRewrite: Rule = {
  id: 'yaml-needs-rewrite',
  meaning: 'other-readers',
  group: 'yaml',
  defaultSeverity: 'warning',
  title: 'The frontmatter is not valid YAML; Claude Code loads it only by rewriting it',
  docs: `When the frontmatter fails to parse, Claude Code (since ${REWRITE_SINCE_VERSION}) quotes every top-level one-line
\`key: value\` whose value holds \`: \`, \`#\` or another YAML indicator, turns leading tabs into spaces, and
parses again. A one-line description with \`Examples:\` and \`Context:\` in it, as Claude Code's own generator
writes them, loads this way.

The file is still not YAML. The \`yaml\` and gray-matter libraries (the frontmatter readers of most Node
tools), GitHub's rendering of the file, and other tools that read \`.claude/agents\` reject the whole
frontmatter. And the rewrite quotes good lines too: see [value-changed-by-rewrite](value-changed-by-rewrite.md).

**Fix:** quote the value, or write it as a block scalar; both quick fixes keep the text exactly as Claude Code
reads it. A description with \`\\n\` escapes can also be written with real line breaks, which Claude Code reads
the same.`,
  check({ agent, claude, text }) {
    if (claude.yaml !== 'rewritten') return [];
    // Fields that fail only for their tab indentation are reported line by line below.
    const broken = brokenFields(agent, text).filter((f) => !parsesWithSpaces(f, text));
    const out: RuleFinding[] = broken.map((f) => {
      const { range, why } = whatBreaks(f, text);
      return {
        message: `Not valid YAML: ${why}. Claude Code loads the agent anyway: it quotes such one-line values and parses again. ${STRICT_READERS}.`,
        range,
        fixes: f.value.kind === 'string' ? checkedRepairs(f, literalValue(f), text, agent, broken, claude) : [],
      };
    });
    for (const lineStart of claude.tabLines) {
      let end = lineStart;
      while (text[end] === '\t') end++;
      out.push({
        message: `Tabs are not YAML indentation. Claude Code turns each leading tab into two spaces and reads the line; ${STRICT_READERS}.`,
        range: { start: lineStart, end },
        fixes: [
          {
            title: 'Indent with spaces, as Claude Code reads it',
            isPreferred: true,
            safe: true,
            edits: [{ range: { start: lineStart, end }, newText: '  '.repeat(end - lineStart) }],
          },
        ],
      });
    }
    if (out.length === 0 && claude.strictError) {
      out.push({
        message: `The frontmatter is not valid YAML (${claude.strictError.message}). Claude Code loads the agent after rewriting it; ${STRICT_READERS}.`,
        range: claude.strictError.range,
      });
    }
    return out;
  },
};
