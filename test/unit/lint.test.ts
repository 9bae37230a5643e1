import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fix-all';
import { lintText } from '../../server/src/core/lint';
import { LineMap } from '../../server/src/core/positions';
import { RULES } from '../../server/src/core/rules';
import type { Rule } from '../../server/src/core/rules/rule';
import { readAsClaudeCode } from '../../server/src/core/claude-code/reading';
import { corpus, personas } from '../helpers';

const frontmatterOf = (text: string) => text.split(/^---\s*$/m)[1];

describe('the personas (the defect the product exists for)', () => {
  test('each loads, with no error, and gets the yaml-needs-rewrite warning on line 3, its description line', () => {
    for (const p of personas()) {
      const { findings, claude } = lintText(p.text, { fileName: p.file });
      assert.ok(claude.loads, p.file);
      assert.deepEqual(
        findings.filter((f) => f.severity === 'error').map((e) => e.code),
        [],
        p.file,
      );
      const w = findings.filter((f) => f.code === 'yaml-needs-rewrite');
      assert.equal(w.length, 1, p.file);
      assert.equal(w[0].severity, 'warning');
      assert.equal(new LineMap(p.text).positionAt(w[0].range.start).line, 2, p.file);
      assert.match(w[0].message, /quotes such one-line values and parses again/);
      assert.match(w[0].message, /gray-matter/);
    }
  });

  test('every repair gives valid YAML and a description Claude Code reads exactly as before', () => {
    for (const p of personas()) {
      const meant = /^description: (.*)$/m.exec(p.text)![1];
      const before = readAsClaudeCode(p.text);
      const w = lintText(p.text, { fileName: p.file }).findings.find((f) => f.code === 'yaml-needs-rewrite')!;
      const titles = w.fixes!.map((f) => f.title);
      assert.ok(titles.some((t) => t.includes('block scalar (keeps the text)')) && titles.some((t) => t.includes('quoted string')), `${p.file}: ${titles.join('; ')}`);
      assert.equal(w.fixes!.filter((f) => f.safe).length, 1, 'one safe repair, for fix-all');
      for (const fix of w.fixes!) {
        const fixed = applyEdits(p.text, fix.edits);
        const doc = parseDocument(frontmatterOf(fixed));
        assert.deepEqual(doc.errors, [], `${p.file}: ${fix.title}`);
        const lines = fix.title.includes('line breaks');
        assert.equal(doc.get('description'), lines ? meant.replaceAll('\\n', '\n') : meant, `${p.file}: ${fix.title}`);
        const after = readAsClaudeCode(fixed);
        assert.equal(after.yaml, 'parsed');
        assert.equal(after.description, before.description, `${p.file}: ${fix.title}`);
        assert.equal(lintText(fixed, { fileName: p.file }).findings.filter((f) => f.severity === 'error' || f.code === 'yaml-needs-rewrite').length, 0);
      }
    }
  });
});

