/**
 * Input-sized arrays are never spread into a call (`push(...items)`): past about 120,000 arguments V8
 * throws `RangeError`, and the editor gets no diagnostics, the CLI aborts. Each file here used to throw.
 * And what a file can make us report is bounded: findings per rule, and the length of what they quote.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { outline } from '../../server/src/core/assist/symbols';
import { briefMessage, lintText } from '../../server/src/core/lint';
import { exampleTagsUnbalanced } from '../../server/src/core/rules/example-tags-unbalanced';
import { FINDINGS_PER_RULE, type Rule } from '../../server/src/core/rules/rule';
import type { Finding } from '../../server/src/core/types';
import { parseAgent } from '../../server/src/core/parse';

const HEAD = '---\nname: many\ndescription: Use it when asked.\n---\n';

function parsesAndLints(text: string): void {
  const agent = parseAgent(text);
  const result = lintText(text, { agent });
  assert.deepEqual(
    result.internalErrors.map((e) => e.rule),
    [],
  );
  outline(text, agent);
}

describe('huge inputs: no spread of an input-sized array', () => {
  test('130,000 `<example>` tags in the body (1.3 MB)', () => {
    const text = HEAD + '<example>\n'.repeat(130_000);
    assert.ok(text.length > 1_300_000);
    const agent = parseAgent(text);
    assert.equal(agent.tags.length, 130_000);
    parsesAndLints(text);
  });

  test('130,000 `<example>` tags in the description', () => {
    parsesAndLints('---\nname: many\ndescription: Use it. ' + '<example> '.repeat(130_000) + '\n---\nBody\n');
  });

  test('200,000 tools in one list item', () => {
    const text = '---\nname: many\ndescription: Use it when asked.\ntools:\n  - ' + 'Read '.repeat(200_000) + '\n---\nBody\n';
    parsesAndLints(text);
  });

  test('a block scalar of 200,000 lines in frontmatter that only the lenient read takes', () => {
    const text = '---\nname: many\ndescription: |\n' + '  line\n'.repeat(200_000) + 'bad: [\n---\nBody\n';
    const agent = parseAgent(text);
    assert.equal(agent.frontmatter?.fieldsFrom, 'lenient');
    parsesAndLints(text);
  });

  test('200,000 headings in the body', () => {
    const text = HEAD + '# h\n'.repeat(200_000);
    const symbols = outline(text, parseAgent(text));
    assert.equal(symbols.filter((s) => s.kind === 'heading').length, 200_000);
  });
});

describe('huge inputs: what a file can make us report is bounded', () => {
  const lint = (text: string) => lintText(text, { fileName: '/w/.claude/agents/many.md' }).findings;
  const byRule = (findings: readonly Finding[]) => {
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.code] = (counts[f.code] ?? 0) + 1;
    return counts;
  };

  test(`a rule reports ${FINDINGS_PER_RULE} findings in a file, then one that says more follow, where they start`, () => {
    const text = '---\nname: many\ndescription: Use it when asked.\ntools: ' + Array.from({ length: 150 }, (_, i) => `Tool${i}`).join(', ') + '\n---\nBody\n';
    const unknown = lint(text).filter((f) => f.code === 'tool-unknown');
    assert.equal(unknown.length, FINDINGS_PER_RULE + 1);
    assert.match(unknown[FINDINGS_PER_RULE - 1].message, /Unknown tool `Tool99`/);
    const more = unknown[FINDINGS_PER_RULE];
    assert.match(more.message, /^More `tool-unknown` findings follow from here: only the first 100 of a rule are reported in a file/);
    assert.equal(text.slice(more.range.start, more.range.end), 'Tool100');
    assert.equal(more.severity, 'warning');
    assert.equal(more.fixes, undefined);
  });

  test(`exactly ${FINDINGS_PER_RULE} findings: all of them, and no "more follow"`, () => {
    const text = HEAD + '<example>\nuser: a\nassistant: b\n\n'.repeat(FINDINGS_PER_RULE);
    const counts = byRule(lint(text));
    assert.equal(counts['example-tags-unbalanced'], FINDINGS_PER_RULE);
    assert.ok(!lint(text).some((f) => f.message.startsWith('More ')));
  });

  test('20,000 unclosed tags: 101 of each rule, and the rules stop asking (the tag checks are generators)', () => {
    const text = HEAD + '<example>\n'.repeat(20_000);
    const counts = byRule(lint(text));
    assert.equal(counts['example-tags-unbalanced'], FINDINGS_PER_RULE + 1);
    assert.equal(counts['example-missing-turn'], FINDINGS_PER_RULE + 1);
    const agent = parseAgent(text);
    const asked = { count: 0 };
    const counting: Rule = {
      ...exampleTagsUnbalanced,
      *check(ctx) {
        for (const f of exampleTagsUnbalanced.check(ctx)) {
          asked.count++;
          yield f;
        }
      },
    };
    lintText(text, { agent }, [counting]);
    assert.equal(asked.count, FINDINGS_PER_RULE + 1);
  });

  test('a value of 100,000 characters is quoted by its start: no message, fix title or related message passes 2,000 characters', () => {
    const big = 'x'.repeat(100_000);
    const texts = [
      `---\nname: a\ndescription: Use it.\nmodel: ${big}\n---\nB\n`,
      `---\nname: a\ndescription: Use it.\ncolor: ${big}\n---\nB\n`,
      `---\nname: a\ndescription: Use it.\n${big}: 1\n---\nB\n`,
      `---\nname: a\ndescription: Use it.\ntools: ${big}\n---\nB\n`,
      `---\nname: A_${big}\ndescription: Use it.\n---\nB\n`,
      `---\nname: a\ndescription: Use it.\ntools: ${Array.from({ length: 10_000 }, (_, i) => `Tool${i}`).join(', ')}\n---\nB\n`,
    ];
    for (const text of texts) {
      const findings = lint(text);
      assert.ok(findings.length > 0);
      for (const f of findings) {
        for (const s of [f.message, ...(f.fixes ?? []).map((x) => x.title), ...(f.related ?? []).map((r) => r.message)]) {
          assert.ok(s.length <= 2000, `${f.code}: ${s.length} characters`);
        }
      }
    }
    const model = lint(texts[0]).find((f) => f.code === 'model-unknown')!;
    assert.match(model.message, /^`model` "x{60}…" is not a Claude model alias or id\./);
  });

  test('briefMessage: a message with no long quoted span is kept as it is; an unclosed quote is left alone', () => {
    const kept = ['`tools` "Read" is fine', 'x'.repeat(500), 'a "b" and an unclosed " ' + 'y'.repeat(200), '`' + 'z'.repeat(80) + '`'];
    for (const m of kept) assert.equal(briefMessage(m), m);
    assert.equal(briefMessage('`' + 'z'.repeat(81) + '` end'), '`' + 'z'.repeat(60) + '…` end');
    assert.equal(briefMessage('"' + 'q'.repeat(100) + '" then `' + 'r'.repeat(100) + '`'), '"' + 'q'.repeat(60) + '…" then `' + 'r'.repeat(60) + '…`');
  });
});
