#!/usr/bin/env node
// Generates the persona snippets: one snippet per persona agent file, inserting the whole agent with its
// frontmatter rewritten as valid YAML. Two sets, each committed:
//   ../shared/personas/      -> snippets/personas.code-snippets (the product's; skipped when ../shared is absent)
//   test/fixtures/personas/  -> test/fixtures/personas/personas.code-snippets (the tests' stand-ins)
//
//   npm run generate:snippets                      write both files
//   node scripts/generate-snippets.mjs --check     exit 1 when a committed file differs from a fresh run
//   node scripts/generate-snippets.mjs --stdout --personas <dir>   print the snippets of the personas in <dir>
//
// The persona files are read with the core (parseAgent, its example reader, its block scalar writer and
// snippet expander), through an in-memory build. The output is deterministic (same personas in, same bytes
// out). Each generated agent is checked before anything is written: its frontmatter must be valid YAML and
// give back the name, the description as laid out (one example part per line), and the persona's model and
// color.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { importTs, REPO_ROOT } from './lib/import-ts.mjs';

const core = await importTs(`
  export { parseAgent } from './server/src/core/parse';
  export { buildExamples, findTags } from './server/src/core/parse/examples';
  export { plain } from './server/src/core/parse/simple-yaml';
  export { toLiteralBlock } from './server/src/core/yaml-write';
  export { escapeSnippetText, expandSnippetBody } from './server/src/snippet-expand';
  export { COLORS, MODEL_ALIASES } from './server/src/core/schema';
`);

/** Each persona folder and the file its snippets are committed in. */
export const SETS = [
  { personas: path.resolve(REPO_ROOT, '..', 'shared', 'personas'), snippets: path.join(REPO_ROOT, 'snippets', 'personas.code-snippets') },
  { personas: path.join(REPO_ROOT, 'test', 'fixtures', 'personas'), snippets: path.join(REPO_ROOT, 'test', 'fixtures', 'personas', 'personas.code-snippets') },
];

const rel = (p) => path.relative(REPO_ROOT, p).split(path.sep).join('/');

// ---------------------------------------------------------------------------------------------------
// Reading a persona file (whose frontmatter is usually not valid YAML)

/** The parsed agent, its body and its fields as the author meant them (the lenient read when YAML fails). */
function readPersona(file, text) {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const agent = core.parseAgent(src);
  const fm = agent.frontmatter;
  if (!fm || !fm.startsOnFirstLine) throw new Error(`${file}: no frontmatter: the first line is not ---`);
  if (!fm.close) throw new Error(`${file}: the frontmatter is not closed`);
  const fromYaml = fm.fieldsFrom === 'yaml' && !fm.notAMapping && typeof fm.value === 'object' && fm.value !== null;
  const fields = fromYaml ? new Map(Object.entries(fm.value)) : new Map(fm.fields.map((f) => [f.key, core.plain(f.value)]));
  return { fields, body: src.slice(agent.body.start) };
}

// ---------------------------------------------------------------------------------------------------
// Laying out the description

/**
 * The description with its `<example>` blocks laid out one part per line: literal `\n` escapes become line
 * breaks, and a break is put before and after every example tag and before every turn label (`Context:`,
 * `user:`, `assistant:`) that does not already start a line. Only white space changes.
 */
export function layoutDescription(description) {
  const s = description.replace(/\\n/g, '\n');
  const whole = { start: 0, end: s.length };
  const tags = core.findTags(s, whole);
  // Break points: `before` a tag or label, `after` a tag; where both fall on one offset, `after` first.
  const points = tags.flatMap((t) => [
    { at: t.range.start, side: 'before' },
    { at: t.range.end, side: 'after' },
  ]);
  for (const example of core.buildExamples(s, whole, tags, 'description', (raw) => raw)) {
    for (const turn of example.turns) points.push({ at: turn.labelRange.start, side: 'before' });
  }
  points.sort((a, b) => a.at - b.at || (a.side === 'after' ? -1 : 0) - (b.side === 'after' ? -1 : 0));
  let out = '';
  let from = 0;
  for (const p of points) {
    if (p.at < from) continue;
    out += s.slice(from, p.at);
    from = p.at;
    if (p.side === 'before') {
      const onLine = out.slice(out.lastIndexOf('\n') + 1);
      if (/^[ \t]*(?:[-*][ \t]+)?$/.test(onLine)) continue; // already starts a line (maybe a list item)
      out = out.replace(/[ \t]+$/, '') + '\n';
    } else {
      const lineEnd = s.indexOf('\n', from);
      const restOfLine = s.slice(from, lineEnd < 0 ? s.length : lineEnd);
      if (/^[ \t]*$/.test(restOfLine)) continue;
      from += /^[ \t]*/.exec(restOfLine)[0].length;
      out += '\n';
    }
  }
  return out + s.slice(from);
}

