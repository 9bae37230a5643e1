import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fix-all';
import { lintText } from '../../server/src/core/lint';
import { LineMap } from '../../server/src/core/positions';
import { RULES } from '../../server/src/core/rules';
import type { Rule } from '../../server/src/core/rules/rule';
import { CORPUS_DIR, needsShared, personas } from '../helpers';

const frontmatterOf = (text: string) => text.split(/^---\s*$/m)[1];

describe('the personas (the defect the product exists for)', () => {
  test('each gets the invalid-yaml error on line 3, its description line', { skip: needsShared }, () => {
    for (const p of personas()) {
      const { findings } = lintText(p.text, { fileName: p.file });
      const errors = findings.filter((f) => f.severity === 'error');
      assert.deepEqual(errors.map((e) => e.code), ['invalid-yaml'], p.file);
      assert.equal(new LineMap(p.text).positionAt(errors[0].range.start).line, 2, p.file);
    }
  });

  test('both repairs keep the description exactly and give valid YAML', { skip: needsShared }, () => {
    for (const p of personas()) {
      const meant = /^description: (.*)$/m.exec(p.text)![1];
      const err = lintText(p.text, { fileName: p.file }).findings.find((f) => f.code === 'invalid-yaml')!;
      assert.equal(err.fixes?.length, 2, p.file);
      for (const fix of err.fixes!) {
        const fixed = applyEdits(p.text, fix.edits);
        const doc = parseDocument(frontmatterOf(fixed));
        assert.deepEqual(doc.errors, [], `${p.file}: ${fix.title}`);
        assert.equal(doc.get('description'), meant, `${p.file}: ${fix.title}`);
        assert.equal(lintText(fixed, { fileName: p.file }).findings.filter((f) => f.severity === 'error').length, 0);
      }
    }
  });
});

describe('a valid file', () => {
  test('gets no finding', () => {
    const text = '---\nname: code-reviewer\ndescription: Reviews code. Use after every change.\ntools: Read, Grep\nmodel: sonnet\n---\nYou review code.\n';
    assert.deepEqual(lintText(text).findings, []);
  });

  test('the real-world corpus has no error-severity finding', { skip: needsShared }, () => {
    for (const f of readdirSync(CORPUS_DIR)) {
      const text = readFileSync(path.join(CORPUS_DIR, f), 'utf8');
      const errors = lintText(text, { fileName: f }).findings.filter((x) => x.severity === 'error');
      assert.deepEqual(errors, [], f);
    }
  });
});

describe('first checks', () => {
  const codes = (text: string, fileName?: string) => lintText(text, { fileName }).findings.map((f) => `${f.severity}:${f.code}`);

  test('no frontmatter is documentation (information)', () => {
    assert.deepEqual(codes('# README\n'), ['information:no-frontmatter']);
  });
  test('frontmatter not on the first line is an error, and the fix moves it', () => {
    const text = '\n# Agent\n---\nname: x\ndescription: Use it for tests.\n---\nBody\n';
    assert.deepEqual(codes(text), ['error:frontmatter-not-first-line']);
    assert.equal(fixAll(text).text, '---\nname: x\ndescription: Use it for tests.\n---\n# Agent\nBody\n');
  });
  test('name missing, empty, starting with -, containing :, or not kebab-case', () => {
    assert.deepEqual(codes('---\ndescription: Use it for tests.\n---\n'), ['error:name-missing']);
    assert.deepEqual(codes('---\nname:\ndescription: Use it for tests.\n---\n'), ['error:name-missing']);
    assert.deepEqual(codes('---\nname: -x\ndescription: Use it for tests.\n---\n'), ['error:name-skipped']);
    assert.deepEqual(codes('---\nname: "a:b"\ndescription: Use it for tests.\n---\n'), ['error:name-skipped']);
    assert.deepEqual(codes('---\nname: dotnet-framework-4.8-expert\ndescription: Use it for tests.\n---\n'), ['warning:name-format']);
  });
  test('a missing name is made from the file name', () => {
    const fixed = fixAll('---\ndescription: Use it for tests.\n---\n', { fileName: '/p/.claude/agents/My Reviewer.md' }).text;
    assert.equal(fixed, '---\nname: my-reviewer\ndescription: Use it for tests.\n---\n');
  });
  test('description missing or empty', () => {
    assert.deepEqual(codes('---\nname: x\n---\n'), ['error:description-missing']);
    assert.deepEqual(codes('---\nname: x\ndescription: ""\n---\n'), ['error:description-missing']);
  });
  test('near-miss keys are errors naming the key, other unknown keys warnings', () => {
    const text = '---\nname: x\ndescription: Use it for tests.\nModel: opus\ntool: Read\ndisallowed-tools: Bash\nauthor: me\n---\n';
    const fs = lintText(text).findings;
    assert.deepEqual(fs.map((f) => `${f.severity}:${f.code}`), ['error:misspelled-key', 'error:misspelled-key', 'error:misspelled-key', 'warning:unknown-key']);
    assert.match(fs[0].message, /`model`/);
    assert.match(fs[1].message, /`tools`/);
    assert.match(fs[2].message, /`disallowedTools`/);
    assert.equal(fixAll(text).text, '---\nname: x\ndescription: Use it for tests.\nmodel: opus\ntools: Read\ndisallowedTools: Bash\nauthor: me\n---\n');
  });
  test('unclosed frontmatter', () => {
    assert.ok(codes('---\nname: x\ndescription: Use it for tests.\n').includes('error:frontmatter-unclosed'));
  });
});

describe('a failing rule does not take the others down', () => {
  test('its error is returned as an internal error and the other rules still report', () => {
    const boom: Rule = { id: 'boom', defaultSeverity: 'error', title: 't', docs: 'd', check: () => { throw new Error('kaput'); } };
    const r = lintText('---\nname: x\n---\n', {}, [boom, ...RULES]);
    assert.equal(r.internalErrors.length, 1);
    assert.equal(r.internalErrors[0].rule, 'boom');
    assert.ok(r.findings.some((f) => f.code === 'description-missing'));
  });
});

describe('settings', () => {
  test('a rule can be turned off or given another severity', () => {
    const text = '---\nname: x\ndescription: Use it for tests.\nauthor: me\n---\n';
    assert.deepEqual(lintText(text, { rules: { 'unknown-key': 'off' } }).findings, []);
    assert.equal(lintText(text, { rules: { 'unknown-key': 'error' } }).findings[0].severity, 'error');
  });
});
