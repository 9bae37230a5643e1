import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { renderPreviewBody } from '../../client/src/preview/render';
import { lintText } from '../../server/src/core/lint';
import { buildPreviewModel } from '../../server/src/core/preview-model';
import { textOf } from '../preview-helpers';

const text = '---\nname: reviewer\ndescription: Use it to review.\n---\nYou review.\n';

function body(shadowing?: { shadowedBy?: string; shadows: string[] }): string {
  const { agent, claude, findings } = lintText(text, { fileName: '/p/.claude/agents/r.md' });
  return renderPreviewBody(buildPreviewModel({ uri: 'file:///p/.claude/agents/r.md', version: 1, text, agent, claude, findings, shadowing }));
}

const line = (html: string) => /<p class="note" data-role="shadowing">(.*?)<\/p>/.exec(html)?.[1];

describe("the preview's line on shadowing", () => {
  test('a shadowed agent names the file Claude Code uses instead', () => {
    assert.equal(textOf(line(body({ shadowedBy: '~/.claude/agents/x.md', shadows: [] })) ?? ''), 'Shadowed by ~/.claude/agents/x.md: Claude Code uses that one.');
  });

  test('an agent that shadows others names them', () => {
    assert.equal(
      textOf(line(body({ shadows: ['~/.claude/agents/x.md', '../.claude/agents/x.md'] })) ?? ''),
      'Shadows ~/.claude/agents/x.md, ../.claude/agents/x.md: Claude Code uses this one.',
    );
  });

  test('no line without namesakes, and paths are escaped', () => {
    assert.equal(line(body()), undefined);
    assert.equal(line(body({ shadows: [] })), undefined);
    assert.match(line(body({ shadowedBy: '<b>.md', shadows: [] })) ?? '', /&lt;b&gt;\.md/);
  });
});
