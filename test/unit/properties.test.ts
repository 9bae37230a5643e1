import fc from 'fast-check';
import { describe, test } from 'node:test';
import { anyAgent, fixShapes } from '../arbitraries';
import { personas } from '../helpers';
import { checkEachFix, checkFixAllIdempotent, checkFixesSound, checkParseAndLint } from '../properties';

/** The quick profile run by `npm test`; `npm run fuzz` runs the same properties at least 100,000 times. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const seeds = personas().map((p) => p.text);

describe('properties over generated and mutated agent files (quick profile)', () => {
  test('parsing and linting never throw, and every range lies inside the document', () => {
    fc.assert(fc.property(anyAgent(seeds), checkParseAndLint), { numRuns: RUNS });
  });
  test('every fix changes only its range and makes its finding go away', () => {
    fc.assert(fc.property(anyAgent(seeds), checkEachFix), { numRuns: Math.ceil(RUNS / 3) });
  });
  test('fixing twice equals fixing once', () => {
    fc.assert(fc.property(anyAgent(seeds), checkFixAllIdempotent), { numRuns: Math.ceil(RUNS / 3) });
  });
  test('fixes are sound: no key twice, text kept as said, safe fixes keep what Claude Code reads', () => {
    fc.assert(fc.property(fc.oneof(fixShapes, anyAgent(seeds)), checkFixesSound), { numRuns: Math.ceil(RUNS / 3) });
  });
});
