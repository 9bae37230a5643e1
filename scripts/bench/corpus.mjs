// The benchmark inputs, built under bench-out/ (git-ignored) from ../shared, never copied into the project.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, OUT_DIR, PERSONAS_DIR, requireShared } from './common.mjs';

export const COPIES = 10;
export const CORPUS_2020_ROOT = path.join(OUT_DIR, 'corpus-2020');
export const CORPUS_2020_AGENTS = path.join(CORPUS_2020_ROOT, '.claude', 'agents');
export const LSP_WS = path.join(OUT_DIR, 'ws-lsp');
export const LSP_AGENTS = path.join(LSP_WS, '.claude', 'agents');

/**
 * The 202 real-world files copied ten times, flat in one `.claude/agents/` folder (flat, because that is
 * where claude-code-lint looks: `.claude/agents/*.md`), as `r<copy>-<file>.md`. Rebuilt on every run.
 */
export function build2020Corpus() {
  requireShared('the 2,020-file corpus');
  const sources = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort();
  rmSync(CORPUS_2020_ROOT, { recursive: true, force: true });
  mkdirSync(CORPUS_2020_AGENTS, { recursive: true });
  const files = [];
  for (let i = 0; i < COPIES; i++) {
    for (const f of sources) {
      const dest = path.join(CORPUS_2020_AGENTS, `r${i}-${f}`);
      copyFileSync(path.join(CORPUS_DIR, f), dest);
      files.push(dest);
    }
  }
  const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
  return { root: CORPUS_2020_ROOT, agentsDir: CORPUS_2020_AGENTS, files, sources: sources.length, bytes };
}

// ---- the CLI at scale ------------------------------------------------------------------------------
export const SCALE_ROOT = path.join(OUT_DIR, 'cli-scale');

/**
 * The 202 real-world files copied `copies` times, flat in one `.claude/agents/` folder, as
 * `r<copy>-<file>.md` (rebuilt when its file count differs). With `distinctNames`, each copy's `name:` line
 * is rewritten to `r<copy>-<file stem>`, so no two files share a name; without, the copies share their
 * names, as copies of a folder do (every file then has `copies - 1` namesakes).
 */
export function buildScaleCorpus(copies, distinctNames) {
  requireShared('the CLI scale corpora');
  const sources = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const label = `${distinctNames ? 'distinct' : 'repeated'}-${copies * sources.length}`;
  const root = path.join(SCALE_ROOT, label);
  const agentsDir = path.join(root, '.claude', 'agents');
  const files = sources.length * copies;
  if (!existsSync(agentsDir) || readdirSync(agentsDir).length !== files) {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(agentsDir, { recursive: true });
    const texts = sources.map((f) => readFileSync(path.join(CORPUS_DIR, f), 'utf8'));
    for (let c = 0; c < copies; c++) {
      sources.forEach((f, i) => {
        const text = distinctNames ? texts[i].replace(/^name:[ \t]*.*$/m, `name: r${c}-${f.replace(/\.md$/, '')}`) : texts[i];
        writeFileSync(path.join(agentsDir, `r${c}-${f}`), text);
      });
    }
  }
  return { root, agentsDir, files, label };
}

