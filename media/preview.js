// The webview side of the Subagent Studio agent preview.
// - Swaps in new content posted by the extension ({ type: 'update', uri, version, html, title }) in one
//   step, keeping the scroll position when it is the same document (no reload, no flicker).
// - Clicks on a problem or an example ask the extension to reveal that place ({ type: 'reveal', line,
//   character }); a double-click on a block of the system prompt reveals its source line.
// - Links never navigate the webview, and clicks on them go no further: the extension decides what to
//   open ({ type: 'openLink', href }).
// - Remembers the document's URI with setState, so the panel comes back after a window reload.
// - Scrolls with the editor both ways, as VS Code's Markdown preview does: blocks carry the source line
//   they start at (`data-line`), and a position between two of them is a line between theirs.
//   { type: 'scrollTo', line } puts that line at the top; after every scroll it reports the line now at
//   the top ({ type: 'scrolled', line, byEditor }), byEditor when the scroll was one the extension asked
//   for (or the restoring of the position after an update), which the editor must not follow back.
// The HTML it receives is produced by the extension's render function, where all agent text is escaped.
(function () {
  'use strict';

  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const content = document.getElementById('content');
  if (!content) return;

  function remember() {
    const uri = content.getAttribute('data-uri');
    if (uri) vscode.setState({ uri: uri });
  }

  function acknowledge() {
    const name = content.querySelector('[data-role="name"]');
    vscode.postMessage({
      type: 'rendered',
      uri: content.getAttribute('data-uri') || '',
      version: Number(content.getAttribute('data-version')),
      name: name ? name.textContent : null,
      load: content.getAttribute('data-load') || '',
    });
  }

  window.addEventListener('message', function (event) {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'update' && typeof msg.html === 'string' && typeof msg.uri === 'string') {
      const sameDocument = content.getAttribute('data-uri') === msg.uri;
      const x = window.scrollX;
      const y = window.scrollY;
      content.innerHTML = msg.html;
      content.setAttribute('data-uri', msg.uri);
      content.setAttribute('data-version', String(Number(msg.version) | 0));
      if (typeof msg.title === 'string') document.title = msg.title;
      scrollQuietly(sameDocument ? x : 0, sameDocument ? y : 0);
      remember();
      acknowledge();
    } else if (msg.type === 'scrollTo' && typeof msg.line === 'number' && Number.isFinite(msg.line)) {
      scrollQuietly(window.scrollX, Math.round(offsetOfLine(msg.line)));
      if (quietY < 0) report(true); // already there: no scroll event, so say so now
    }
  });

  // ---- scroll sync ----

  // The scroll position a scroll of our own ends at, until its scroll event arrives (-1: none pending).
  let quietY = -1;

  function scrollQuietly(x, y) {
    const before = window.scrollY;
    window.scrollTo(x, y);
    if (window.scrollY !== before) quietY = window.scrollY;
  }

  // The blocks with a source line, in page order, from the top of the page (line 0): both their lines and
  // their offsets increase, so that a line maps to one offset and back.
  function anchors() {
    const list = [{ line: 0, top: 0 }];
    for (const el of content.querySelectorAll('[data-line]')) {
      const line = Number(el.getAttribute('data-line'));
      const top = el.getBoundingClientRect().top + window.scrollY;
      const last = list[list.length - 1];
      if (Number.isFinite(line) && line > last.line && top > last.top) list.push({ line: line, top: top });
    }
    return list;
  }

  // Where `value` of one coordinate ('line' or 'top') falls in the other, between the anchors around it.
  function along(from, to, value) {
    const list = anchors();
    let i = 0;
    while (i + 1 < list.length && list[i + 1][from] <= value) i++;
    const a = list[i];
    const b = list[i + 1];
    return b ? a[to] + ((value - a[from]) / (b[from] - a[from])) * (b[to] - a[to]) : a[to];
  }

  function offsetOfLine(line) {
    return along('line', 'top', line);
  }

  function lineAtOffset(y) {
    return along('top', 'line', y);
  }

  function report(byEditor) {
    vscode.postMessage({ type: 'scrolled', line: lineAtOffset(window.scrollY), byEditor: byEditor });
  }

  // One report per frame, however many scroll events it had.
  let pending = false;
  window.addEventListener('scroll', function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      const byEditor = quietY >= 0 && Math.abs(window.scrollY - quietY) < 1;
      quietY = -1;
      report(byEditor);
    });
  });

  function toNumber(value) {
    const n = Number(value);
    return Number.isFinite(n) && n >= 0 ? Math.floor(n) : 0;
  }

  // A click on a link or a reveal button ends here. Stopping it matters as much as preventing its default:
  // VS Code's webview host listens on the window for clicks on links and opens them itself, which would
  // open a link a second time, or open one the extension refuses.
  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const reveal = target.closest('[data-reveal-line]');
    if (reveal) {
      event.preventDefault();
      event.stopPropagation();
      vscode.postMessage({
        type: 'reveal',
        line: toNumber(reveal.getAttribute('data-reveal-line')),
        character: toNumber(reveal.getAttribute('data-reveal-character')),
      });
      return;
    }
    const link = target.closest('a[href]');
    if (link) {
      event.preventDefault();
      event.stopPropagation();
      const href = link.getAttribute('href') || '';
      if (href.startsWith('#')) {
        const el = document.getElementById(decodeFragment(href.slice(1)));
        if (el) el.scrollIntoView();
      } else if (href) {
        vscode.postMessage({ type: 'openLink', href: href });
      }
    }
  });

  function decodeFragment(fragment) {
    try {
      return decodeURIComponent(fragment);
    } catch {
      return fragment;
    }
  }

  document.addEventListener('dblclick', function (event) {
    const target = event.target instanceof Element ? event.target : null;
    const block = target && target.closest('.markdown [data-line]');
    if (!block) return;
    vscode.postMessage({ type: 'reveal', line: toNumber(block.getAttribute('data-line')), character: 0 });
  });

  remember();
  acknowledge();
})();
