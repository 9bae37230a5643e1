import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/core/rules';
import { REPO_ROOT } from '../helpers';

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

test('the subagentStudio.rules setting names exactly the rules there are', () => {
  const setting = manifest.contributes.configuration.properties['subagentStudio.rules'];
  assert.deepEqual([...setting.propertyNames.enum].sort(), RULES.map((r) => r.id).sort());
  assert.deepEqual(setting.additionalProperties.enum, ['error', 'warning', 'information', 'hint', 'off']);
});

test('the engine is no newer than VS Code 1.100 and @types/vscode matches it', () => {
  assert.equal(manifest.engines.vscode, '^1.100.0');
  assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
});
