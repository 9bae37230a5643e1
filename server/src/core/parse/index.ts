/**
 * `parseAgent(text)`: the one parser. Splits the frontmatter, reads it with the `yaml` package (or, when
 * that fails, with the lenient read), and finds the example blocks of the description and the body.
 */
import type { AgentModel, Field, FieldValue, Frontmatter, ScalarStyle, Tag } from '../model';
import type { OffsetRange } from '../types';
import { buildExamples, codeFences, findTags } from './examples';
import { splitFrontmatter } from './frontmatter';
import { readLenient, unescapeDoubleQuoted } from './lenient';
import { readSimpleYaml } from './simple-yaml';
import { readYaml } from './yaml-fields';

export { splitFrontmatter } from './frontmatter';
export { unescapeDoubleQuoted } from './lenient';

export function parseAgent(text: string): AgentModel {
  const { split, frontmatter } = readFrontmatter(text);

  const tags: Tag[] = [];
  const examples = [];
  const description = frontmatter ? field(frontmatter.fields, 'description') : undefined;
  let descriptionRange: OffsetRange | undefined;
  if (description && description.value.kind === 'string') {
    descriptionRange = description.value.range;
    const descTags = findTags(text, descriptionRange);
    // Loops, not push(...items): spreading an input-sized array into a call throws RangeError past ~120,000.
    for (const t of descTags) tags.push(t);
    for (const e of buildExamples(text, descriptionRange, descTags, 'description', decoderFor(description.value.style))) examples.push(e);
  }
  const bodyTags = findTags(text, split.body, codeFences(text, split.body));
  for (const t of bodyTags) tags.push(t);
  for (const e of buildExamples(text, split.body, bodyTags, 'body', (raw) => raw)) examples.push(e);

  return { bom: split.bom, eol: split.eol, frontmatter, body: split.body, descriptionRange, examples, tags };
}

/**
 * The frontmatter alone, without the examples and tags of the description and body: what Claude Code's
 * reading needs (readAsClaudeCode takes `{ frontmatter }`), for texts made only to be read again, as a
 * repair being checked.
 */
export function parseFrontmatter(text: string): Pick<AgentModel, 'frontmatter'> {
  return { frontmatter: readFrontmatter(text).frontmatter };
}

function readFrontmatter(text: string): { split: ReturnType<typeof splitFrontmatter>; frontmatter: Frontmatter | undefined } {
  const split = splitFrontmatter(text);
  let frontmatter: Frontmatter | undefined;
  if (split.block) {
    const { content } = split.block;
    // Most frontmatter is simple enough for the fast path; everything else goes to the `yaml` package.
    const yaml = readSimpleYaml(text, content) ?? readYaml(text.slice(content.start, content.end), content.start);
    const valid = yaml.problems.length === 0;
    const { range, open, close, startsOnFirstLine } = split.block;
    // Written out, not spread: V8 copies a spread with added keys on a slow path whose objects outlive the
    // young generation (per file, 700 B more and 1 KB promoted to the old one: CLI peak RSS grew with it).
    frontmatter = {
      range,
      open,
      close,
      content,
      startsOnFirstLine,
      yamlProblems: yaml.problems,
      fieldsFrom: valid ? 'yaml' : 'lenient',
      fields: valid ? yaml.fields : readLenient(text, content),
      notAMapping: yaml.notAMapping,
      value: yaml.value,
    };
  }

  return { split, frontmatter };
}

/** The field with this key that YAML (and Claude Code) reads: of duplicate keys, the last one. */
export function field(fields: readonly Field[], key: string): Field | undefined {
  for (let i = fields.length - 1; i >= 0; i--) if (fields[i].key === key) return fields[i];
  return undefined;
}

/** The value of a field as a string when it is a scalar (what Claude Code would read as text). */
export function stringValue(value: FieldValue | undefined): string | undefined {
  if (!value) return undefined;
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
    case 'boolean':
      return value.source;
    default:
      return undefined;
  }
}

/** Display text of a raw source excerpt, for a scalar of the given style. */
export function decoderFor(style: ScalarStyle): (raw: string) => string {
  switch (style) {
    case 'double-quoted':
      return (raw) => unescapeDoubleQuoted(raw.replace(/\\\r?\n[ \t]*/g, ''));
    case 'single-quoted':
      return (raw) => raw.replace(/''/g, "'").replace(/\\n/g, '\n');
    case 'block-literal':
    case 'block-folded':
      return (raw) => raw.replace(/\\n/g, '\n').replace(/\n[ \t]+/g, '\n');
    default:
      return (raw) => raw.replace(/\\n/g, '\n');
  }
}
