import { FIELD_BY_KEY, FIELDS } from '../schema';
import type { Rule, RuleFinding } from './rule';
import { removeFieldFix } from './support/edit-helpers';

export const pluginIgnoredField: Rule = {
  id: 'plugin-ignored-field',
  meaning: 'not-as-written',
  group: 'fields',
  defaultSeverity: 'warning',
  title: 'A field that plugin agents ignore, in a plugin `agents/` folder',
  docs: `Agents shipped in a plugin (\`<plugin>/agents/\`, not \`.claude/agents/\`) honour only some fields; for security
Claude Code ignores the others, so the setting silently has no effect.

Honoured: ${FIELDS.filter((f) => f.plugin)
    .map((f) => `\`${f.key}\``)
    .join(', ')}.

Ignored: ${FIELDS.filter((f) => !f.plugin)
    .map((f) => `\`${f.key}\``)
    .join(', ')}.

A file counts as a plugin agent when its path has an \`agents/\` folder that is not \`.claude/agents/\`.

**Fix:** a quick fix (not applied by fix-all) removes the field. To keep the behaviour, copy the agent into
\`.claude/agents/\`, or move hooks and MCP servers into the plugin's own \`hooks\` and \`.mcp.json\`.`,
  check({ agent, text, isPlugin }) {
    if (!isPlugin) return [];
    const out: RuleFinding[] = [];
    for (const f of agent.frontmatter?.fields ?? []) {
      const spec = FIELD_BY_KEY.get(f.key);
      if (!spec || spec.plugin) continue;
      out.push({
        message: `Plugin agents ignore \`${f.key}\`: this setting has no effect for an agent in a plugin's agents folder.`,
        range: f.keyRange,
        fixes: [removeFieldFix(text, f)],
      });
    }
    return out;
  },
};
