import { FIELD_BY_KEY } from '../schema';
import { misspellingOf } from './misspelled-key';
import type { Rule, RuleFinding } from './rule';

export const unknownKey: Rule = {
  id: 'unknown-key',
  defaultSeverity: 'warning',
  title: 'A frontmatter key Claude Code does not know',
  docs: `Claude Code ignores frontmatter keys it does not know, without a message. A key such as \`author\` or
\`version\` does no harm but also does nothing; a key you expected to change behaviour does not.

Known keys: \`name\`, \`description\`, \`tools\`, \`disallowedTools\`, \`model\`, \`permissionMode\`,
\`maxTurns\`, \`skills\`, \`mcpServers\`, \`hooks\`, \`memory\`, \`background\`, \`omitClaudeMd\`, \`effort\`,
\`isolation\`, \`color\`, \`initialPrompt\`, \`experimental\`.`,
  check({ agent }) {
    const out: RuleFinding[] = [];
    for (const f of agent.frontmatter?.fields ?? []) {
      if (FIELD_BY_KEY.has(f.key) || misspellingOf(f.key)) continue;
      out.push({ message: `Unknown key \`${f.key}\`: Claude Code ignores it.`, range: f.keyRange });
    }
    return out;
  },
};
