// The test driver: lets a suite inside VS Code's extension host do what only the browser can, over HTTP on
// 127.0.0.1 (its address reaches the extension host as SUBAGENT_STUDIO_TEST_DRIVER). The launcher starts it
// for a code-server run; in desktop VS Code there is none, and the tests that need it are skipped.
//
//   POST /click {"selector", "button"?}
//                             clicks the first element matching `selector` in any frame (a webview's
//                             content lives in nested frames) with a real mouse click (`button`: "left",
//                             "right"), and answers {"reachedWindow": n}: how often the click reached that
//                             frame's window, where VS Code's own webview link handler listens (0 when the
//                             page stopped it).
//   POST /keys {"type"?, "press"?}
//                             types `type` and then presses each key of `press` (Playwright's names, e.g.
//                             "Enter", "Control+A") where the workbench has the focus, as a person would.
//   POST /query {"selector", "style"?}
//                             answers {"matches": [{"text", "value", "label", "style"}]} for every element
//                             matching `selector` in any frame: its text, its value (inputs), its
//                             aria-label and the computed values of the CSS properties in `style`.
//   POST /wheel {"selector", "deltaY"}
//                             turns the mouse wheel over the first element matching `selector` in any frame.
//   POST /image {"selector", "src"}
//                             loads `src`, relative to the URL of the first element matching `selector` in any
//                             frame (its href or src), as an image in that element's document, as the page
//                             itself would, and answers {"url", "loaded"}: the URL asked for and whether it loaded.
//   POST /site {"name"}       starts a web site to link to, on a port of its own, and answers {"url"}. Every
//                             page loaded from it counts, whatever its path: code-server opens a link to
//                             127.0.0.1 through its own proxy, at the root of the port.
//   GET  /session             {"loads", "carried"}: how many times the workbench page has loaded (2 after one
//                             reload), and what the suite left for its next session (below).
//   POST /session {"carried"} keeps `carried` for the suite's session after the next reload, which the suite
//                             starts right after (a workbench reload runs the suite again, in a new extension
//                             host); until the workbench has loaded again, the launcher ignores the old one's exit.
//   GET  /seen                {"loads": {name: n}, "popups": [url], "launches": [message], "dialogs": [message]}:
//                             the loads from each site, the pages the browser opened besides the workbench,
//                             the external protocols (vscode:, ...) the browser was asked to launch, and the
//                             dialogs the workbench would have shown (such as "Unable to open 'passwd'").

import http from 'node:http';

