import type { Fix } from '../types';
import type { Rule } from './rule';
import { removalKeepsTags, tagProblems, tagRegions } from './support/example-tags';

export const exampleTagsUnbalanced: Rule = {
  id: 'example-tags-unbalanced',
  meaning: 'quality',
  group: 'examples',
  defaultSeverity: 'information',
  title: '`<example>` / `<commentary>` tags that are not closed, not opened, or not nested right',
  docs: `Descriptions (and sometimes system prompts) show typical requests in \`<example>\` blocks:

\`\`\`
<example>
Context: The user wants a review of their API.
user: "Review my REST endpoints"
assistant: "I'll use the backend-architect agent to review them."
<commentary>
Why the agent fits this request.
</commentary>
</example>
\`\`\`

Every \`<example>\` needs its \`</example>\`, every \`<commentary>\` its \`</commentary>\`, and a \`<commentary>\` belongs
inside an \`<example>\`. The agent still loads when they are not, but Claude reads the text that follows an
unclosed tag as part of the example, so the examples (and what comes after them) read wrong.

Reported: an opening tag that is never closed (or not closed before the next \`<example>\`), a closing tag
with nothing to close, and a \`<commentary>\` outside an \`<example>\`. Tags in Markdown code (fenced blocks and
\`inline code\`) of the body are not examples and are skipped. A misspelled tag (\`<exmaple>\`) counts as the tag
it stands for and is reported by [example-tag-misspelled](example-tag-misspelled.md).

**Fix:** for an unclosed tag, the quick fix inserts the closing tag where the block ends: before the next
\`<example>\` (or the \`</example>\` around it), at the end of the description, or in the body before the next
Markdown heading; never at the end of the file.
A stray closing tag can be removed (a quick fix that fix-all does not apply).`,
  *check({ agent, text }) {
    for (const region of tagRegions(agent, text)) {
      const where = region.location === 'description' ? 'the description' : 'the system prompt';
      for (const p of tagProblems(text, region, agent.eol)) {
        if (p.kind === 'unclosed') {
          const closing = p.edit.newText.slice(1).replace(/\s+|\\n/g, '');
          const fix: Fix = { title: `Insert ${closing} where the ${p.name} ends`, isPreferred: true, edits: [p.edit] };
          yield { message: `\`<${p.name}>\` is not closed ${p.until}: add \`</${p.name}>\` where the ${p.name} ends.`, range: p.tag.range, fixes: [fix] };
        } else if (p.kind === 'stray') {
          yield {
            message: `\`</${p.name}>\` closes nothing: there is no open \`<${p.name}>\` before it in ${where}.`,
            range: p.tag.range,
            fixes: removalKeepsTags(text, p.tag.range) ? [{ title: `Remove the stray </${p.name}>`, edits: [{ range: p.tag.range, newText: '' }] }] : [],
          };
        } else {
          yield { message: '`<commentary>` outside an `<example>`: a commentary explains one example and belongs inside it.', range: p.tag.range };
        }
      }
    }
  },
};
