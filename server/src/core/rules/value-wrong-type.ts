import type { FieldValue } from '../model';
import { EXPERIMENTAL_FIELDS, FIELDS, type FieldSpec, type FieldType } from '../schema';
import type { Fix } from '../types';
import type { Rule, RuleFinding } from './rule';

/** What each field type takes, for messages and the docs table. */
const EXPECTED: Record<FieldType, string> = {
  string: 'text',
  tools: 'a comma-separated string (`Read, Grep`) or a list of tool names',
  enum: 'one of its allowed values',
  model: 'a model alias or id',
  'positive-integer': 'a positive whole number (`maxTurns: 20`)',
  boolean: '`true` or `false`',
  'string-list': 'a list of names (or a comma-separated string)',
  'mcp-servers': 'a list of server names or `name: config` maps',
  hooks: 'a map of hook event to hook list',
  map: 'a map of settings',
};

/** Fields other rules check the type of. */
const ELSEWHERE = new Set(['name', 'description', 'hooks']);

/** YAML 1.1 booleans that YAML 1.2 (and Claude Code) read as text. */
const YAML11_BOOLEANS: Readonly<Record<string, boolean>> = { yes: true, no: false, on: true, off: false, y: true, n: false };

export const valueWrongType: Rule = {
  id: 'value-wrong-type',
  meaning: 'not-as-written',
  group: 'fields',
  defaultSeverity: 'warning',
  title: 'A field has a value of the wrong type (text where a number, list or map belongs)',
  docs: `Each field takes one type of value. Claude Code ignores a value of another type, so the setting has no
effect (\`maxTurns: 0\`, \`background: yes\`, \`skills: {a: b}\`).

| field | takes |
|---|---|
${FIELDS.filter((f) => !ELSEWHERE.has(f.key))
  .map((f) => `| \`${f.key}\` | ${EXPECTED[f.type]} |`)
  .join('\n')}

Notes:
- \`yes\`, \`no\`, \`on\`, \`off\` are text in YAML 1.2, not booleans: write \`true\` or \`false\`.
- Claude Code converts text where it can: \`maxTurns: "20"\` and \`background: "true"\` work and are not reported.
- \`hooks\` of the wrong shape has its own rule, [hooks-invalid](hooks-invalid.md), because it makes Claude Code drop
  the agent.
- \`tools\` or \`disallowedTools\` of another type (\`tools: 42\`, a map) is read as an empty list: the agent gets
  no tools at all (or has none denied).
- When the frontmatter is not valid YAML ([invalid-yaml](invalid-yaml.md)), nested maps and lists cannot be read
  reliably, so \`hooks\`, \`mcpServers\` and \`experimental\` are not checked until it is.

**Fix:** a quick fix turns \`yes\`/\`no\`/\`on\`/\`off\` into \`true\`/\`false\`.`,
  check({ agent }) {
    const lenient = agent.frontmatter?.fieldsFrom === 'lenient';
    const out: RuleFinding[] = [];
    const add = (finding: RuleFinding | undefined) => finding && out.push(finding);
    for (const f of agent.frontmatter?.fields ?? []) {
      const spec = CHECKED.get(f.key);
      if (spec) add(checkValue(spec, f.value, f.key, lenient));
      if (f.key !== 'experimental' || f.value.kind !== 'map') continue;
      for (const e of f.value.entries) {
        const inner = EXPERIMENTAL.get(e.key);
        if (inner) add(checkValue(inner, e.value, `experimental.${e.key}`, lenient));
      }
    }
    return out;
  },
};

/** The fields this rule checks, by key (one pass over the fields, not one per known key: it runs on every file). */
const CHECKED = new Map(FIELDS.filter((s) => !ELSEWHERE.has(s.key)).map((s) => [s.key, s]));
const EXPERIMENTAL = new Map(EXPERIMENTAL_FIELDS.map((s) => [s.key, s]));

