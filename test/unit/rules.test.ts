/**
 * Every rule against its fixtures, its documentation page, the real-world corpus and a 1 MB file.
 *
 * Fixture convention (test/fixtures/rules/<rule-id>/):
 * - `bad-*.md` must produce at least one finding with that rule's code. A comment
 *   `<!-- expect: 3:8 5:1 -->` anywhere in the file lists the exact 1-based line:column where each finding of
 *   the rule starts (all of them, in any order).
 * - `good-*.md` must produce none with that code.
 * - `<!-- fixture: {...} -->` (JSON) sets lint options: `"plugin": true` lints the file as a plugin agent;
 *   `"othersNamed": {"name": ["file.md"]}` and `"skills": ["a"]` build the workspace view of the workspace
 *   rules.
 * The test fails when a rule has no bad or no good fixture, or no up-to-date page in docs/rules/.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { lintText } from '../../server/src/core/lint';
import type { AgentModel } from '../../server/src/core/model';
import { parseAgent } from '../../server/src/core/parse';
import { LineMap } from '../../server/src/core/positions';
import { RULES } from '../../server/src/core/rules';
import { ruleDocFiles } from '../../server/src/core/rules/docs';
import { readToolList, splitTools } from '../../server/src/core/rules/support/tool-entries';
import { CORPUS_DIRS, corpusIn, FIXTURES, PERSONA_DIRS, personas, personasIn, REPO_ROOT } from '../helpers';
import { megabyteAgent, unclosedTagsAgent } from '../../scripts/lib/large-agents';
import { fixtureOptions } from '../rule-fixtures';

const RULE_FIXTURES = path.join(FIXTURES, 'rules');
const DOCS = path.join(REPO_ROOT, 'docs', 'rules');

function expectedPositions(text: string): string[] | undefined {
  const m = /<!--\s*expect:\s*([\d:\s]*?)\s*-->/.exec(text);
  return m ? m[1].split(/\s+/).filter(Boolean).sort() : undefined;
}

function fixtureFiles(ruleId: string): string[] {
  const dir = path.join(RULE_FIXTURES, ruleId);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .sort()
    : [];
}

describe('rule fixtures', () => {
  for (const rule of RULES) {
    describe(rule.id, () => {
      const files = fixtureFiles(rule.id);
      test('has a bad and a good fixture', () => {
        assert.ok(
          files.some((f) => f.startsWith('bad-')),
          `add test/fixtures/rules/${rule.id}/bad-*.md`,
        );
        assert.ok(
          files.some((f) => f.startsWith('good-')),
          `add test/fixtures/rules/${rule.id}/good-*.md`,
        );
      });
      for (const f of files) {
        const file = path.join(RULE_FIXTURES, rule.id, f);
        test(f, () => {
          const text = readFileSync(file, 'utf8');
          const result = lintText(text, fixtureOptions(text, file));
          assert.deepEqual(result.internalErrors, [], 'no rule may throw');
          const mine = result.findings.filter((x) => x.code === rule.id);
          const map = new LineMap(text);
          const at = mine.map((x) => {
            const p = map.positionAt(x.range.start);
            return `${p.line + 1}:${p.character + 1}`;
          });
          if (f.startsWith('good-')) {
            assert.deepEqual(
              mine.map((x) => `${at[mine.indexOf(x)]} ${x.message}`),
              [],
              `${f} must not produce ${rule.id}`,
            );
            return;
          }
          assert.ok(mine.length > 0, `${f} must produce ${rule.id}`);
          const expected = expectedPositions(text);
          if (expected) assert.deepEqual([...at].sort(), expected, `positions of ${rule.id} findings`);
          for (const x of mine) {
            assert.ok(x.range.start <= x.range.end && x.range.end <= text.length, 'range inside the text');
            assert.ok(x.message.length > 0);
          }
        });
      }
    });
  }

  test('no fixture folder belongs to a rule that does not exist', () => {
    const ids = new Set(RULES.map((r) => r.id));
    const stray = readdirSync(RULE_FIXTURES).filter((d) => !ids.has(d) && !d.includes('.'));
    assert.deepEqual(stray, []);
  });

  test('rule ids are unique, kebab-case, with a title and docs', () => {
    assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length);
    for (const r of RULES) {
      assert.match(r.id, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(r.title.trim() && r.docs.trim(), r.id);
    }
  });
});

describe('rule documentation pages', () => {
  const files = ruleDocFiles(RULES);
  for (const rule of RULES) {
    test(`docs/rules/${rule.id}.md is up to date`, () => {
      const p = path.join(DOCS, `${rule.id}.md`);
      assert.ok(existsSync(p), `missing ${p}: run npm run generate:docs`);
      assert.equal(readFileSync(p, 'utf8'), files[`${rule.id}.md`], 'stale page: run npm run generate:docs');
    });
  }
  test('docs/rules/README.md is up to date and no page is left over', () => {
    assert.equal(readFileSync(path.join(DOCS, 'README.md'), 'utf8'), files['README.md'], 'run npm run generate:docs');
    const extra = readdirSync(DOCS).filter((f) => f.endsWith('.md') && !(f in files));
    assert.deepEqual(extra, [], 'pages of rules that no longer exist');
  });
});

describe('tool entries point at the one entry', () => {
  const entries = (fm: string) => {
    const text = `---\nname: a\ndescription: Use for tests.\n${fm}\n---\n`;
    const agent: AgentModel = parseAgent(text);
    const list = readToolList(agent, text, 'tools')!;
    return list.entries.map((e) => ({ text: e.text, source: text.slice(e.range.start, e.range.end), exact: e.exact }));
  };
  test('plain comma string', () => {
    assert.deepEqual(entries('tools: Read,  Grep ,Bash(git diff *, git log *)'), [
      { text: 'Read', source: 'Read', exact: true },
      { text: 'Grep', source: 'Grep', exact: true },
      { text: 'Bash(git diff *, git log *)', source: 'Bash(git diff *, git log *)', exact: true },
    ]);
  });
  test('quoted strings without escapes', () => {
    assert.deepEqual(
      entries(`tools: "Read, Grep"`).map((e) => [e.source, e.exact]),
      [
        ['Read', true],
        ['Grep', true],
      ],
    );
    assert.deepEqual(
      entries(`tools: 'Read, Grep'`).map((e) => [e.source, e.exact]),
      [
        ['Read', true],
        ['Grep', true],
      ],
    );
  });
  test('escapes fall back to the whole value', () => {
    const es = entries(`tools: "Read, \\u0047rep"`);
    assert.deepEqual(
      es.map((e) => [e.text, e.exact]),
      [
        ['Read', false],
        ['Grep', false],
      ],
    );
    assert.equal(es[1].source, '"Read, \\u0047rep"');
  });
  test('a string folded over lines', () => {
    assert.deepEqual(
      entries('tools: Read,\n  Grep, Glob').map((e) => [e.source, e.exact]),
      [
        ['Read', true],
        ['Grep', true],
        ['Glob', true],
      ],
    );
  });
  test('list items, quoted or not', () => {
    assert.deepEqual(
      entries('tools:\n  - Read\n  - "Grep"\n  - [Bash]').map((e) => [e.source, e.exact]),
      [
        ['Read', true],
        ['Grep', true],
      ],
    );
  });
  test('the lenient read of invalid YAML', () => {
    const text = '---\nname: a\ndescription: Use: for tests: yes\ntools: Read, Gerp\n---\n';
    const agent = parseAgent(text);
    assert.equal(agent.frontmatter?.fieldsFrom, 'lenient');
    const list = readToolList(agent, text, 'tools')!;
    assert.deepEqual(
      list.entries.map((e) => text.slice(e.range.start, e.range.end)),
      ['Read', 'Gerp'],
    );
    const findings = lintText(text).findings.filter((f) => f.code === 'tool-unknown');
    assert.equal(text.slice(findings[0].range.start, findings[0].range.end), 'Gerp');
  });
  test('spaces separate entries too, as Claude Code reads them', () => {
    assert.deepEqual(
      entries('tools: Read Grep,Bash(git diff *)').map((e) => [e.source, e.exact]),
      [
        ['Read', true],
        ['Grep', true],
        ['Bash(git diff *)', true],
      ],
    );
  });
  test('a list item holding several entries is split', () => {
    assert.deepEqual(
      entries('tools:\n  - Read, Grep\n  - Glob').map((e) => [e.source, e.exact]),
      [
        ['Read', true],
        ['Grep', true],
        ['Glob', true],
      ],
    );
  });
  test('a block scalar keeps a line break inside one entry, like Claude Code', () => {
    assert.deepEqual(
      entries('tools: |\n  Read\n  Grep').map((e) => [e.text, e.exact]),
      [['Read\nGrep', false]],
    );
  });
  test('splitTools keeps commas inside parentheses', () => {
    assert.deepEqual(
      splitTools(' A, B(x, y) ,, C(').map((p) => p.text),
      ['A', 'B(x, y)', 'C('],
    );
  });
});

describe('rules on real-world shapes', () => {
  test('the corpus files, which Claude Code loads, get no error', () => {
    const errors: string[] = [];
    for (const dir of CORPUS_DIRS) {
      const files = corpusIn(dir);
      // The stand-ins of test/fixtures/corpus, and the 202 real-world files of ../shared.
      assert.equal(files.length, dir.startsWith(FIXTURES) ? 21 : 202, dir);
      for (const { file, text } of files) {
        const r = lintText(text, { fileName: file });
        assert.deepEqual(r.internalErrors, [], file);
        for (const x of r.findings) if (x.severity === 'error') errors.push(`${file}: ${x.code} ${x.message}`);
      }
    }
    assert.deepEqual(errors, []);
  });
  test('each persona gets no error and one yaml-needs-rewrite warning, on line 3', () => {
    for (const dir of PERSONA_DIRS) assert.equal(personasIn(dir).length, 5, dir);
    for (const { file, text } of personas()) {
      const r = lintText(text, { fileName: file });
      assert.deepEqual(
        r.findings.filter((x) => x.severity === 'error').map((x) => x.code),
        [],
        file,
      );
      const rewrite = r.findings.filter((x) => x.code === 'yaml-needs-rewrite');
      assert.equal(rewrite.length, 1, file);
      assert.equal(new LineMap(text).positionAt(rewrite[0].range.start).line, 2, file);
    }
  });
});

describe('large files', () => {
  // How long these take is the benchmark's (scripts/bench/lint-core.mjs); here, what they find.
  const codes = (text: string) => {
    const r = lintText(text);
    assert.deepEqual(r.internalErrors, []);
    const counts: Record<string, number> = {};
    for (const f of r.findings) counts[f.code] = (counts[f.code] ?? 0) + 1;
    return counts;
  };

  // A rule reports its first 100 findings in a file, then one saying more follow (FINDINGS_PER_RULE).
  test('a 1 MB agent file: each finding its parts call for, and no other (no tag inside a code fence), 100 of a rule and a "more follow"', () => {
    const text = megabyteAgent();
    assert.ok(text.length > 1_000_000, `size ${text.length}`);
    assert.deepEqual(codes(text), { 'description-too-long': 1, 'tool-unknown': 101 });
  });

  test('a 1 MB file of 12,000 unclosed example tags: reported as unbalanced and as missing their turns, up to the cap', () => {
    const text = unclosedTagsAgent();
    assert.ok(text.length > 1_000_000, `size ${text.length}`);
    assert.deepEqual(codes(text), { 'description-too-long': 1, 'tool-unknown': 101, 'example-tags-unbalanced': 101, 'example-missing-turn': 101 });
  });
});
