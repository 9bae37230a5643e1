import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { AgentSession, type AgentSummary } from '../../server/src/core/claude-code/session';
import type { SetReading } from '../../server/src/core/claude-code/set';
import { DESCRIPTIONS_TOKEN_WARNING } from '../../server/src/core/schema';

const USER = '/home/u/.claude/agents';
const PARENT = '/p/.claude/agents';
const ROOT = '/p/app/.claude/agents';

const summary = (name: string, descriptionChars = 20, loads = true): AgentSummary => ({
  loads,
  name,
  listing: `- ${name}: ${'x'.repeat(descriptionChars)}`,
  runs: true,
  model: 'inherit',
  toolCount: null,
});
const reading = (name: string, descriptionChars = 20): SetReading => ({ loads: true, name, listing: `- ${name}: ${'x'.repeat(descriptionChars)}` });
const names = { uri: (f: string) => `file://${f}`, display: (f: string) => f.replace('/home/u', '~') };

function session(): AgentSession {
  const s = new AgentSession('/p/app');
  s.setFolders([
    { scope: 'user', folder: USER },
    { scope: 'project', folder: PARENT, depth: 1 },
    { scope: 'project', folder: ROOT, depth: 2 },
  ]);
  return s;
}

describe('the agents of a session, kept file by file', () => {
  test('a file belongs to the innermost agents folder that holds it, and to none outside them', () => {
    const s = session();
    assert.equal(s.setFile(`${ROOT}/sub/a.md`, summary('a')), true);
    assert.equal(s.setFile('/elsewhere/.claude/agents/b.md', summary('b')), false);
    assert.equal(s.holds(`${ROOT}/x.md`), true);
    assert.equal(s.holds('/p/app/.claude/agents-old/x.md'), false);
    assert.deepEqual(
      s.set.entries.map((e) => e.file),
      [`${ROOT}/sub/a.md`],
    );
  });

  test('the set follows each change: a project agent shadows the user agent of its name, until it is renamed', () => {
    const s = session();
    s.setFile(`${USER}/r.md`, summary('reviewer'));
    s.setFile(`${ROOT}/r.md`, summary('reviewer'));
    assert.equal(s.set.byName.get('reviewer')?.file, `${ROOT}/r.md`);
    assert.deepEqual(s.set.entries.find((e) => e.file === `${USER}/r.md`)?.shadowedBy, { file: `${ROOT}/r.md`, scope: 'project', why: 'scope' });
    s.setFile(`${ROOT}/r.md`, summary('other'));
    assert.equal(s.set.byName.get('reviewer')?.file, `${USER}/r.md`);
    s.setFile(`${ROOT}/r.md`, undefined);
    assert.deepEqual(
      s.set.entries.map((e) => e.file),
      [`${USER}/r.md`],
    );
  });

  test("the shadowing of a file is made with its text as it is now, not as it was recorded (an open editor's)", () => {
    const s = session();
    s.setFile(`${USER}/r.md`, summary('reviewer'));
    s.setFile(`${ROOT}/x.md`, summary('something-else'));
    assert.equal(s.shadowing(`${ROOT}/x.md`, reading('something-else'), names), undefined);
    const now = s.shadowing(`${ROOT}/x.md`, reading('reviewer'), names);
    assert.equal(now?.scope, 'project');
    assert.equal(now?.shadowedBy, undefined);
    assert.deepEqual(
      now?.shadows.map((n) => [n.display, n.scope, n.why, n.uri]),
      [['~/.claude/agents/r.md', 'user', 'scope', `file://${USER}/r.md`]],
    );
    const user = s.shadowing(`${USER}/r.md`, reading('reviewer'), names);
    // The recorded summary of x.md still says `something-else`: the user agent is not shadowed yet.
    assert.equal(user, undefined);
  });

  test('nearer folder and read order: the why of each namesake, from the one set', () => {
    const s = session();
    s.setFile(`${PARENT}/r.md`, summary('reviewer'));
    s.setFile(`${ROOT}/a.md`, summary('reviewer'));
    s.setFile(`${ROOT}/b.md`, summary('reviewer'));
    const winner = s.shadowing(`${ROOT}/b.md`, reading('reviewer'), names);
    assert.deepEqual(winner?.shadows.map((n) => [n.display, n.why]).sort(), [
      [`${PARENT}/r.md`, 'nearer-folder'],
      [`${ROOT}/a.md`, 'read-order'],
    ]);
    assert.equal(s.shadowing(`${PARENT}/r.md`, reading('reviewer'), names)?.shadowedBy?.why, 'nearer-folder');
    assert.equal(s.shadowing(`${ROOT}/a.md`, reading('reviewer'), names)?.shadowedBy?.why, 'read-order');
  });

  test('a file that does not load has no namesakes, and shadows nothing', () => {
    const s = session();
    s.setFile(`${USER}/r.md`, summary('reviewer'));
    s.setFile(`${ROOT}/r.md`, summary('reviewer', 20, false));
    assert.equal(s.set.byName.get('reviewer')?.file, `${USER}/r.md`);
    assert.equal(s.shadowing(`${ROOT}/r.md`, { loads: false, name: 'reviewer' }, names), undefined);
  });

  test('folders that stay keep their files; a folder that goes takes its files (and their names) with it', () => {
    const s = session();
    s.setFile(`${USER}/r.md`, summary('reviewer'));
    s.setFile(`${PARENT}/r.md`, summary('reviewer'));
    s.setFolders([
      { scope: 'user', folder: USER },
      { scope: 'project', folder: ROOT, depth: 2 },
    ]);
    assert.deepEqual(
      s.set.entries.map((e) => e.file),
      [`${USER}/r.md`],
    );
    assert.equal(s.shadowing(`${USER}/r.md`, reading('reviewer'), names), undefined);
    s.replaceFolder(ROOT, [[`${ROOT}/a.md`, summary('reviewer')]]);
    assert.equal(s.set.byName.get('reviewer')?.file, `${ROOT}/a.md`);
  });

  describe('the budget of all descriptions, reported by the largest', () => {
    // Each filler's entry is `- filler-N: ` and 1,000 characters: 61 of them pass 15,000 tokens.
    const over = () => {
      const s = session();
      for (let i = 0; i < 61; i++) s.setFile(`${USER}/filler-${String(i).padStart(2, '0')}.md`, summary(`filler-${i}`, 1000));
      return s;
    };

    test('under the budget nobody reports', () => {
      const s = session();
      s.setFile(`${ROOT}/big.md`, summary('big', 5000));
      assert.equal(s.set.budget.over, false);
      assert.equal(s.budget(`${ROOT}/big.md`, reading('big', 5000), names), undefined);
    });

    test('over it, only the largest reports, with the next two largest', () => {
      const s = over();
      s.setFile(`${ROOT}/big.md`, summary('big', 3000));
      assert.equal(s.set.budget.over, true);
      const b = s.budget(`${ROOT}/big.md`, reading('big', 3000), names);
      assert.ok(b);
      assert.equal(b.tokens, s.set.budget.tokens);
      assert.equal(b.limit, DESCRIPTIONS_TOKEN_WARNING);
      assert.equal(b.agents, 62);
      assert.equal(b.next.length, 2);
      assert.ok(b.next.every((n) => n.uri.startsWith(`file://${USER}/filler-`)));
      assert.equal(s.budget(`${USER}/filler-00.md`, reading('filler-0', 1000), names), undefined);
    });

    test("the figure counts the file's text as it is now: growing it past the largest makes it the one that reports", () => {
      const s = over();
      s.setFile(`${ROOT}/big.md`, summary('big', 3000));
      const grown = s.budget(`${USER}/filler-00.md`, reading('filler-0', 4000), names);
      assert.ok(grown);
      assert.equal(grown.tokens, Math.ceil((s.set.budget.chars + 3000) / 4));
      assert.equal(grown.next[0].uri, `file://${ROOT}/big.md`);
    });

    test('of two equally large, the first path reports', () => {
      const s = over();
      s.setFile(`${ROOT}/a.md`, summary('aa', 3000));
      s.setFile(`${ROOT}/b.md`, summary('bb', 3000));
      assert.ok(s.budget(`${ROOT}/a.md`, reading('aa', 3000), names));
      assert.equal(s.budget(`${ROOT}/b.md`, reading('bb', 3000), names), undefined);
    });

    test('a shadowed agent costs nothing and does not report', () => {
      const s = over();
      s.setFile(`${USER}/big.md`, summary('big', 3000));
      s.setFile(`${ROOT}/big.md`, summary('big', 10));
      assert.equal(s.budget(`${USER}/big.md`, reading('big', 3000), names), undefined);
    });
  });
});
