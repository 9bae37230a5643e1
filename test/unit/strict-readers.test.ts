/**
 * yaml-needs-rewrite says strict YAML readers reject frontmatter that only Claude Code's rewrite loads. Here
 * the claim is held to two of them: gray-matter (the frontmatter reader of most Node tools, with js-yaml)
 * and the `yaml` package; and the safe repair makes both read the description Claude Code reads.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import matter from 'gray-matter';
import { parseDocument } from 'yaml';
import { readAsClaudeCode } from '../../server/src/core/claude-code/reading';
import { applyEdits } from '../../server/src/core/edits';
import { lintText } from '../../server/src/core/lint';
import { personas } from '../helpers';

const GENERATOR =
  '---\nname: reviewer\ndescription: Use this agent after changes. Examples: <example>Context: A change is done. user: "Review it" assistant: "I will use the reviewer agent."</example>\nmodel: sonnet\n---\nYou review.\n';

/** gray-matter keeps a cache of what it parsed by text: a fresh object each time reads afresh. */
const grayMatter = (text: string) => matter({ content: text });

function cases(): Array<{ file: string; text: string }> {
  return [{ file: 'generator.md', text: GENERATOR }, ...personas()];
}

describe("strict YAML readers reject what only Claude Code's rewrite loads", () => {
  test('gray-matter and the yaml package throw on the frontmatter; Claude Code loads the agent', () => {
    for (const { file, text } of cases()) {
      assert.equal(readAsClaudeCode(text).loads, true, file);
      assert.equal(readAsClaudeCode(text).yaml, 'rewritten', file);
      assert.throws(() => grayMatter(text), /YAMLException|incomplete explicit mapping pair|bad indentation/, file);
      assert.ok(parseDocument(text.split(/^---$/m)[1]).errors.length > 0, file);
    }
  });

  test('after the safe repair, both read the same description as Claude Code', () => {
    for (const { file, text } of cases()) {
      const finding = lintText(text, { fileName: `/p/.claude/agents/${file}` }).findings.find((f) => f.code === 'yaml-needs-rewrite')!;
      const fix = finding.fixes!.find((f) => f.safe)!;
      const fixed = applyEdits(text, fix.edits);
      const claude = readAsClaudeCode(fixed);
      assert.equal(claude.yaml, 'parsed', file);
      assert.equal(claude.description, readAsClaudeCode(text).description, file);
      const data = grayMatter(fixed).data as { description: string };
      // Claude Code turns `\n` escapes of a local agent's description into line breaks; the readers do not.
      assert.equal(data.description.replaceAll('\\n', '\n'), claude.description, file);
      assert.deepEqual(parseDocument(fixed.split(/^---$/m)[1]).errors, [], file);
    }
  });
});
