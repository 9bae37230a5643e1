import type { AgentScope } from '../claude-code/reading';
import type { ShadowReason } from '../claude-code/set';
import type { Rule, SessionNamesake } from './rule';
import { getField } from './support/fields';
import { NAMESAKES_SHOWN } from './duplicate-name';

/** Why the winner wins, as a clause. */
const BECAUSE: Record<Exclude<ShadowReason, 'read-order'>, (winner: AgentScope, loser: AgentScope) => string> = {
  scope: (winner, loser) => `${winner} agents take precedence over ${loser} agents`,
  'nearer-folder': () => 'the project folder nearer the working folder wins',
};

/** Namesakes in another agents folder; the ones of this file's own folder are duplicate-name's. */
const elsewhere = (n: SessionNamesake) => n.why !== 'read-order';

export const nameShadowing: Rule = {
  id: 'name-shadowing',
  meaning: 'quality',
  group: 'workspace',
  defaultSeverity: 'information',
  title: 'An agent of the same `name` in another scope or project folder shadows this one, or this one shadows it',
  docs: `Claude Code keeps one agent per \`name\`. A session reads the agents folders of several scopes: the
user's (\`~/.claude/agents/\`, or \`$CLAUDE_CONFIG_DIR/agents/\`), the project's (\`.claude/agents/\` in the
working folder and in each folder above it, up to the git root) and managed ones. When two of them hold an
agent of the same name, Claude Code uses one and drops the other without a word: managed over project over
user, and among project folders the one nearest the working folder.

This rule tells both files, for the session of the workspace folder (its root as the working folder): the
one Claude Code uses says which files it shadows, and each shadowed one says which file is used instead,
with related information linking the two. Files of one agents folder that share a name are
[duplicate-name](duplicate-name.md)'s.

It is information, not a warning: overriding a user agent for one project is a thing people mean to do.

**Fix:** when the override is not meant, give one of the agents another name; when it is, nothing.`,
  check({ agent, claude, workspace }) {
    const s = workspace?.shadowing?.(claude);
    const name = getField(agent, 'name');
    if (!s || !name || claude.name === undefined) return [];
    const link = (n: SessionNamesake, message: string) => ({ message, uri: n.uri, range: n.nameRange, position: n.namePosition });
    const by = s.shadowedBy && elsewhere(s.shadowedBy) ? s.shadowedBy : undefined;
    if (by) {
      const why = BECAUSE[by.why as Exclude<ShadowReason, 'read-order'>](by.scope, s.scope);
      return [
        {
          message: `Shadowed by ${by.display} (${by.scope}): Claude Code uses that one for "${claude.name}", not this file (${why}).`,
          range: name.value.range,
          related: [link(by, `Claude Code uses this "${claude.name}"`)],
        },
      ];
    }
    const shadows = s.shadowedBy ? [] : s.shadows.filter(elsewhere);
    if (shadows.length === 0) return [];
    const shown = shadows.slice(0, NAMESAKES_SHOWN);
    const more = shadows.length > shown.length ? ` and ${shadows.length - shown.length} more` : '';
    const first = shown[0];
    const why = BECAUSE[first.why as Exclude<ShadowReason, 'read-order'>](s.scope, first.scope);
    return [
      {
        message: `Shadows ${shown.map((n) => `${n.display} (${n.scope})`).join(', ')}${more}, of the same name: Claude Code uses this file for "${claude.name}" (${why}).`,
        range: name.value.range,
        related: shown.map((n) => link(n, `Shadowed by this file: Claude Code does not use this "${claude.name}"`)),
      },
    ];
  },
};
