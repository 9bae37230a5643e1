import { EXAMPLE_TAGS } from '../schema';
import type { Rule, RuleFinding } from './rule';
import { canonicalTag, tagRegions } from './support/example-tags';

export const exampleTagMisspelled: Rule = {
  id: 'example-tag-misspelled',
  meaning: 'quality',
  group: 'examples',
  defaultSeverity: 'information',
  title: 'A misspelled example tag (`<exmaple>`, `</comentary>`)',
  docs: `The example tags are ${EXAMPLE_TAGS.map((t) => `\`<${t}>\``).join(' and ')}. A near miss such as \`<exmaple>\` or
\`</comentary>\` is not one: the example it should open or close is left unbalanced, and Claude reads the text
around it the wrong way. (\`<examples>\`, a wrapper some authors use around several examples, is not reported.)

**Fix:** the quick fix writes the tag it stands for.`,
  check({ agent, text }) {
    const out: RuleFinding[] = [];
    for (const region of tagRegions(agent, text)) {
      for (const tag of region.tags) {
        if ((EXAMPLE_TAGS as readonly string[]).includes(tag.name)) continue;
        const meant = canonicalTag(tag.name);
        const written = text.slice(tag.range.start, tag.range.end);
        const right = `<${tag.closing ? '/' : ''}${meant}>`;
        out.push({
          message: `\`${written}\` is not an example tag: did you mean \`${right}\`?`,
          range: tag.range,
          fixes: [{ title: `Change to ${right}`, isPreferred: true, edits: [{ range: tag.range, newText: right }] }],
        });
      }
    }
    return out;
  },
};