/** The text without any white space (layout may change white space only). */
const withoutWhiteSpace = (s) => s.replace(/\s+/g, '');

// ---------------------------------------------------------------------------------------------------
// Writing the snippet

/**
 * Snippet text for `text`, every whole-word occurrence of the agent's name turned into a mirror of tab
 * stop 1, so that renaming the agent also renames it in the examples ("I'll use the <name> agent").
 */
function withNameMirror(text, name) {
  const re = new RegExp(`(?<![\\w-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g');
  return text.split(re).map(core.escapeSnippetText).join('${1}');
}

const SUMMARY_MAX = 90;

/** Summary for the snippet's description: the first sentence of the agent's description, without "Use this agent when you need (to)". */
function summary(description) {
  const first = description
    .replace(/\\n/g, ' ')
    .split(/(?<=[.!?])\s/)[0]
    .replace(/\s+/g, ' ')
    .trim();
  let s = first.replace(/^Use this agent when you need (?:to )?/i, '').replace(/[.:]$/, '');
  if (s.length > SUMMARY_MAX) s = s.slice(0, s.lastIndexOf(' ', SUMMARY_MAX)).replace(/[,;:]$/, '') + '…';
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One persona file -> snippet entry (key, definition) and the expected values of its fields. */
function personaSnippet(file, { fields, body }, nameCounts) {
  const base = path.basename(file, '.md');
  const number = /^(\d+)-/.exec(base)?.[1] ?? base;
  const name = fields.get('name');
  const description = fields.get('description');
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`${file}: no usable name (${JSON.stringify(name)})`);
  if (typeof description !== 'string' || !description.trim()) throw new Error(`${file}: no description`);
  const model = fields.get('model');
  const color = fields.get('color');

  const laidOut = layoutDescription(description);
  if (withoutWhiteSpace(laidOut) !== withoutWhiteSpace(description.replace(/\\n/g, '\n'))) {
    throw new Error(`${file}: laying out the description changed more than white space`);
  }
  const block = core.toLiteralBlock(laidOut, '  ', '\n');
  if (!block) throw new Error(`${file}: the description cannot be written as a literal block scalar`);

  let stop = 2;
  const [first, ...blockLines] = `description: ${block}`.split('\n');
  const lines = ['---', 'name: ${1:' + core.escapeSnippetText(name) + '}', first, ...blockLines.map((l) => withNameMirror(l, name))];
  const choice = (value, all) => `\${${stop++}|${[value, ...all.filter((v) => v !== value)].join(',')}|}`;
  for (const [key, value] of fields) {
    if (key === 'name' || key === 'description') continue;
    if (key === 'model' && core.MODEL_ALIASES.includes(value)) lines.push(`model: ${choice(value, core.MODEL_ALIASES)}`);
    else if (key === 'color' && core.COLORS.includes(value)) lines.push(`color: ${choice(value, core.COLORS)}`);
    else lines.push(...core.escapeSnippetText(YAML.stringify({ [key]: value }).replace(/\n$/, '')).split('\n'));
  }
  lines.push('---');
  const bodyLines = body.split('\n');
  if (bodyLines[bodyLines.length - 1] === '') bodyLines[bodyLines.length - 1] = '$0';
  else bodyLines.push('$0');
  lines.push(...bodyLines.map((l, i) => (i === bodyLines.length - 1 ? l : withNameMirror(l, name))));

  const shared = (nameCounts.get(name) ?? 0) > 1;
  const prefix = shared ? `persona-${name}-${number}` : `persona-${name}`;
  const settings = [model ? `Model ${model}` : 'No model (inherits)', color ? `color ${color}` : 'no color'].join(', ');
  const about = summary(description);
  const twin = shared ? ` One of ${nameCounts.get(name)} personas named ${name}: this is ${number}.` : '';
  return {
    key: `Persona ${number}: ${name}`,
    snippet: {
      prefix,
      description: `${name} (${number}): ${about}${about.endsWith('…') ? '' : '.'} ${settings}.${twin}`,
      isFileTemplate: true,
      body: lines,
    },
    expected: { name, description: laidOut, model, color },
  };
}

/** Checks that the agent a snippet inserts (placeholders at their defaults) reads back as what we meant. */
function verify(file, snippetBody, expected) {
  const fm = core.parseAgent(core.expandSnippetBody(snippetBody)).frontmatter;
  if (!fm || fm.fieldsFrom !== 'yaml') throw new Error(`${file}: the generated frontmatter is not valid YAML: ${fm?.yamlProblems[0]?.message ?? 'none found'}`);
  for (const key of ['name', 'description', 'model', 'color']) {
    if (fm.value[key] !== expected[key]) {
      throw new Error(`${file}: generated ${key} reads back as ${JSON.stringify(fm.value[key])}, expected ${JSON.stringify(expected[key])}`);
    }
  }
}

/** The personas in a folder: files named `<nn>-<name>.md`, sorted. */
function readPersonas(dir) {
  return readdirSync(dir)
    .filter((f) => /^\d+-.*\.md$/.test(f))
    .sort()
    .map((f) => ({ file: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') }));
}

/** The whole generated file for the personas in `dir`. */
export function generatePersonaSnippets(dir) {
  const personas = readPersonas(dir).map((p) => ({ ...p, read: readPersona(p.file, p.text) }));
  const nameCounts = new Map();
  for (const { read } of personas) nameCounts.set(read.fields.get('name'), (nameCounts.get(read.fields.get('name')) ?? 0) + 1);
  const out = {};
  for (const p of personas) {
    const { key, snippet, expected } = personaSnippet(p.file, p.read, nameCounts);
    verify(path.basename(p.file), snippet.body, expected);
    if (key in out) throw new Error(`two personas give the snippet name "${key}"`);
    out[key] = snippet;
  }
  const prefixes = Object.values(out).map((s) => s.prefix);
  if (new Set(prefixes).size !== prefixes.length) throw new Error(`snippet prefixes are not distinct: ${prefixes.join(', ')}`);
  const header = [
    `// Generated by scripts/generate-snippets.mjs from the persona files in ${rel(dir)}/.`,
    '// Do not edit by hand: change the personas, then run `npm run generate:snippets`.',
  ];
  return header.join('\n') + '\n' + JSON.stringify(out, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------------

function main(argv) {
  const args = argv.slice(2);
  const dirAt = args.indexOf('--personas');
  const only = dirAt >= 0 ? path.resolve(args[dirAt + 1] ?? '') : undefined;
  if (args.includes('--stdout')) {
    if (!only || !existsSync(only)) {
      console.error(`generate-snippets: --stdout needs --personas <an existing folder>`);
      return 2;
    }
    process.stdout.write(generatePersonaSnippets(only));
    return 0;
  }
  const check = args.includes('--check');
  let stale = 0;
  for (const set of only ? [{ ...SETS[0], personas: only }] : SETS) {
    const target = rel(set.snippets);
    if (!existsSync(set.personas)) {
      console.log(`generate-snippets: no personas folder at ${set.personas}; the committed ${target} stays as it is`);
      continue;
    }
    const text = generatePersonaSnippets(set.personas);
    const current = existsSync(set.snippets) ? readFileSync(set.snippets, 'utf8') : undefined;
    if (check) {
      if (current === text) console.log(`generate-snippets: ${target} is up to date`);
      else {
        console.error(`generate-snippets: ${target} differs from ${rel(set.personas)}; run npm run generate:snippets`);
        stale++;
      }
      continue;
    }
    if (current !== text) writeFileSync(set.snippets, text);
    console.log(`generate-snippets: ${current === text ? 'unchanged' : 'wrote'} ${target} (${Object.keys(JSON.parse(text.replace(/^\/\/.*\n/gm, ''))).length} personas)`);
  }
  return stale ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv);
