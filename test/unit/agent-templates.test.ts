/** What "New Agent from Persona..." starts from: the blank agent and the personas, read from the shipped snippets. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { agentText, blankFromSnippets, descriptionValue, freeName, personasFromSnippets } from '../../client/src/agent-templates';
import { lintText } from '../../server/src/core/lint';
import { REPO_ROOT } from '../helpers';

const snippets = (file: string) => readFileSync(path.join(REPO_ROOT, 'snippets', file), 'utf8');
const personas = personasFromSnippets(snippets('personas.code-snippets'));
const blank = blankFromSnippets(snippets('fields.code-snippets'));

describe('agent templates', () => {
  test('the blank agent is the minimal snippet, named as asked, and Claude Code loads it', () => {
    assert.equal(blank.blank, true);
    assert.equal(blank.defaultName, 'my-agent');
    const text = agentText(blank, 'api-review');
    assert.match(text, /^---\nname: api-review\ndescription: \|-\n/);
    const { claude, findings } = lintText(text, { fileName: '/w/.claude/agents/api-review.md' });
    assert.equal(claude.loads, true);
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error'),
      [],
    );
  });

  test('each persona: its name, its number, and a summary that repeats neither', () => {
    assert.ok(personas.length >= 5);
    for (const p of personas) {
      assert.match(p.defaultName, /^[a-z0-9][a-z0-9-]*$/);
      assert.match(p.number ?? '', /^\d{3}$/);
      assert.ok(p.summary.length > 20, p.summary);
      assert.ok(!p.summary.includes(p.defaultName), `${p.key}: ${p.summary}`);
      assert.ok(!p.summary.includes(`(${p.number})`), `${p.key}: ${p.summary}`);
      assert.match(agentText(p, 'chosen'), /^---\nname: chosen\n/);
    }
  });

  test('a free name: the name itself, or the first numbered one not taken', async () => {
    const taken = new Set(['backend-architect', 'backend-architect-2']);
    assert.equal(await freeName('reviewer', async (n) => taken.has(n)), 'reviewer');
    assert.equal(await freeName('backend-architect', async (n) => taken.has(n)), 'backend-architect-3');
  });

  test("the description's value: after the key, or on the next line of a block scalar", () => {
    assert.deepEqual(descriptionValue('---\nname: a\ndescription: Use it.\n---\n'), { line: 2, character: 13, end: 20 });
    assert.deepEqual(descriptionValue('---\nname: a\ndescription: |-\n  Use it.\n  More.\n---\n'), { line: 3, character: 2, end: 9 });
    assert.deepEqual(descriptionValue('---\nname: a\n---\n'), undefined);
  });
});