// ---- the ~7 KB persona ----------------------------------------------------------------------------
const PERSONA_SOURCE = '004-senior-backend-architect.md';
const PERSONA_TARGET_BYTES = 7 * 1024;
const EXTRA_BODY = [
  '',
  '## Review checklist',
  '',
  'Before you hand over a design, walk through this list and say which items you checked:',
  '',
  '- Every external call has a timeout, a retry budget and a circuit breaker where it matters.',
  '- Writes are idempotent, or the design says how duplicates are detected and dropped.',
  '- The data model names its owner service; no two services write the same table.',
  '- Hot paths have a latency budget, and the design shows where the milliseconds go.',
  '- Secrets come from the platform secret store, never from environment files in the repository.',
  '- Migrations are backward compatible for one release, so a rollback does not lose data.',
  '',
  '## Capacity planning',
  '',
  'Estimate load from the numbers the user gives you, and state your assumptions when they give none:',
  '',
  '1. Requests per second at peak, and the ratio of reads to writes.',
  '2. The size of a typical record and the growth per month.',
  '3. The fan-out of each request: how many downstream calls, queries and cache lookups.',
  '',
  '```text',
  'peak_rps      = daily_requests / 86400 * peak_factor',
  'storage_month = writes_per_day * 30 * record_bytes * replication',
  '```',
  '',
  '## Observability',
  '',
  'Propose the three to five metrics that tell whether the system is healthy (latency percentiles, error',
  'rate, saturation of the scarcest resource, queue depth), the alerts on them, and the traces that let an',
  'engineer follow one request across services. Prefer structured logs with a request id over free text.',
  '',
  '## Communication',
  '',
  'Write for the engineer who will build it: short paragraphs, diagrams as text, decisions with their',
  'reasons, and a list of open questions at the end. When a trade-off depends on facts you do not have,',
  'say which fact would change your recommendation and how.',
  '',
];

/**
 * ../shared/personas/004-senior-backend-architect.md (5.4 KB, the largest persona) with ~1.6 KB of
 * Markdown appended to its body, so that it is ~7 KB.
 */
export function buildPersona7k() {
  requireShared('the 7 KB persona');
  const base = readFileSync(path.join(PERSONAS_DIR, PERSONA_SOURCE), 'utf8');
  let text = base.endsWith('\n') ? base : base + '\n';
  let i = 0;
  while (Buffer.byteLength(text) < PERSONA_TARGET_BYTES) {
    text += EXTRA_BODY[i % EXTRA_BODY.length] + '\n';
    i++;
  }
  mkdirSync(LSP_AGENTS, { recursive: true });
  const file = path.join(LSP_AGENTS, 'senior-backend-architect.md');
  writeFileSync(file, text);
  return { file, text, source: PERSONA_SOURCE, baseBytes: Buffer.byteLength(base), bytes: Buffer.byteLength(text) };
}

// ---- the 1 MB agents ----------------------------------------------------------------------------------
const TOPICS = [
  'caching',
  'queues',
  'schema migrations',
  'rate limiting',
  'observability',
  'authentication',
  'pagination',
  'retries',
  'feature flags',
  'search indexing',
  'file uploads',
  'webhooks',
];
const LANGS = ['ts', 'bash', 'yaml', 'python', 'sql'];

function codeBlock(lang, n) {
  switch (lang) {
    case 'ts':
      return [
        '```ts',
        `export async function handler${n}(req: Request): Promise<Response> {`,
        `  const id = req.headers.get('x-request-id') ?? crypto.randomUUID();`,
        `  const body = await req.json();`,
        `  if (!body?.items?.length) return new Response('empty', { status: 400 });`,
        `  return Response.json({ id, count: body.items.length });`,
        '}',
        '```',
      ];
    case 'bash':
      return [
        '```bash',
        `set -euo pipefail`,
        `kubectl -n prod rollout status deploy/api-${n} --timeout=120s`,
        `curl -fsS "https://internal.example/health?check=${n}" | jq '.status'`,
        '```',
      ];
    case 'yaml':
      return [
        '```yaml',
        `service: worker-${n}`,
        'replicas: 3',
        'resources:',
        '  limits: { cpu: "500m", memory: 512Mi }',
        'env:',
        `  - name: QUEUE_URL`,
        `    value: "amqp://queue/${n}"`,
        '```',
      ];
    case 'python':
      return [
        '```python',
        `def backoff_${n}(attempt: int, base: float = 0.2) -> float:`,
        '    """Exponential backoff with full jitter."""',
        '    import random',
        '    return random.uniform(0, base * 2 ** attempt)',
        '```',
      ];
    default:
      return [
        '```sql',
        `CREATE INDEX CONCURRENTLY idx_orders_${n} ON orders (customer_id, created_at DESC);`,
        `SELECT count(*) FROM orders WHERE created_at > now() - interval '${n % 30} days';`,
        '```',
      ];
  }
}

