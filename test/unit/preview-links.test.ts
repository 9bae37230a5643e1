/** The preview's link policy: which links open, how, and why the rest are refused. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { displayLink, EXTERNAL_SCHEMES, linkAction } from '../../client/src/preview/links';

const AGENT = ['.claude', 'agents', 'reviewer.md'];

const reasonOf = (href: string) => {
  const a = linkAction(href, AGENT);
  assert.equal(a.kind, 'refused', `${href} -> ${JSON.stringify(a)}`);
  return (a as { reason: string }).reason;
};

describe('preview links', () => {
  test('http, https and mailto go to the system opener, as written', () => {
    assert.deepEqual([...EXTERNAL_SCHEMES], ['http', 'https', 'mailto']);
    for (const href of ['http://example.com/a?b#c', 'https://example.com', 'HTTPS://EXAMPLE.COM', 'mailto:someone@example.com']) {
      assert.deepEqual(linkAction(href, AGENT), { kind: 'external', uri: href });
    }
    assert.deepEqual(linkAction('https://example.com', undefined), { kind: 'external', uri: 'https://example.com' }, 'no workspace folder needed');
  });

  test('every other scheme is refused, naming it', () => {
    for (const [href, scheme] of [
      ['vscode://file/etc/passwd', 'vscode'],
      ['vscode-insiders://x', 'vscode-insiders'],
      ['command:workbench.action.terminal.new', 'command'],
      ['file:///etc/passwd', 'file'],
      ['javascript:alert(1)', 'javascript'],
      ['JavaScript:alert(1)', 'javascript'],
      ['data:text/html,x', 'data'],
      ['ftp://example.com', 'ftp'],
      ['C:/Windows/win.ini', 'c'],
    ]) {
      assert.match(reasonOf(href), new RegExp(`^the preview opens only http, https, mailto links and files in the workspace folder, not ${scheme}: links$`), href);
    }
  });

  test('relative links: files in the workspace folder, relative to the agent file or, from /, to the folder', () => {
    const file = (href: string) => linkAction(href, AGENT);
    assert.deepEqual(file('notes.md'), { kind: 'file', segments: ['.claude', 'agents', 'notes.md'] });
    assert.deepEqual(file('./notes.md#top'), { kind: 'file', segments: ['.claude', 'agents', 'notes.md'] });
    assert.deepEqual(file('../../docs/notes.md?x=1'), { kind: 'file', segments: ['docs', 'notes.md'] });
    assert.deepEqual(file('/docs/notes.md'), { kind: 'file', segments: ['docs', 'notes.md'] });
    assert.deepEqual(file('/docs//./a%20b.md'), { kind: 'file', segments: ['docs', 'a b.md'] });
  });

  test('links that climb out of the workspace folder are refused, however they are written', () => {
    for (const href of [
      '../../../etc/passwd',
      '../../../../../../../../etc/passwd',
      '/../etc/passwd',
      '%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '..%2f..%2f..%2fetc%2fpasswd',
      '..\\..\\..\\Windows\\win.ini',
      '../../docs/../../x',
    ]) {
      assert.equal(reasonOf(href), 'it points outside the workspace folder', href);
    }
  });

  test('relative links with no workspace folder, no path, a host, or bad encoding are refused', () => {
    assert.deepEqual(linkAction('notes.md', undefined), { kind: 'refused', reason: 'links open files in the workspace folder of the agent file, and this file is in none' });
    assert.equal(reasonOf('?x'), 'it names no file');
    assert.equal(reasonOf('//evil.example/x'), 'it names a host without a scheme: write http:// or https:// before it');
    assert.equal(reasonOf('\\\\server\\share'), 'it names a host without a scheme: write http:// or https:// before it');
    assert.equal(reasonOf('%E0%A4%A'), 'it is not a valid link');
    assert.equal(reasonOf('a%00b'), 'it is not a valid link');
    assert.equal(reasonOf('../..'), 'it names the workspace folder, not a file');
  });

  test('a link in a message: short, and never a Markdown link VS Code would make clickable', () => {
    assert.equal(displayLink('../../../etc/passwd'), '../../../etc/passwd');
    assert.equal(displayLink('x](command:workbench.action.terminal.new)'), 'x%5D%28command:workbench.action.terminal.new%29');
    assert.equal(displayLink('a\nb\u0000'), 'a%0Ab%00');
    const long = displayLink(`https://example.com/${'a'.repeat(500)}`);
    assert.equal(long.length, 100);
    assert.ok(long.endsWith('\u2026'));
  });
});
