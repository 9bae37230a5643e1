import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { CORPUS_DIR, needsShared, personas } from '../helpers';
import { LspTestClient, serverForSuite } from './lsp-client';

const valid = (name: string) => `---
name: ${name}
description: Reviews code after every change. Use proactively after edits.
tools: Read, Grep, Glob
model: sonnet
---
You review code.
`;

describe('language server over stdio: diagnostics', () => {
  let client!: LspTestClient;
  serverForSuite((c) => (client = c));

  test('each persona gets no error and a yaml-needs-rewrite warning on its description line (line 3), with source subagent-studio', { skip: needsShared }, async () => {
    for (const p of personas()) {
      const uri = `file:///ws/.claude/agents/${path.basename(p.file)}`;
      const { diagnostics } = await client.open(uri, p.text);
      assert.deepEqual(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error), [], p.file);
      const warning = diagnostics.find((d) => d.code === 'yaml-needs-rewrite');
      assert.ok(warning, `${p.file}: no yaml-needs-rewrite warning, got ${JSON.stringify(diagnostics)}`);
      assert.equal(warning.severity, DiagnosticSeverity.Warning);
      assert.equal(warning.range.start.line, 2);
      assert.equal(warning.source, 'subagent-studio');
      assert.match(warning.message, /Claude Code loads the agent anyway/);
      assert.ok(warning.codeDescription?.href.endsWith('/docs/rules/yaml-needs-rewrite.md'));
    }
  });

  test('a valid real agent gets no error', { skip: needsShared }, async () => {
    const file = path.join(CORPUS_DIR, 'wsh-backend-development-backend-architect.md');
    const { diagnostics } = await client.open('file:///ws/.claude/agents/real.md', readFileSync(file, 'utf8'));
    assert.deepEqual(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error), []);
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
    let last = 1;
    const sends: Array<Promise<number>> = [];
    for (let i = 0; i < 50; i++) sends.push(client.change(uri, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'x' }]));
    last = Math.max(...(await Promise.all(sends)));
    const newest = await client.nextDiagnostics(uri, last);
    assert.equal(newest.version, 51);
    const forUri = client.published.slice(start).filter((p) => p.uri === uri);
    const versions = forUri.map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions arrive in order');
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
