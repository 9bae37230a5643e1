// Hostile input, preview: the render the extension host runs on every refresh, for an agent whose body is
// a fenced code block that opens a string or comment at every other character and never closes it (the
// input that froze the old pattern highlighter), 1 MB each. Also the highlighter alone on the same code,
// without the size limit past which the preview shows a block plain.
import { importTs } from '../lib/import-ts.mjs';
import { fmtMs, max, median, note, nowMs, report } from './common.mjs';

const MB = 1 << 20;
const GOAL_MS = 250;
const RUNS = 5;

/** Each case: a language and a unit repeated to 1 MB. */
const WORST_CASES = [
  { name: 'js, `\\ repeated', lang: 'js', unit: '`\\' },
  { name: 'python, "\\ repeated', lang: 'python', unit: '"\\' },
  { name: "sql, '\\ repeated", lang: 'sql', unit: "'\\" },
  { name: 'js, unclosed /* repeated', lang: 'js', unit: '/* ' },
];

/** The shipped render code and the core's preview model, bundled and minified as the extension is. */
function loadRenderer() {
  return importTs(
    [
      "export { renderPreviewBody } from './client/src/preview/render';",
      "export { highlight, HIGHLIGHT_LIMIT } from './client/src/preview/highlight';",
      "export { lintText } from './server/src/core/lint';",
      "export { buildPreviewModel } from './server/src/core/preview-model';",
    ].join('\n'),
    { minify: true },
  );
}

/** One warm-up call, then RUNS timed calls; the times in ms. */
function time(f) {
  f();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = nowMs();
    f();
    times.push(nowMs() - t0);
  }
  return times;
}

export async function benchHostilePreview() {
  console.log("\n  preview render of the highlighter's worst cases, 1 MB each");
  const { renderPreviewBody, highlight, HIGHLIGHT_LIMIT, lintText, buildPreviewModel } = await loadRenderer();
  note(`bundled client/src/preview/render.ts (minified); ${RUNS} runs after one warm-up, judged on the slowest`);
  note(`the preview shows code blocks over ${HIGHLIGHT_LIMIT.toLocaleString('en-US')} characters plain; "highlighter alone" has no limit`);
  for (const { name, lang, unit } of WORST_CASES) {
    const code = unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
    const text = `---\nname: worst-case\ndescription: Use it to review code.\n---\nThe code:\n\n\`\`\`${lang}\n${code}\n\`\`\`\n`;
    const file = '/w/.claude/agents/worst-case.md';
    const { agent, claude, findings } = lintText(text, { fileName: file });
    const model = buildPreviewModel({ uri: `file://${file}`, version: 1, text, agent, claude, findings });
    const render = time(() => renderPreviewBody(model));
    report(`preview render (renderPreviewBody), ${name}`, `max ${fmtMs(max(render))}, median ${fmtMs(median(render))}`, `< ${GOAL_MS} ms`, max(render) < GOAL_MS);
    const alone = time(() => highlight(code, lang));
    report(`  highlighter alone, no size limit, ${name}`, `max ${fmtMs(max(alone))}, median ${fmtMs(median(alone))}`, `< ${GOAL_MS} ms`, max(alone) < GOAL_MS);
  }
}
