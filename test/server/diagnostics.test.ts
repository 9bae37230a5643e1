import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { corpus, personas, setOf } from '../helpers';
import { LspClient } from '../../scripts/lib/lsp-client';
import { serverForSuite } from './servers';

const valid = (name: string) => `---
name: ${name}
description: Reviews code after every change. Use proactively after edits.
tools: Read, Grep, Glob
model: sonnet
---
You review code.
`;

describe('language server over stdio: diagnostics', () => {
  let client!: LspClient;
  serverForSuite((c) => (client = c));

  test('each persona gets no error and a yaml-needs-rewrite warning on its description line (line 3), with source subagent-studio', async () => {
    for (const p of personas()) {
      const uri = `file:///ws/${setOf(p.file)}/.claude/agents/${path.basename(p.file)}`;
      const { diagnostics } = await client.open(uri, p.text);
      assert.deepEqual(
        diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error),
        [],
        p.file,
      );
      const warning = diagnostics.find((d) => d.code === 'yaml-needs-rewrite');
      assert.ok(warning, `${p.file}: no yaml-needs-rewrite warning, got ${JSON.stringify(diagnostics)}`);
      assert.equal(warning.severity, DiagnosticSeverity.Warning);
      assert.equal(warning.range.start.line, 2);
      assert.equal(warning.source, 'subagent-studio');
      assert.match(warning.message, /Claude Code loads the agent anyway/);
      assert.ok(warning.codeDescription?.href.endsWith('/docs/rules/yaml-needs-rewrite.md'));
    }
  });

  test('the valid agents of the corpus get no error', async () => {
    for (const { file, text } of corpus()) {
      const { diagnostics } = await client.open(`file:///ws/corpus-${setOf(file)}/.claude/agents/${path.basename(file)}`, text);
      assert.deepEqual(
        diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error),
        [],
        file,
      );
    }
  });

  test('a valid agent of our own gets no diagnostic at all', async () => {
    const { diagnostics } = await client.open('file:///ws/.claude/agents/valid.md', valid('valid'));
    assert.deepEqual(diagnostics, []);
  });

  test('an edit that breaks the YAML brings the finding, an edit that mends it clears it', async () => {
    const uri = 'file:///ws/.claude/agents/edit.md';
    await client.open(uri, valid('edit'));
    // Line 2 is the description; insert "Examples: " so that `: ` breaks the plain scalar (Claude Code's
    // rewrite still loads it: a warning).
    const broken = client.nextDiagnostics(uri, 2);
    await client.change(uri, [{ range: { start: { line: 2, character: 13 }, end: { line: 2, character: 13 } }, text: 'Examples: ' }]);
    const d2 = await broken;
    assert.equal(d2.diagnostics.length, 1);
    assert.equal(d2.diagnostics[0].code, 'yaml-needs-rewrite');
    assert.deepEqual(d2.diagnostics[0].range.start, { line: 2, character: 13 });
    assert.match(d2.diagnostics[0].message, /after ‘Examples’/, 'code spans reach the editor as typographic quotes');

    const mended = client.nextDiagnostics(uri, 3);
    await client.change(uri, [{ range: { start: { line: 2, character: 13 }, end: { line: 2, character: 23 } }, text: '' }]);
    assert.deepEqual((await mended).diagnostics, []);
  });

  test('a burst of edits: only the newest version is checked, none older arrives after it', async () => {
    const uri = 'file:///ws/.claude/agents/burst.md';
    await client.open(uri, valid('burst'));
    const start = client.published.length;
    const sends: Array<Promise<number>> = [];
    for (let i = 0; i < 50; i++) sends.push(client.change(uri, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'x' }]));
    const last = Math.max(...(await Promise.all(sends)));
    const newest = await client.nextDiagnostics(uri, last);
    assert.equal(newest.version, 51);
    const forUri = client.published.slice(start).filter((p) => p.uri === uri);
    const versions = forUri.map((p) => p.version ?? 0);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'versions arrive in order',
    );
    assert.equal(versions[versions.length - 1], 51);
    assert.ok(versions.length < 50, `older versions were cancelled (checked ${versions.length} of 50)`);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = 'file:///ws/.claude/agents/close.md';
    await client.open(uri, '---\nname: x\n---\n');
    const cleared = client.nextDiagnostics(uri);
    await client.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
  });
});
