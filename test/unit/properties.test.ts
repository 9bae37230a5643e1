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

describe('counterexamples the 100,000-case fuzz run found', () => {
  const cases = {
    // `...` ends the YAML document: `name: x` after it is not read, and "Set name to x" changed nothing.
    'a fix that would change nothing is not offered': '---\n...\nname: x\n---',
    // Claude Code ends the frontmatter at the `---` inside `n---`: the description line after it is not
    // seen, and filling it in could not make the agent load (frontmatter-cut's fix does).
    'no description fix for a description after the cut': '---\nn---\name: p\ndescription: Use this agent when: x\nmodel: sonnet\n---\nBody\n',
    // Two cuts: mending the first alone left Claude Code cutting at the second; the fix writes both as `—`.
    'the cut fix mends every cut of the frontmatter': '---\nname: null\nd--- escription:\n  Use it: when ask---\nBody\n',
    // Removing the stray tag before a `---` block turns the block into frontmatter whose `name` lines were
    // there already: the fix adds no key.
    // The comment rule's repair keeps the text YAML took for a comment: it reads back as the whole line.
    'a comment kept by the block scalar reads back whole': '---\n</example>e: x\ndescription: Use it for design, #</example>rchitecture work.\n---\nBody\n',
    // `----` closes Claude Code's frontmatter at once: the `name` line after it needs no fix of its own.
    'no name fix for a name after the cut': '---\n----\nname: code-reviewer\n---',
    'a fix that exposes keys the text already had': '</example> \n---\t\nname: code-reviewe---\r\nname: x\n',
    // A `...` line ends the YAML document: Claude Code reads a list of two documents, not keys, and setting
    // the name could not make the agent load. The fix deletes the `...` line, offered when keys then read.
    'no name fix while YAML reads several documents': '---\nname: --reviewer\n...\n^\n---\n# Role',
    // A lone `\r` ends a line for Bun's YAML and for Claude Code's split, so `\r---` closes the frontmatter
    // for the author too: the frontmatter-cut fix of an earlier `---` leaves no cut behind.
    // From the oracle (seed 264102): `|42` is no block scalar header (one indentation digit at most), so the
    // author's text is `|42`, as Claude Code's rewrite reads it; the repair had quoted it as "\n".
    'a block scalar header YAML refuses is the text of the line': '---\nname: g\ndescription: |42\ntools: Read\n---\nBody\n',
    'a lone carriage return ends the line before the closer': '--- \nname:\r\ndescription: Line one: here\r\n  line two: there---\n opus\r---\nBody\r\n',
  };
  for (const [what, text] of Object.entries(cases)) {
    test(what, () => {
      checkEachFix(text);
      checkFixesSound(text);
      checkFixAllIdempotent(text);
    });
  }
});
