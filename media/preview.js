// The webview side of the Subagent Studio agent preview.
// - Swaps in new content posted by the extension ({ type: 'update', uri, version, html, title }) in one
//   step, keeping the scroll position when it is the same document (no reload, no flicker).
// - Clicks on a problem or an example ask the extension to reveal that place ({ type: 'reveal', line,
//   character }); a double-click on a block of the system prompt reveals its source line.
// - Links never navigate the webview, and clicks on them go no further: the extension decides what to
//   open ({ type: 'openLink', href }).
// - Remembers the document's URI with setState, so the panel comes back after a window reload.
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
      window.scrollTo(sameDocument ? x : 0, sameDocument ? y : 0);
      remember();
      acknowledge();
    }
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
