import { EXAMPLE_REQUIRED_TURNS } from '../schema';
import type { Rule } from './rule';
import { listOf } from './support/edit-helpers';
import { examplesAsRead } from './support/example-tags';

export const exampleMissingTurn: Rule = {
  id: 'example-missing-turn',
  meaning: 'quality',
  group: 'examples',
  defaultSeverity: 'information',
  title: 'An `<example>` without a `user:` turn or without an `assistant:` turn',
  docs: `An example shows Claude when to delegate: what the user says (\`user:\`) and how the main assistant hands
the task to this agent (\`assistant:\`). An example without one of the two still loads but teaches less; the
usual shape is a \`Context:\` line, then \`user:\` and \`assistant:\` turns, then an optional \`<commentary>\`.
Turns may sit on their own lines or on one line joined by \`\\n\` escapes.`,
  *check({ agent, text }) {
    for (const ex of examplesAsRead(agent, text)) {
      const missing = EXAMPLE_REQUIRED_TURNS.filter((role) => !ex.turns.some((t) => t.role === role));
      if (missing.length === 0) continue;
      yield {
        message: `This example has no ${listOf(
          missing.map((m) => `${m}:`),
          'and no',
        )} turn: show what the user asks and how the assistant delegates to this agent.`,
        range: ex.open.range,
      };
    }
  },
};
