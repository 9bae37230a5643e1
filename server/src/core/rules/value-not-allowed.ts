import type { Field } from '../model';
import { EXPERIMENTAL_FIELDS, FIELDS, MODEL_ALIASES, PLUGIN_ISOLATION_VALUES, type FieldSpec } from '../schema';
import type { Rule, RuleFinding } from './rule';
import { closeValueFixes, fieldsNamed, listOf, own } from './support/edit-helpers';
import { stringValue } from './support/fields';
import { classifyModel } from './support/model-value';

export const valueNotAllowed: Rule = {
  id: 'value-not-allowed',
  meaning: 'not-as-written',
  group: 'fields',
  defaultSeverity: 'warning',
  title: 'A field has a value outside its allowed set',
  docs: `Several fields take one of a fixed set of values. Claude Code ignores a value outside the set, so the
setting the author meant (a permission mode, an effort level, a colour) silently has no effect.

| field | allowed values |
|---|---|
${[...FIELDS, ...EXPERIMENTAL_FIELDS.map((f) => ({ ...f, key: `experimental.${f.key}` }))]
  .filter((f) => f.type === 'enum')
  .map((f) => `| \`${f.key}\` | ${(f.values ?? []).map((v) => `\`${v}\``).join(', ')} |`)
  .join('\n')}

Values are case-sensitive (\`permissionMode: acceptedits\` is not \`acceptEdits\`), and plugin agents take only
\`isolation: worktree\`. Case does not matter for
${FIELDS.filter((f) => f.caseInsensitive)
  .map((f) => `\`${f.key}\``)
  .join(', ')}. Claude Code also takes a whole number for
${FIELDS.filter((f) => f.integers)
  .map((f) => `\`${f.key}\``)
  .join(', ')}.

\`model\` is checked here too when its value is close to an alias (\`sonet\`, \`opsu\`): the aliases are
${MODEL_ALIASES.map((v) => `\`${v}\``).join(', ')} (any case). Other model values are the business of
[model-unknown](model-unknown.md).

**Fix:** one quick fix per allowed value close to what was written (\`acceptedit\` -> \`acceptEdits\`); it is
the preferred fix only when exactly one allowed value is close.`,
  check({ agent, isPlugin }) {
    const out: RuleFinding[] = [];
    for (const spec of FIELDS) {
      for (const f of fieldsNamed(agent, spec.key)) {
        if (spec.type === 'enum') checkEnum(isPlugin && spec.key === 'isolation' ? { ...spec, values: PLUGIN_ISOLATION_VALUES } : spec, f, spec.key, out);
        else if (spec.type === 'model') checkModel(f, out);
        else if (spec.key === 'experimental' && f.value.kind === 'map') {
          for (const sub of f.value.entries) {
            const subSpec = EXPERIMENTAL_FIELDS.find((s) => s.key === sub.key);
            if (subSpec?.type === 'enum') checkEnum(subSpec, sub, `experimental.${sub.key}`, out);
          }
        }
      }
    }
    return out;
  },
};

function checkEnum(spec: FieldSpec, f: Field, label: string, out: RuleFinding[]): void {
  const raw = stringValue(f.value);
  if (raw === undefined) return; // null, lists and maps: value-wrong-type
  const value = raw.trim();
  const allowed = spec.values ?? [];
  const v = spec.caseInsensitive ? value.toLowerCase() : value;
  if (allowed.includes(v) || spec.accepted?.includes(v) || own(spec.legacyValues, value) !== undefined) return;
  if (spec.integers && /^[-+]?\d+/.test(value) && (f.value.kind !== 'number' || Number.isInteger(f.value.value))) return;
  const { close, fixes } = closeValueFixes(value, allowed, f.value.range, (v) => `Change to ${v}`);
  const meant = close.length ? ` Did you mean ${listOf(close)}?` : '';
  out.push({
    message: `\`${label}\` "${value}" is not an allowed value, so Claude Code ignores it.${meant} Allowed: ${listOf(allowed)}.`,
    range: f.value.range,
    fixes,
  });
}

function checkModel(f: Field, out: RuleFinding[]): void {
  const raw = stringValue(f.value);
  if (raw === undefined) return;
  const m = classifyModel(raw.trim());
  if (m.kind !== 'near-alias') return;
  const { fixes } = closeValueFixes(raw.trim(), MODEL_ALIASES, f.value.range, (v) => `Change to ${v}`);
  out.push({
    message: `\`model\` "${raw.trim()}" is not a model alias: did you mean ${listOf(m.close)}? Use ${listOf(MODEL_ALIASES)}, or a full model id such as \`claude-sonnet-4-5-20250929\`.`,
    range: f.value.range,
    fixes,
  });
}