/** A realistic Markdown section (heading, paragraphs, a list, a code fence, a table now and then). */
export function markdownSection(n) {
  const topic = TOPICS[n % TOPICS.length];
  const lines = [
    `## ${n}. Working on ${topic}`,
    '',
    `When the user asks about ${topic}, start from the constraints they state and the numbers they have. ` +
      `Explain the trade-offs in plain words, name the failure modes, and recommend one option with its reasons. ` +
      `Keep **examples** short and make the \`defaults\` explicit, so the reader can copy them safely.`,
    '',
    `### Steps for ${topic}`,
    '',
    `1. Read the relevant code and configuration before proposing a change (section ${n}).`,
    `2. Write down the current behaviour and the behaviour the user wants.`,
    `3. Propose the smallest change that gets there, and how to roll it back.`,
    `   - Check the error handling on every path.`,
    `   - Check the metrics and logs that will show whether it works.`,
    '',
    ...codeBlock(LANGS[n % LANGS.length], n),
    '',
  ];
  if (n % 4 === 0) {
    lines.push(
      '| Option | Latency | Cost | Notes |',
      '| --- | --- | --- | --- |',
      `| A${n} | low | medium | simplest to run |`,
      `| B${n} | medium | low | needs a queue |`,
      '',
    );
  }
  lines.push(`> Note: for ${topic}, prefer boring, well-understood tools over clever ones.`, '');
  return lines.join('\n') + '\n';
}

export function fillTo(targetBytes, piece) {
  const parts = [];
  let bytes = 0;
  for (let n = 1; bytes < targetBytes; n++) {
    const p = piece(n);
    parts.push(p);
    bytes += Buffer.byteLength(p);
  }
  return parts.join('');
}

export const MB = 1024 * 1024;

/** A valid agent whose body is ~1 MB of Markdown. */
export function buildBigBody() {
  const head = [
    '---',
    'name: platform-handbook',
    'description: Platform engineering handbook agent. Use proactively when the user works on backend services, deployments or infrastructure.',
    'tools: Read, Grep, Glob, Bash',
    'model: sonnet',
    '---',
    '',
    '# Platform handbook',
    '',
    "You are the platform team's handbook. Answer from the sections below.",
    '',
  ].join('\n');
  const text = head + fillTo(MB, markdownSection);
  mkdirSync(LSP_AGENTS, { recursive: true });
  const file = path.join(LSP_AGENTS, 'platform-handbook.md');
  writeFileSync(file, text);
  return { file, text, bytes: Buffer.byteLength(text) };
}

function exampleBlock(n) {
  const topic = TOPICS[n % TOPICS.length];
  return (
    `<example>\\nContext: The user is working on ${topic} in service ${n}.\\n` +
    `user: \\"Can you review how we handle ${topic} in the orders service?\\"\\n` +
    `assistant: \\"I'll use the release-reviewer agent to review the ${topic} code paths.\\"\\n` +
    `<commentary>\\nA review of ${topic} is what this agent is for.\\n</commentary>\\n</example>\\n`
  );
}

/**
 * A valid agent whose description is ~1 MB: one double-quoted YAML line with `\n` escapes and <example>
 * blocks, the shape agent generators write.
 */
export function buildBigDescription() {
  const desc = 'Use this agent when the user wants a release reviewed.\\n\\nExamples:\\n' + fillTo(MB, exampleBlock);
  const text = [
    '---',
    'name: release-reviewer',
    `description: "${desc}"`,
    'tools: Read, Grep, Glob',
    'model: sonnet',
    '---',
    '',
    'You review releases. Read the diff, the changelog and the migration notes, then list the risks.',
    '',
  ].join('\n');
  mkdirSync(LSP_AGENTS, { recursive: true });
  const file = path.join(LSP_AGENTS, 'release-reviewer.md');
  writeFileSync(file, text);
  return { file, text, bytes: Buffer.byteLength(text) };
}

export function exists(p) {
  return existsSync(p);
}