/** Starts the driver; `attach` gives it the browser context and the workbench page once they exist. */
export async function startDriver() {
  const loads = {};
  const sites = [];
  const popups = [];
  const launches = [];
  const dialogs = [];
  const session = { loads: 0, carried: null };
  /** The suite said it reloads the window, and the workbench has not loaded again yet. */
  let reloading = false;
  let page;
  const attach = (context, workbench) => {
    page = workbench;
    page.on('load', () => {
      session.loads++;
      reloading = false;
    });
    context.on('page', (p) => {
      if (p === page) return;
      const entry = { url: p.url() };
      popups.push(entry);
      p.on('framenavigated', (f) => {
        if (f === p.mainFrame()) entry.url = f.url();
      });
    });
    page.on('console', (m) => {
      // Chromium's word when a page navigates to a scheme no application handles.
      if (/Failed to launch '|scheme does not have a registered handler/.test(m.text())) launches.push(m.text());
      // The workbench under test shows no dialog, and says so, with the dialog's text.
      if (/DialogService: refused to show dialog/.test(m.text())) dialogs.push(m.text().split('\n')[0]);
    });
  };

  const server = http.createServer(async (req, res) => {
    const send = (status, body, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(type === 'application/json' ? JSON.stringify(body) : body);
    };
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname === '/site') {
        const name = String(JSON.parse(await body(req)).name);
        loads[name] = 0;
        const site = http.createServer((q, r) => {
          if (q.url !== '/favicon.ico') loads[name]++;
          r.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end('<!DOCTYPE html><title>opened</title><p>opened</p>');
        });
        await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
        sites.push(site);
        return send(200, { url: `http://127.0.0.1:${site.address().port}/${encodeURIComponent(name)}` });
      }
      if (url.pathname === '/session') {
        if (req.method === 'POST') {
          session.carried = JSON.parse(await body(req)).carried ?? null;
          reloading = true;
        }
        return send(200, session);
      }
      if (req.method === 'GET' && url.pathname === '/seen') return send(200, { loads, popups: popups.map((p) => p.url), launches, dialogs });
      if (req.method === 'POST' && ['/click', '/keys', '/query', '/wheel', '/image'].includes(url.pathname)) {
        const ask = JSON.parse(await body(req));
        if (!page) return send(503, { error: 'the workbench page is not there yet' });
        if (url.pathname === '/click') return send(200, await click(page, String(ask.selector), ask.button === 'right' ? 'right' : 'left'));
        if (url.pathname === '/keys') return send(200, await keys(page, ask));
        if (url.pathname === '/query') return send(200, await query(page, String(ask.selector), Array.isArray(ask.style) ? ask.style.map(String) : []));
        if (url.pathname === '/image') return send(200, await image(page, String(ask.selector), String(ask.src)));
        return send(200, await wheel(page, String(ask.selector), Number(ask.deltaY)));
      }
      send(404, { error: `no ${req.method} ${url.pathname}` });
    } catch (e) {
      send(500, { error: String(e?.stack ?? e) });
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    attach,
    /** Whether the window is reloading for the suite (what the old window reports then is not the suite's end). */
    reloading: () => reloading,
    close: () =>
      Promise.all(
        [server, ...sites].map(
          (srv) =>
            new Promise((resolve) => {
              srv.close(() => resolve());
              srv.closeAllConnections();
            }),
        ),
      ),
  };
}

function body(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (d) => {
      data += d;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/** The first element matching `selector` in any frame of the page, with its frame. */
async function find(page, selector) {
  for (const frame of page.frames()) {
    const element = await frame.$(selector).catch(() => null);
    if (element) return { frame, element };
  }
  throw new Error(`no element matches ${selector} in any of ${page.frames().length} frames`);
}

async function keys(page, { type, press }) {
  if (typeof type === 'string') await page.keyboard.type(type);
  for (const key of Array.isArray(press) ? press : []) await page.keyboard.press(String(key));
  return {};
}

async function query(page, selector, style) {
  const matches = [];
  for (const frame of page.frames()) {
    const found = await frame
      .$$eval(
        selector,
        (elements, props) =>
          elements.map((e) => {
            const computed = globalThis.getComputedStyle(e);
            return {
              text: e.textContent ?? '',
              value: 'value' in e ? String(e.value) : null,
              label: e.getAttribute('aria-label'),
              style: Object.fromEntries(props.map((p) => [p, computed.getPropertyValue(p)])),
            };
          }),
        style,
      )
      .catch(() => []);
    matches.push(...found);
  }
  return { matches };
}

async function wheel(page, selector, deltaY) {
  const { element } = await find(page, selector);
  const box = await element.boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
  await page.mouse.wheel(0, deltaY);
  return {};
}

async function image(page, selector, src) {
  const { element } = await find(page, selector);
  return element.evaluate(
    (e, relative) =>
      new Promise((resolve) => {
        const url = new URL(relative, e.href || e.src).toString();
        const img = new globalThis.Image();
        img.onload = () => resolve({ url, loaded: true });
        img.onerror = () => resolve({ url, loaded: false });
        img.src = url;
      }),
    src,
  );
}

async function click(page, selector, button) {
  const { frame, element } = await find(page, selector);
  // A listener on the frame's window, added after VS Code's own: it hears the click only if the click
  // got past the document, where the preview's handler stops it.
  await frame.evaluate(() => {
    const w = /** @type {any} */ (globalThis);
    if (!w.__driverProbe) {
      w.__driverProbe = true;
      w.addEventListener('click', () => {
        w.__driverReached = (w.__driverReached ?? 0) + 1;
      });
    }
    w.__driverReached = 0;
  });
  await element.click({ button });
  const reachedWindow = await frame.evaluate(() => /** @type {any} */ (globalThis).__driverReached);
  return { reachedWindow };
}
