import { MODEL_ALIASES, MODEL_FAMILIES, MODEL_OTHER_ALIASES } from '../schema';
import type { Rule, RuleFinding } from './rule';
import { fieldsNamed, listOf } from './support/edit-helpers';
import { stringValue } from './support/fields';
import { classifyModel } from './support/model-value';

export const modelUnknown: Rule = {
  id: 'model-unknown',
  meaning: 'not-as-written',
  group: 'fields',
  defaultSeverity: 'warning',
  title: '`model` is neither a known alias nor a Claude model id of a known family',
  docs: `\`model\` takes an alias (${MODEL_ALIASES.map((v) => `\`${v}\``).join(', ')}; also ${MODEL_OTHER_ALIASES.map((v) => `\`${v}\``).join(', ')}; in
any case, optionally with the \`[1m]\` suffix), a full Claude model id (\`claude-sonnet-4-5-20250929\`,
\`claude-opus-4-1\`, cloud ids such as \`us.anthropic.claude-sonnet-4-5-20250929-v1:0\`) or a Bedrock ARN. Any
\`claude-*\` id is accepted, since new models appear often, but an id that names no known family
(${MODEL_FAMILIES.map((v) => `\`${v}\``).join(', ')}) is most likely a typo (\`claude-sonet-4-5\`), and a value that is not a Claude
model at all (\`gpt-4o\`) will not run the agent on the model you meant.

A value close to an alias (\`sonet\`, \`hiaku\`) is reported as an error by [value-not-allowed](value-not-allowed.md)
instead.

**Fix:** use an alias, or copy the model id from the Claude Code model configuration page.`,
  check({ agent }) {
    const out: RuleFinding[] = [];
    for (const f of fieldsNamed(agent, 'model')) {
      const raw = stringValue(f.value)?.trim();
      if (!raw) continue;
      const m = classifyModel(raw);
      if (m.kind === 'id-unknown-family') {
        out.push({
          message: `\`model\` "${raw}" names no known model family (${listOf(MODEL_FAMILIES)}): check the id for a typo.`,
          range: f.value.range,
        });
      } else if (m.kind === 'other') {
        out.push({
          message: `\`model\` "${raw}" is not a Claude model alias or id. Use ${listOf(MODEL_ALIASES)}, or a full id such as \`claude-sonnet-4-5-20250929\`.`,
          range: f.value.range,
        });
      }
    }
    return out;
  },
};
