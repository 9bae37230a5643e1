import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { QuietBatch } from '../../server/src/lsp/quiet-batch';

describe('QuietBatch: work collected while a burst lasts', () => {
  let now = 0;
  let runs: string[][] = [];
  const batch = () =>
    new QuietBatch(
      (keys) => runs.push(keys),
      100,
      1000,
      () => now,
    );
  const advance = (ms: number) => {
    now += ms;
    mock.timers.tick(ms);
  };
  beforeEach(() => {
    now = 0;
    runs = [];
    mock.timers.enable({ apis: ['setTimeout'] });
  });
  afterEach(() => mock.timers.reset());

  test('keys that keep coming run once, together, after the quiet period; each key once', () => {
    const b = batch();
    for (const key of ['a', 'b', 'a', 'c', 'b']) {
      b.add(key);
      advance(50);
    }
    assert.deepEqual(runs, []);
    advance(50);
    assert.deepEqual(runs, [['a', 'b', 'c']]);
    b.add('a');
    advance(100);
    assert.deepEqual(runs, [['a', 'b', 'c'], ['a']]);
  });

  test('a burst that never pauses still runs at the latest after the longest wait', () => {
    const b = batch();
    for (let i = 0; i < 30; i++) {
      b.add(`k${i}`);
      advance(50);
    }
    assert.equal(runs.length, 1, 'ran once within 1,500 ms of adds every 50 ms');
    assert.equal(runs[0].length, 20, 'with the keys of the first 1,000 ms');
  });

  test('a key deleted before the run does not run', () => {
    const b = batch();
    b.add('a');
    b.add('b');
    b.delete('a');
    advance(100);
    assert.deepEqual(runs, [['b']]);
  });
});
