/**
 * Every quick fix of every rule fixture (test/fixtures/rules/): applying it removes its finding, changes
 * nothing outside its edit ranges, keeps valid YAML valid and brings in no new error; and fix-all reaches a
 * fixed point (a second run changes nothing). See rules.test.ts for the fixture convention.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fix-all';
import { lintText } from '../../server/src/core/lint';
import type { Finding, TextEdit } from '../../server/src/core/types';
import { FIXTURES } from '../helpers';
import { fixtureOptions } from '../rule-fixtures';

const RULE_FIXTURES = path.join(FIXTURES, 'rules');

/** Every fixture of every rule: [rule folder, file name, path]. */
function allFixtures(): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  for (const dir of readdirSync(RULE_FIXTURES).sort()) {
    const full = path.join(RULE_FIXTURES, dir);
    if (!statSync(full).isDirectory()) continue;
    for (const f of readdirSync(full).sort()) if (f.endsWith('.md')) out.push([dir, f, path.join(full, f)]);
  }
  return out;
}

/** Where an offset of the old text lands in the new one. */
function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of edits) if (e.range.end <= offset) delta += e.newText.length - (e.range.end - e.range.start);
  return offset + delta;
}

const key = (f: Finding) => `${f.code}|${f.message}`;

describe('every quick fix', () => {
  for (const [dir, name, file] of allFixtures()) {
    const text = readFileSync(file, 'utf8');
    const options = fixtureOptions(text, file);
    const before = lintText(text, options);
    const withFixes = before.findings.filter((f) => f.fixes?.length);
    if (withFixes.length === 0) continue;
    describe(`${dir}/${name}`, () => {
      for (const finding of withFixes) {
        for (const fix of finding.fixes!) {
          test(`${finding.code}: ${fix.title}`, () => {
            // Edits are inside the text and do not overlap.
            for (const e of fix.edits) assert.ok(0 <= e.range.start && e.range.start <= e.range.end && e.range.end <= text.length, 'edit inside the text');
            const after = applyEdits(text, fix.edits);

            // Nothing outside the edit ranges changed.
            const first = Math.min(...fix.edits.map((e) => e.range.start));
            const last = Math.max(...fix.edits.map((e) => e.range.end));
            assert.equal(after.slice(0, first), text.slice(0, first), 'text before the edits unchanged');
            assert.equal(after.slice(after.length - (text.length - last)), text.slice(last), 'text after the edits unchanged');

            // The finding is gone: one fewer of its code, and none with its message where it was.
            const result = lintText(after, options);
            const same = (f: Finding) => f.code === finding.code;
            assert.ok(result.findings.filter(same).length < before.findings.filter(same).length, `a ${finding.code} finding is gone`);
            const at = mapOffset(finding.range.start, fix.edits);
            assert.ok(!result.findings.some((f) => key(f) === key(finding) && f.range.start === at), 'that finding is gone');

            // Valid YAML stays valid; no new error-severity finding appears.
            if (before.agent.frontmatter?.fieldsFrom === 'yaml') assert.equal(result.agent.frontmatter?.fieldsFrom, 'yaml', 'the fix keeps the YAML valid');
            const errorsBefore = new Set(before.findings.filter((f) => f.severity === 'error').map((f) => f.code));
            const newErrors = result.findings.filter((f) => f.severity === 'error' && !errorsBefore.has(f.code));
            assert.deepEqual(newErrors.map(key), [], 'no new error');
          });
        }
      }
    });
  }
});

describe('fix-all reaches a fixed point', () => {
  for (const [dir, name, file] of allFixtures()) {
    if (!name.startsWith('bad-')) continue;
    test(`${dir}/${name}`, () => {
      const text = readFileSync(file, 'utf8');
      const options = fixtureOptions(text, file);
      const once = fixAll(text, options);
      const twice = fixAll(once.text, options);
      assert.equal(twice.text, once.text, 'a second fix-all changes nothing');
      assert.equal(twice.applied, 0);
      // No safe fix is left undone.
      const left = lintText(once.text, options).findings.filter((f) => f.fixes?.some((x) => x.safe));
      assert.deepEqual(left.map(key), []);
    });
  }
});

describe('example tag fixes in corner cases', () => {
  const cases: Record<string, string> = {
    'an unclosed example before an unclosed code fence': '---\nname: a\ndescription: Use for tests.\n---\n<example>\n```',
    'an unclosed example after a backtick on the last body line': '---\nname: a\ndescription: Use for tests.\n---\n<example>\nuser: run `npm test',
    'an unclosed example in a description that starts with a backtick':
      '---\nname: a\ndescription: `Use this. <example>\\nuser: hi\\n<commentary>\\nwhy\\n- <example>\\nuser: b\\nassistant: c\\n</example>\n---\n',
    'a stray closing tag whose removal would join a new tag': '---\nname: a\ndescription: Use for tests.\n---\n</</example>ample>\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    test(name, () => {
      const before = lintText(text).findings.filter((f) => f.code === 'example-tags-unbalanced');
      assert.ok(before.length > 0);
      for (const f of before) {
        for (const fix of f.fixes ?? []) {
          const after = lintText(applyEdits(text, fix.edits)).findings.filter((x) => x.code === 'example-tags-unbalanced');
          assert.ok(after.length < before.length, `${fix.title} on ${JSON.stringify(text)}`);
        }
      }
      const once = fixAll(text).text;
      assert.equal(fixAll(once).text, once);
    });
  }
});