describe('a valid file', () => {
  test('gets no finding', () => {
    const text = '---\nname: code-reviewer\ndescription: Reviews code. Use after every change.\ntools: Read, Grep\nmodel: sonnet\n---\nYou review code.\n';
    assert.deepEqual(lintText(text).findings, []);
  });

  test('the corpus of real-world shapes has no error-severity finding', () => {
    for (const { file, text } of corpus()) {
      const errors = lintText(text, { fileName: path.basename(file) }).findings.filter((x) => x.severity === 'error');
      assert.deepEqual(errors, [], file);
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
    assert.deepEqual(codes('---\nname: dotnet-framework-4.8-expert\ndescription: Use it for tests.\n---\n'), ['information:name-format']);
  });
  test('a missing name is made from the file name, quoted when YAML would read it as another type', () => {
    const fix = (fileName: string) => {
      const text = '---\ndescription: Use it for tests.\n---\n';
      const f = lintText(text, { fileName }).findings.find((x) => x.code === 'name-missing')!;
      assert.equal(f.fixes![0].safe, undefined, 'a name made up is a suggestion, not for fix-all');
      return applyEdits(text, f.fixes![0].edits);
    };
    assert.equal(fix('/p/.claude/agents/My Reviewer.md'), '---\nname: my-reviewer\ndescription: Use it for tests.\n---\n');
    for (const [file, name] of [
      ['null.md', '"null"'],
      ['true.md', '"true"'],
      ['123.md', '"123"'],
    ]) {
      const fixed = fix(`/p/.claude/agents/${file}`);
      assert.equal(fixed, `---\nname: ${name}\ndescription: Use it for tests.\n---\n`);
      assert.ok(readAsClaudeCode(fixed).loads, fixed);
    }
  });
  test('a model with `[1m]` after a space is sent without the suffix and without the space before it', () => {
    assert.equal(readAsClaudeCode('---\nname: a\ndescription: Use it.\nmodel: "son: [1m]"\n---\nBody\n').model, 'son:');
  });
  test('description missing or empty', () => {
    assert.deepEqual(codes('---\nname: x\n---\n'), ['error:description-missing']);
    assert.deepEqual(codes('---\nname: x\ndescription: ""\n---\n'), ['error:description-missing']);
  });
  test('near-miss keys and unknown keys are warnings; fix-all renames only a difference of case or separators', () => {
    const text = '---\nname: x\ndescription: Use it for tests.\nModel: opus\ntool: Read\ndisallowed-tools: Bash\nauthor: me\n---\n';
    const fs = lintText(text).findings;
    assert.deepEqual(
      fs.map((f) => `${f.severity}:${f.code}`),
      ['warning:misspelled-key', 'warning:misspelled-key', 'warning:misspelled-key', 'warning:unknown-key'],
    );
    assert.match(fs[0].message, /`model`/);
    assert.match(fs[1].message, /`tools`/);
    assert.match(fs[2].message, /`disallowedTools`/);
    assert.equal(fixAll(text).text, '---\nname: x\ndescription: Use it for tests.\nmodel: opus\ntool: Read\ndisallowedTools: Bash\nauthor: me\n---\n');
  });
  test('a rename next to the real key is not offered (it would give the key twice)', () => {
    const f = lintText('---\nname: x\ndescription: Use it for tests.\nDescription: other\n---\n').findings.find((x) => x.code === 'misspelled-key')!;
    assert.deepEqual(f.fixes, []);
  });
  test('unclosed frontmatter', () => {
    assert.ok(codes('---\nname: x\ndescription: Use it for tests.\n').includes('error:frontmatter-unclosed'));
  });
});

describe('a failing rule does not take the others down', () => {
  test('its error is returned as an internal error and the other rules still report', () => {
    const boom: Rule = {
      id: 'boom',
      meaning: 'not-loaded',
      group: 'loading',
      defaultSeverity: 'error',
      title: 't',
      docs: 'd',
      check: () => {
        throw new Error('kaput');
      },
    };
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

describe('plugin agents are told from local ones by their path', () => {
  test('relative paths too: `.claude/agents/x.md` is local, `plugins/p/agents/x.md` a plugin agent', async () => {
    const { isPluginAgentPath } = await import('../../server/src/core/lint');
    assert.equal(isPluginAgentPath('.claude/agents/x.md'), false);
    assert.equal(isPluginAgentPath('.claude\\agents\\x.md'), false);
    assert.equal(isPluginAgentPath('/p/.claude/agents/sub/x.md'), false);
    assert.equal(isPluginAgentPath('plugins/p/agents/x.md'), true);
    assert.equal(isPluginAgentPath('agents/x.md'), true);
    assert.equal(isPluginAgentPath('/p/docs/x.md'), false);
  });
});

describe('fixes are checked before they are offered (the shapes they broke on)', () => {
  const opts = { fileName: '/p/.claude/agents/x.md' };
  const repair = (text: string) => {
    const f = lintText(text, opts).findings.find((x) => ['invalid-yaml', 'yaml-needs-rewrite', 'description-missing'].includes(x.code));
    assert.ok(f, `no YAML finding on ${JSON.stringify(text)}`);
    const fix = f.fixes!.find((x) => x.safe)!;
    assert.ok(fix, `no safe repair on ${JSON.stringify(text)}`);
    return applyEdits(text, fix.edits);
  };
  const description = (text: string) => parseDocument(frontmatterOf(text)).get('description');

  test('a value on the line after its key (YAML reads a map): the repair is valid YAML with the text, and fix-all adds no placeholder', () => {
    const text = '---\nname: a\ndescription:\n  Use it: when asked\n---\nBody\n';
    const fixed = repair(text);
    assert.deepEqual(parseDocument(frontmatterOf(fixed)).errors, []);
    assert.equal(description(fixed), 'Use it: when asked');
    assert.doesNotMatch(fixAll(text, opts).text, /Use this agent when \.\.\./);
    assert.equal(readAsClaudeCode(fixAll(text, opts).text).description, 'Use it: when asked');
  });

  test('trailing spaces are not carried into the block scalar', () => {
    const fixed = repair('---\nname: a\ndescription: Use it. Examples: Context: x   \n---\nBody\n');
    assert.equal(fixed, '---\nname: a\ndescription: |-\n  Use it. Examples: Context: x\n---\nBody\n');
  });

  test('a blank line inside a plain value over several lines keeps its paragraph break', () => {
    const fixed = repair('---\nname: a\ndescription: Line one: here\n\n  line two: there\n---\nBody\n');
    assert.equal(description(fixed), 'Line one: here\nline two: there');
  });

  test("with two lines that need Claude Code's rewrite, the safe repair of one does not break the other", () => {
    const text = '---\nname: a\ndescription: Use it. Examples: Context: x\nmodel: socolor: pink\n---\nBody\n';
    assert.ok(readAsClaudeCode(text).loads);
    const fixed = repair(text);
    assert.ok(readAsClaudeCode(fixed).loads, 'a block scalar there would be quoted by the rewrite, and the agent lost');
    assert.equal(readAsClaudeCode(fixed).description, 'Use it. Examples: Context: x');
  });
});

describe('a `:` after a flow collection: Bun stops where the `yaml` package reads an empty key', () => {
  // Claude Code 2.1.332 (oracle, seed 239034): `hooks: {}:` fails the strict parse and is quoted by the
  // retry, so `hooks` is the text `{}:`; on a CRLF line the retry fails too.
  const agent = (lines: string[], eol = '\n') => ['---', 'name: reviewer', 'description: Use it.', ...lines, '---', 'Body', ''].join(eol);
  test('strictly parsed, it is an error; the retry reads the line as text', () => {
    const lf = readAsClaudeCode(agent(['hooks: {}:']));
    assert.equal(lf.yaml, 'rewritten');
    assert.equal(lf.frontmatter.hooks, '{}:');
    assert.equal(lf.loads, false);
    assert.equal(readAsClaudeCode(agent(['x: {a: 1}: y'])).frontmatter.x, '{a: 1}: y');
    const crlf = readAsClaudeCode(agent(['hooks: {}:'], '\r\n'));
    assert.equal(crlf.yaml, 'failed');
    assert.equal(crlf.loads, false);
  });
  test('a flow collection with nothing after it, and an empty key of its own, are read as before', () => {
    assert.equal(readAsClaudeCode(agent(['hooks: {}'])).yaml, 'parsed');
    assert.equal(readAsClaudeCode(agent(['hooks: {}'])).loads, true);
    assert.equal(readAsClaudeCode(agent(['tools: [Read, Grep]'])).yaml, 'parsed');
  });
});

describe('a tag followed at once by a character outside ASCII: Bun ends the tag there', () => {
  // Claude Code 2.1.332 (oracle, seed 832953): `description: !nïcödé agent` loads with the description
  // `ïcödé agent`; the `yaml` package reads the same but says the tag lacks a space after it.
  test('both parses read the value, and no rewrite is needed', () => {
    const text = '---\nname: reviewer\ndescription: !nïcödé agent – “smart” quotes\n---\nBody\n';
    const claude = readAsClaudeCode(text);
    assert.equal(claude.yaml, 'parsed');
    assert.equal(claude.frontmatter.description, 'ïcödé agent – “smart” quotes');
    assert.deepEqual(
      lintText(text, { fileName: '.claude/agents/reviewer.md' }).findings.map((f) => f.code),
      ['description-no-trigger'],
    );
  });
  test('a tag followed by a space is read as before, and an ASCII letter stays part of the tag', () => {
    assert.equal(readAsClaudeCode('---\nname: reviewer\ndescription: !!str 12\n---\nBody\n').frontmatter.description, '12');
    assert.equal(readAsClaudeCode('---\nname: reviewer\ndescription: !nabc agent\n---\nBody\n').frontmatter.description, 'agent');
  });
});
