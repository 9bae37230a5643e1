import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULES } from '../../server/src/core/rules';
import { readJson, type Manifest } from '../helpers';

const manifest = readJson<Manifest>('package.json');

test('the subagentStudio.rules setting names exactly the rules there are', () => {
  const setting = manifest.contributes.configuration.properties['subagentStudio.rules'];
  assert.deepEqual([...setting.propertyNames!.enum].sort(), RULES.map((r) => r.id).sort());
  assert.deepEqual(setting.additionalProperties!.enum, ['error', 'warning', 'information', 'hint', 'off']);
});

test('the engine is no newer than VS Code 1.100 and @types/vscode matches it', () => {
  assert.equal(manifest.engines.vscode, '^1.100.0');
  assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
});

test('the real-VS-Code tests run on the oldest VS Code that engines.vscode allows, and on newer ones', () => {
  const { versions } = readJson<{ versions: Array<{ vscode: string; codeServer: string }> }>('test/integration/vscode-versions.json');
  const minor = (v: string) => v.split('.').slice(0, 2).join('.');
  assert.equal(`^${minor(versions[0].vscode)}.0`, manifest.engines.vscode);
  const minors = versions.map((v) => Number(v.vscode.split('.')[1]));
  assert.deepEqual(
    minors,
    [...minors].sort((a, b) => a - b),
    'oldest first',
  );
  assert.ok(minors.length >= 2, 'the oldest and the current VS Code');
  // code-server's minor version is VS Code's (code-server 4.139.x is VS Code 1.139.x).
  for (const v of versions) assert.equal(v.codeServer.split('.')[1], v.vscode.split('.')[1], `code-server ${v.codeServer} for VS Code ${v.vscode}`);
});
