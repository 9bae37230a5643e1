/**
 * Input-sized arrays are never spread into a call (`push(...items)`): past about 120,000 arguments V8
 * throws `RangeError`, and the editor gets no diagnostics, the CLI aborts. Each file here used to throw.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { outline } from '../../server/src/core/assist/symbols';
import { lintText } from '../../server/src/core/lint';
import { parseAgent } from '../../server/src/core/parse';

const HEAD = '---\nname: many\ndescription: Use it when asked.\n---\n';

function parsesAndLints(text: string): void {
  const agent = parseAgent(text);
  const result = lintText(text, { agent });
  assert.deepEqual(result.internalErrors.map((e) => e.rule), []);
  outline(text, agent);
}

describe('huge inputs: no spread of an input-sized array', () => {
  test('130,000 `<example>` tags in the body (1.3 MB)', () => {
    const text = HEAD + '<example>\n'.repeat(130_000);
    assert.ok(text.length > 1_300_000);
    const agent = parseAgent(text);
    assert.equal(agent.tags.length, 130_000);
    parsesAndLints(text);
  });

  test('130,000 `<example>` tags in the description', () => {
    parsesAndLints('---\nname: many\ndescription: Use it. ' + '<example> '.repeat(130_000) + '\n---\nBody\n');
  });

  test('200,000 tools in one list item', () => {
    const text = '---\nname: many\ndescription: Use it when asked.\ntools:\n  - ' + 'Read '.repeat(200_000) + '\n---\nBody\n';
    parsesAndLints(text);
  });

  test('a block scalar of 200,000 lines in frontmatter that only the lenient read takes', () => {
    const text = '---\nname: many\ndescription: |\n' + '  line\n'.repeat(200_000) + 'bad: [\n---\nBody\n';
    const agent = parseAgent(text);
    assert.equal(agent.frontmatter?.fieldsFrom, 'lenient');
    parsesAndLints(text);
  });

  test('200,000 headings in the body', () => {
    const text = HEAD + '# h\n'.repeat(200_000);
    const symbols = outline(text, parseAgent(text));
    assert.equal(symbols.filter((s) => s.kind === 'heading').length, 200_000);
  });
});
