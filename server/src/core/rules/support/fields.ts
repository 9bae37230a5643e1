/** Small helpers rules share for reading frontmatter fields. */
import { field, stringValue } from '../../parse';
import type { AgentModel, Field } from '../../model';

/** The field with this key, when the file has frontmatter. */
export function getField(agent: AgentModel, key: string): Field | undefined {
  return agent.frontmatter ? field(agent.frontmatter.fields, key) : undefined;
}

export { stringValue };

/** The file's base name without `.md`, from a path or URI. */
export function baseName(fileName: string | undefined): string | undefined {
  if (!fileName) return undefined;
  const last = decodeURIComponent(fileName.split(/[\\/]/).pop() ?? '');
  return last.replace(/\.md$/i, '') || undefined;
}

/** A name Claude Code accepts without a warning: lowercase letters, digits and hyphens. */
export function toKebabCase(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Whether the author's field lies after the `---` where Claude Code ends the frontmatter (frontmatter-cut):
 * Claude Code does not see it, and no edit of the field itself makes it count.
 */
export function afterClaudeCodeCut(field: { keyRange: { start: number } }, claude: { split?: { closer: { start: number } } }): boolean {
  return claude.split !== undefined && field.keyRange.start >= claude.split.closer.start;
}

/** The message for a required field written after Claude Code's cut. */
export const cutOffMessage = (key: string) =>
  `\`${key}\` comes after the \`---\` where Claude Code ends the frontmatter, so Claude Code does not see it and does not load the agent.`;
