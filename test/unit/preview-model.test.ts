import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { readAsClaudeCode } from '../../server/src/core/claude-code/reading';
import { buildPreviewModel, descriptionText } from '../../server/src/core/preview-model';
import { parseAgent } from '../../server/src/core/parse';
import { eachFile, fixture, personas } from '../helpers';
import { previewFixture, previewOf } from '../preview-helpers';

/** The `name:` and `color:`/`model:` lines of a persona, read with a plain regex as the test's oracle. */
function headerLine(text: string, key: string): string | undefined {
  return new RegExp(`^${key}:[ \\t]*(.*)$`, 'm').exec(text)?.[1].trim();
}

test('buildPreviewModel over each persona', () => {
  eachFile(personas(), ({ file, text }) => {
    const base = path.basename(file);
    const m = previewOf(text, `/work/.claude/agents/${base}`);
    // The personas' descriptions are not valid YAML, but Claude Code's rewrite loads them; the fields
    // shown are the lenient read's.
    assert.equal(m.claudeCode.state, 'loads');
    assert.equal(m.claudeCode.rewritten, true);
    assert.equal(m.claudeCode.reason, undefined);
    assert.ok(m.claudeCode.listing?.startsWith(`- ${headerLine(text, 'name')}: Use this agent when you need`), m.claudeCode.listing);
    assert.ok(m.claudeCode.listing?.endsWith(' (Tools: All tools)'));
    assert.equal(m.claudeCode.tools, null);
    assert.equal(m.recovered, true);
    assert.equal(m.name, headerLine(text, 'name'));
    assert.equal(m.claudeCode.model, headerLine(text, 'model') ?? 'inherit');
    assert.equal(m.color, headerLine(text, 'color'));
    assert.equal(m.tools, undefined, 'no tools field: inherits all tools');
    assert.deepEqual(m.disallowedTools, []);

    // Description: examples taken out, `\n` escapes as line breaks, the lead sentence kept.
    const description = m.description ?? '';
    assert.match(description, /^Use this agent when you need/);
    assert.doesNotMatch(description, /<\/?example>|<\/?commentary>/i);
    assert.doesNotMatch(description, /\\n/);
    assert.doesNotMatch(description, /Examples:\s*$/);

    // One conversation per <example> in the file, each with context, user and assistant turns and a commentary.
    const exampleCount = (text.match(/<example>/g) ?? []).length;
    assert.equal(m.examples.length, exampleCount);
    const lines = text.split('\n');
    for (const e of m.examples) {
      assert.equal(e.location, 'description');
      assert.ok(lines[e.line].slice(e.character).startsWith('<example>'), 'example points at its tag');
      assert.deepEqual(
        e.turns.map((t) => t.role),
        ['context', 'user', 'assistant'],
      );
      for (const t of e.turns) {
        assert.ok(t.text.length > 10);
        assert.doesNotMatch(t.text, /\\n|^["']|["']$/, 'no escapes, no surrounding quotes');
      }
      assert.equal(e.commentary.length, 1);
      assert.ok(e.commentary[0].length > 10);
    }

    // Problems: the yaml-needs-rewrite warning, on the description line, sorted errors first.
    assert.ok(m.problems.some((p) => p.code === 'yaml-needs-rewrite' && p.severity === 'warning' && p.start.line === 2));
    assert.ok(!m.problems.some((p) => p.severity === 'error'));
    const order = m.problems.map((p) => ['error', 'warning', 'information', 'hint'].indexOf(p.severity));
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );

    // Body and sizes.
    assert.match(m.body, /^You are /);
    assert.ok(lines[m.bodyLine].startsWith('You are '), 'bodyLine is the first line of the body');
    const descriptionValue = lines[2].slice('description: '.length);
    assert.equal(m.size.descriptionChars, descriptionValue.length);
    assert.equal(m.size.descriptionTokens, Math.ceil(descriptionValue.length / 4));
    assert.equal(m.size.bodyChars, m.body.trim().length);
    assert.ok(m.size.bodyTokens > 100);

    // Plain JSON: survives the trip through the LSP connection unchanged.
    assert.deepEqual(JSON.parse(JSON.stringify(m)), m);
  });
});

describe('buildPreviewModel over fixtures', () => {
  test('every header field, tools of each kind, denied tools, skills and other fields', () => {
    const m = previewFixture('full.md');
    assert.equal(m.claudeCode.state, 'loads');
    assert.equal(m.recovered, false);
    assert.equal(m.name, 'release-reviewer');
    assert.equal(m.claudeCode.model, 'opus');
    assert.equal(m.colorKnown, true);
    assert.equal(m.color, 'cyan');
    assert.equal(m.effort, 'high');
    assert.equal(m.permissionMode, 'acceptEdits');
    assert.equal(m.memory, 'project');
    assert.equal(m.isolation, 'worktree');
    assert.equal(m.background, true);
    assert.equal(m.maxTurns, 12);
    assert.deepEqual(m.skills, ['changelog', 'semver']);
    assert.deepEqual(m.tools, [
      { name: 'Read', status: 'known' },
      { name: 'Grep', status: 'known' },
      { name: 'Bash(git diff *, git log *)', status: 'rule' },
      { name: 'mcp__github__create_issue', status: 'mcp' },
      { name: 'Task', status: 'legacy', replacement: 'Agent' },
      { name: 'FooTool', status: 'unknown' },
      { name: 'AskUserQuestion', status: 'known', note: 'never given to a subagent' },
    ]);
    assert.deepEqual(m.disallowedTools, [
      { name: 'Write', status: 'known' },
      { name: 'Edit', status: 'known' },
    ]);
    assert.deepEqual(m.otherFields, [
      { key: 'mcpServers', value: '- github' },
      { key: 'initialPrompt', value: 'Review the current branch.' },
    ]);
    assert.equal(m.description, 'Reviews release branches before they ship. Use it when a release branch is cut.');
    assert.equal(m.examples.length, 1);
    assert.deepEqual(m.examples[0].turns, [
      { role: 'context', text: 'The user has cut a release branch.' },
      { role: 'user', text: 'Check release/2.4 before I tag it' },
      { role: 'assistant', text: "I'll use the release-reviewer agent to go through the branch." },
    ]);
    assert.deepEqual(m.examples[0].commentary, ['A release branch was cut, which is exactly when this agent helps.']);
    assert.equal(m.examples[0].line, 6);
    assert.match(m.body, /^# Release reviewer/);
    assert.equal(fixture('preview/full.md').split('\n')[m.bodyLine], '# Release reviewer');
  });

  test('tools as a comma string: rules keep their commas, legacy names get their replacement', () => {
    const m = previewFixture('comma-tools.md');
    assert.deepEqual(m.tools, [
      { name: 'Read', status: 'known' },
      { name: 'Bash(git diff *, git log *)', status: 'rule' },
      { name: 'mcp__jira', status: 'mcp' },
      { name: 'LS', status: 'legacy', replacement: 'Glob' },
      { name: 'MultiEdit', status: 'legacy', replacement: 'Edit' },
    ]);
    assert.equal(m.color, 'magenta');
    // A double-quoted description whose `\\n` stayed literal text still shows as line breaks.
    assert.equal(m.description, 'Runs read-only git commands.\n\nUse it for history questions.');
  });

  test('no tools field: inherits all; an empty list: no tools', () => {
    assert.equal(previewFixture('no-tools.md').tools, undefined);
    const empty = previewFixture('empty-tools.md');
    assert.deepEqual(empty.tools, []);
    // background and maxTurns of the wrong type are not hidden: shown as written.
    assert.equal(empty.background, undefined);
    assert.equal(empty.maxTurns, undefined);
    assert.deepEqual(empty.otherFields, [
      { key: 'background', value: 'maybe' },
      { key: 'maxTurns', value: 'lots' },
    ]);
  });

  test('invalid YAML with `\\n`-joined examples: recovered fields and a plain reason', () => {
    const m = previewFixture('broken-yaml.md');
    assert.equal(m.claudeCode.state, 'loads');
    assert.equal(m.claudeCode.rewritten, true);
    assert.equal(m.recovered, true);
    assert.equal(m.name, 'api-designer');
    assert.equal(m.description, 'Use this agent to design APIs.');
    assert.deepEqual(m.tools, [
      { name: 'Read', status: 'known' },
      { name: 'Grep', status: 'known' },
    ]);
    assert.deepEqual(m.examples[0].turns, [
      { role: 'context', text: 'The user starts an API.' },
      { role: 'user', text: 'Design my REST API' },
      { role: 'assistant', text: "I'll use the api-designer agent." },
    ]);
    assert.deepEqual(m.examples[0].commentary, ['API design is its job.']);
  });

  test('no frontmatter: documentation', () => {
    const m = previewFixture('documentation.md');
    assert.equal(m.claudeCode.state, 'documentation');
    assert.equal(m.name, undefined);
    assert.equal(m.description, undefined);
    assert.match(m.body, /^# About our agents/);
    assert.equal(m.bodyLine, 0);
  });

  test('lone \\r line ends: the body starts after its blank lines, on the line LSP counts', () => {
    const m = previewOf('---\nname: cr\ndescription: Use it when asked.\n---\r\n \r# Title\rText\r');
    assert.equal(m.body, '# Title\rText\r');
    assert.equal(m.bodyLine, 5);
    assert.deepEqual(
      previewOf('---\nname: cr\ndescription: Use it.\n---\n\r<example>\ruser: hi\r</example>\r').examples.map((e) => [e.line, e.character]),
      [[5, 0]],
    );
  });

  test('each reason Claude Code does not load a file, or not start it, is said plainly, from its reading', () => {
    const reason = (m: ReturnType<typeof previewOf>) => [m.claudeCode.state, m.claudeCode.reason];
    assert.deepEqual(reason(previewFixture('missing-description.md')), ['not-loaded', 'Claude Code does not load this agent: it has no `description`.']);
    assert.equal(previewFixture('not-first-line.md').claudeCode.state, 'not-loaded');
    assert.match(previewFixture('not-first-line.md').claudeCode.reason ?? '', /no frontmatter/);
    assert.deepEqual(reason(previewOf('---\nmodel: opus\n---\nBody\n')), ['not-loaded', 'Claude Code does not load this agent: it has no `name`.']);
    assert.match(previewOf('---\nname: a:b\ndescription: d\n---\n').claudeCode.reason ?? '', /`name` holds `:`/);
    assert.match(previewOf('---\nname: a\ndescription: d\n').claudeCode.reason ?? '', /no frontmatter/);
    assert.match(previewOf('---\nname: a\ndescription: |\n  Use it.\n  Context: x\nmodel: haiku\n---\n').claudeCode.state, /loads/);
    assert.deepEqual(reason(previewOf('---\nname: a\ndescription: d\ntools: Foo\n---\n')), [
      'cannot-start',
      'Claude Code lists this agent but refuses to start it: no entry of `tools` gives it a tool (Foo).',
    ]);
  });

  test("the main conversation's line, the tools and model the agent runs with, and where its system prompt starts", () => {
    const text = '---\nname: a\ndescription: Use it.\\nNow.\ntools: Read, Task, LS\nmodel: Sonnet\n---\n\n\nYou help.\n';
    const cc = previewOf(text).claudeCode;
    assert.equal(cc.listing, '- a: Use it.\nNow. (Tools: Read, Task, LS)');
    assert.deepEqual(cc.tools, ['Read', 'Agent']);
    assert.equal(cc.model, 'sonnet');
    assert.equal(cc.systemPromptLine, 8);
    assert.equal(cc.systemPromptLine, text.split('\n').indexOf('You help.'));
    assert.ok(cc.differences >= 1, 'LS is dropped: a difference');
  });

  test('the version and uri are passed through', () => {
    const m = previewOf('---\nname: a\ndescription: d\n---\n', '/w/.claude/agents/a.md', 42);
    assert.equal(m.version, 42);
    assert.equal(m.uri, 'file:///w/.claude/agents/a.md');
  });
});

describe('preview model helpers', () => {
  test('tools, read as Claude Code splits them (commas and spaces outside parentheses)', () => {
    const tools = (permissionMode?: string) => {
      const text = `---\nname: t\ndescription: Use it.\n${permissionMode ? `permissionMode: ${permissionMode}\n` : ''}tools: Read Grep, Agent(worker, reviewer), KillShell, read, ExitPlanMode, mcp__server__*, constructor\n---\n`;
      const agent = parseAgent(text);
      return buildPreviewModel({ uri: 'file:///t.md', version: 1, text, agent, claude: readAsClaudeCode(text, { agent }), findings: [] }).tools;
    };
    assert.deepEqual(tools(), [
      { name: 'Read', status: 'known' },
      { name: 'Grep', status: 'known' },
      { name: 'Agent(worker, reviewer)', status: 'rule' },
      { name: 'KillShell', status: 'legacy', replacement: 'TaskStop' },
      { name: 'read', status: 'unknown' },
      { name: 'ExitPlanMode', status: 'known', note: 'never given to a subagent' },
      { name: 'mcp__server__*', status: 'mcp' },
      { name: 'constructor', status: 'unknown' },
    ]);
    assert.deepEqual(tools('plan')?.[5], { name: 'ExitPlanMode', status: 'known' });
  });

  test('descriptionText', () => {
    assert.equal(descriptionText('Line one.\\nLine two.'), 'Line one.\nLine two.');
    assert.equal(descriptionText('Use it. Examples: <example>user: "x"</example> <example>user: "y"</example>'), 'Use it.');
    assert.equal(descriptionText('Use it.\\n\\nExamples:\\n- <example>user: "x"</example>\\n- <example>user: "y"</example>'), 'Use it.');
    assert.equal(descriptionText('Use it. <example>user: "x"'), 'Use it.', 'an unclosed example runs to the end');
    // Prose that merely says "Examples include:" stays when there is no example block.
    assert.equal(descriptionText('Examples include: a, b.'), 'Examples include: a, b.');
  });
});