function checkValue(spec: FieldSpec, v: FieldValue, label: string, lenient: boolean): RuleFinding | undefined {
  if (v.kind === 'null') return undefined;
  const wrong = (what: string, fixes?: Fix[]): RuleFinding => ({
    message: `\`${label}\` takes ${EXPECTED[spec.type]}, not ${what}: Claude Code ignores this value.`,
    range: v.range,
    fixes,
  });
  const describe = (x: FieldValue): string =>
    x.kind === 'list' ? 'a list' : x.kind === 'map' ? 'a map' : x.kind === 'string' ? `the text "${short(x.value)}"` : x.kind === 'null' ? 'nothing' : `\`${x.source}\``;
  switch (spec.type) {
    case 'string':
    case 'model':
    case 'enum':
      return v.kind === 'list' || v.kind === 'map' || (spec.type === 'model' && v.kind === 'boolean') ? wrong(describe(v)) : undefined;
    case 'tools':
      if (v.kind === 'string') return undefined;
      if (v.kind === 'list') {
        const bad = v.items.find((i) => i.kind !== 'string');
        return bad ? { message: `\`${label}\` entries are tool names, not ${describe(bad)}: Claude Code ignores this entry.`, range: bad.range } : undefined;
      }
      // `false` and `0` are read as an empty list too, but evidently so: no-tools reports the effect.
      if (v.kind === 'boolean' || (v.kind === 'number' && v.value === 0)) return undefined;
      return {
        message: `\`${label}\` takes ${EXPECTED.tools}, not ${describe(v)}: Claude Code reads it as an empty list, so ${label === 'tools' ? 'the agent gets no tool at all' : 'no tool is denied'}.`,
        range: v.range,
      };
    case 'positive-integer': {
      // Claude Code reads a number, or the whole number a text starts with (`"20"`).
      const n = v.kind === 'number' ? v.value : v.kind === 'string' ? parseInt(v.value, 10) : NaN;
      if (Number.isInteger(n) && n >= 1) return undefined;
      if (v.kind === 'number') return { message: `\`${label}\` must be a positive whole number, not ${v.source}: Claude Code ignores this value.`, range: v.range };
      return wrong(describe(v));
    }
    case 'boolean': {
      // Claude Code takes `true`/`false`, also written as text (`"true"`).
      if (v.kind === 'boolean') return undefined;
      if (v.kind === 'string') {
        const t = v.value.trim();
        if (t === 'true' || t === 'false') return undefined;
        const b = Object.prototype.hasOwnProperty.call(YAML11_BOOLEANS, t.toLowerCase()) ? YAML11_BOOLEANS[t.toLowerCase()] : undefined;
        if (b !== undefined) {
          return wrong(`"${t}" (text in YAML 1.2)`, [{ title: `Change to ${b}`, isPreferred: true, safe: true, edits: [{ range: v.range, newText: String(b) }] }]);
        }
      }
      return wrong(describe(v));
    }
    case 'string-list':
      if (v.kind === 'string') return undefined;
      if (v.kind === 'list') {
        const bad = v.items.find((i) => i.kind === 'list' || i.kind === 'map');
        return bad ? { message: `\`${label}\` entries are names, not ${describe(bad)}: Claude Code ignores this entry.`, range: bad.range } : undefined;
      }
      return wrong(describe(v));
    case 'mcp-servers':
      if (v.kind === 'list') {
        const bad = v.items.find((i) => i.kind === 'list' || i.kind === 'boolean' || i.kind === 'null');
        return bad
          ? { message: `\`${label}\` entries are server names or \`name: config\` maps, not ${describe(bad)}: Claude Code ignores this entry.`, range: bad.range }
          : undefined;
      }
      if (lenient && v.kind === 'string') return undefined;
      return wrong(describe(v));
    case 'hooks':
      return undefined; // hooks-invalid
    case 'map':
      if (v.kind === 'map') return undefined;
      if (lenient && v.kind === 'string') return undefined;
      return wrong(describe(v));
  }
}

function short(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + '...' : s;
}
