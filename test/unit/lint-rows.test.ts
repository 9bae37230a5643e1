import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diagnosticsFor, diagnosticsOf, isLinted, nameOf, namesakeGroups, RowWriter, settingOf, type NameAt, type Row } from '../../server/src/cli/lint-rows';
import { SeenFiles } from '../../server/src/cli/seen-files';

const at = (name: string, tree = '/p/.claude/agents', line = 1): NameAt => ({
  name,
  tree,
  start: 10,
  end: 10 + name.length,
  position: { start: { line, character: 6 }, end: { line, character: 6 + name.length } },
});

/** The rows of one share of `names.length` files, file i named names[i] (undefined: no name). */
function share(names: Array<NameAt | undefined>): Row[] {
  const writer = new RowWriter(names.length, false);
  names.forEach((name, i) => writer.linted(i, [], name, undefined, undefined));
  return names.map((_, index) => ({ rows: writer.rows, index, file: `f${index}.md` }));
}

const groupNames = (rows: Row[]) => namesakeGroups(rows).map((g) => g.map((m) => `${m.row.file}:${m.name.name}`));

describe('lint rows: what the CLI keeps of each file, off the JS heap', () => {
  test('a name is read back as written: any text (accents, emoji, CJK), its tree and its place', () => {
    const names = [at('reviewer'), at('revisión-ñ', '/q/agents', 3), at('代码审查员'), at('🤖-bot'), undefined];
    const rows = share(names);
    names.forEach((name, i) => {
      if (name) assert.deepEqual(nameOf(rows[i]), name);
    });
    assert.ok(rows.every(isLinted));
  });

  test('the names buffer grows past its first size without losing a name', () => {
    const names = Array.from({ length: 3 }, (_, i) => at(`${'x'.repeat(200)}-${i}`));
    const rows = share(names);
    assert.deepEqual(
      rows.map((r) => nameOf(r).name),
      names.map((n) => n.name),
    );
  });

  test('namesakes are grouped by tree and name, in file order; a name in another tree is no namesake', () => {
    const rows = share([at('a'), at('b'), at('a'), at('a', '/other/agents'), undefined, at('b'), at('c')]);
    assert.deepEqual(groupNames(rows), [
      ['f0.md:a', 'f2.md:a'],
      ['f1.md:b', 'f5.md:b'],
    ]);
  });

  test('two different names with the same hash are not namesakes', () => {
    // 'agent-zz' and 'agent-tgq0' have the same 30-bit FNV-1a hash (found by a search over agent-<base 36>).
    assert.deepEqual(groupNames(share([at('agent-zz'), at('agent-tgq0')])), []);
    assert.deepEqual(groupNames(share([at('agent-zz'), at('agent-tgq0'), at('agent-zz')])), [['f0.md:agent-zz', 'f2.md:agent-zz']]);
  });

  test('a row keeps its duplicate-name setting and its diagnostics; a row never written is not linted', () => {
    const writer = new RowWriter(3, false);
    const diagnostic = { code: 'x', severity: 'warning' as const, message: 'm', range: at('a').position };
    writer.linted(0, [diagnostic], at('a'), 'off', undefined);
    writer.unread(1, [diagnostic]);
    const rows = [0, 1, 2].map((index) => ({ rows: writer.rows, index, file: `f${index}.md` }));
    assert.deepEqual(rows.map(settingOf), ['off', undefined, undefined]);
    assert.deepEqual(rows.map(isLinted), [true, true, false]);
    assert.deepEqual(diagnosticsOf(rows[0]), [diagnostic]);
    assert.equal(diagnosticsOf(rows[2]), undefined);
    diagnosticsFor(rows[2]).push(diagnostic);
    assert.deepEqual(diagnosticsOf(rows[2]), [diagnostic]);
  });

  test('rows cross to another thread as they are (structured clone)', () => {
    const writer = new RowWriter(2, true);
    writer.linted(0, [], at('ü-agent'), 'error', '1:2');
    const copy = structuredClone(writer.rows);
    const row = { rows: copy, index: 0, file: 'f0.md' };
    assert.deepEqual(nameOf(row), at('ü-agent'));
    assert.equal(settingOf(row), 'error');
    assert.equal(copy.ids?.[0], '1:2');
  });
});

describe('seen files: a file reached by a second path is not linted again', () => {
  test('an identity counts once; other devices and inodes are other files', () => {
    const seen = new SeenFiles(4);
    assert.equal(seen.addIfNew('2049:12'), true);
    assert.equal(seen.addIfNew('2049:12'), false);
    assert.equal(seen.addIfNew('2050:12'), true);
    assert.equal(seen.addIfNew('2049:13'), true);
  });

  test('inodes past what a double holds exactly are told apart as text', () => {
    const seen = new SeenFiles(2);
    assert.equal(seen.addIfNew('1:18446744073709551614'), true);
    assert.equal(seen.addIfNew('1:18446744073709551615'), true);
    assert.equal(seen.addIfNew('1:18446744073709551615'), false);
  });

  test('as many identities as files fit, each found again (the table never fills)', () => {
    const n = 5000;
    const seen = new SeenFiles(n);
    for (let i = 0; i < n; i++) assert.equal(seen.addIfNew(`7:${i * 4099}`), true);
    for (let i = 0; i < n; i++) assert.equal(seen.addIfNew(`7:${i * 4099}`), false);
  });
});
