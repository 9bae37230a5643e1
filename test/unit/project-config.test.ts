import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { InputError } from '../../server/src/input-error';
import { agentFolderPatterns, ConfigResolver, parseConfig, readConfig } from '../../server/src/project-config';
import { checkRuleSettings } from '../../server/src/rule-settings';

test('rule settings: a severity that is none ("warn", 5) or an unknown rule is left out, with a problem that says what applies', () => {
  const { rules, problems } = checkRuleSettings({ 'unknown-key': 'warn', 'tool-unknown': 5, 'no-such-rule': 'off', 'name-format': 'error' });
  assert.deepEqual(rules, { 'name-format': 'error' });
  assert.deepEqual(
    problems.map((p) => `${p.message}: ${p.instead}`),
    [
      '"rules": "unknown-key" must be one of error, warning, information, hint, off, not "warn": the rule\'s default (warning) applies',
      '"rules": "tool-unknown" must be one of error, warning, information, hint, off, not 5: the rule\'s default (warning) applies',
      '"rules": unknown rule "no-such-rule": ignored',
    ],
  );
  assert.deepEqual(checkRuleSettings(undefined), { rules: {}, problems: [] });
  assert.match(checkRuleSettings('loud').problems[0].message, /must be an object/);
  assert.match(checkRuleSettings({ 'unknown-key': 'x'.repeat(500) }).problems[0].message, /not a text of 500 characters$/, 'a long value is not quoted');
});

test('a config that is not JSON: where it fails, never what it says', () => {
  const secret = '{"rules": {}, SECRET_TOKEN=abc123}';
  assert.throws(
    () => parseConfig(secret, '/p/.subagent-studio.json'),
    (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.match(e.reason, /^not valid JSON/);
      assert.doesNotMatch(e.message, /SECRET|abc123/);
      return true;
    },
  );
});

test('a config linked to /proc/self/environ is read as any file is, and its message quotes nothing of it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ss-config-'));
  const file = path.join(dir, '.subagent-studio.json');
  symlinkSync('/proc/self/environ', file);
  await assert.rejects(readConfig(file), (e: unknown) => e instanceof InputError && /^not valid JSON/.test(e.reason) && !/PATH|HOME/.test(e.message));
});

test('agentFolders as patterns for the extension: the folder part without wildcards is the base', () => {
  const { config } = parseConfig(JSON.stringify({ agentFolders: ['prompts/defs', 'plugins/*/agents/', '../shared/agents'] }), '/p/q/.subagent-studio.json');
  assert.deepEqual(agentFolderPatterns(config), [
    { base: path.resolve('/p/q/prompts/defs'), pattern: '**/*.md' },
    { base: path.resolve('/p/q/plugins'), pattern: '*/agents/**/*.md' },
    { base: path.resolve('/p/shared/agents'), pattern: '**/*.md' },
  ]);
});

test('the resolver: strict rejects a wrong entry; lenient reports each problem once per reading and keeps the rest', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ss-config-'));
  mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
  const file = path.join(dir, '.subagent-studio.json');
  writeFileSync(file, JSON.stringify({ rules: { 'unknown-key': 'warn', 'name-format': 'off' } }));
  await assert.rejects(new ConfigResolver().configFor(path.join(dir, 'x.md')), /"unknown-key" must be one of/);
  const reported: string[] = [];
  const lenient = new ConfigResolver(undefined, (p, whole) => reported.push(`${whole} ${p.message}`));
  assert.equal(lenient.settledFor(path.join(dir, 'x.md')), undefined, 'not read yet');
  for (const f of ['x.md', 'a/y.md', 'a/b/z.md']) assert.deepEqual((await lenient.configFor(path.join(dir, f))).rules, { 'name-format': 'off' });
  assert.deepEqual(lenient.settledFor(path.join(dir, 'a', 'b', 'z.md'))?.rules, { 'name-format': 'off' });
  assert.equal(reported.length, 1);
  assert.match(reported[0], /^false .*"unknown-key".*default \(warning\) applies$/);
  writeFileSync(file, '{oops');
  lenient.clear();
  assert.deepEqual((await lenient.configFor(path.join(dir, 'x.md'))).rules, {}, 'a file it cannot use counts as none');
  assert.match(reported[1], /^true .*not valid JSON/);
});
