/**
 * What the preview shows, as plain JSON (protocol.ts): the server builds it from the parsed agent, Claude
 * Code's reading and the findings (`buildPreviewModel`), answers the `subagentStudio/previewModel` request
 * with it, and the client turns it into HTML with a pure render function. One parser, in the server.
 */
import type { PreviewClaudeCode, PreviewModel, PreviewTool } from '../protocol';
import type { ClaudeCodeReading } from './claude-code/reading';
import { legacyTool, readToolRule } from './claude-code/tools';
import type { AgentModel, Field, FieldValue } from './model';
import { buildExamples, findTags } from './parse/examples';
import { field, stringValue } from './parse';
import { LineMap } from './positions';
import { RULE_BY_ID } from './rules';
import { readToolList, toolStatus, type ToolEntry, type ToolListKey } from './rules/support/tool-entries';
import { CLAUDE_CODE_VERSION, COLORS, estimateTokens, NEVER_FOR_SUBAGENTS } from './schema';
import type { Finding, Severity } from './types';

/** Fields the header, the tools and the description show; everything else goes to `otherFields`. */
const SHOWN = new Set([
  'name',
  'description',
  'tools',
  'disallowedTools',
  'model',
  'color',
  'effort',
  'permissionMode',
  'memory',
  'isolation',
  'background',
  'maxTurns',
  'skills',
]);

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export interface BuildPreviewArgs {
  uri: string;
  version: number;
  text: string;
  agent: AgentModel;
  claude: ClaudeCodeReading;
  findings: readonly Finding[];
  /** The text's line map, when the caller has one already (the server keeps one per checked version). */
  map?: LineMap;
  /** How the agent stands against its namesakes in the session, when the host knows the session. */
  shadowing?: PreviewModel['shadowing'];
}

/** Builds what the preview shows from the parsed agent and its findings. Pure. */
export function buildPreviewModel({ uri, version, text, agent, claude, findings, map = new LineMap(text), shadowing }: BuildPreviewArgs): PreviewModel {
  const fm = agent.frontmatter;
  const fields = fm?.fields ?? [];
  const get = (key: string): Field | undefined => field(fields, key);
  const str = (key: string): string | undefined => {
    const v = stringValue(get(key)?.value);
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const permissionMode = str('permissionMode');
  const descriptionValue = stringValue(get('description')?.value);
  const bodyText = text.slice(agent.body.start, agent.body.end);
  // The blank lines before the body's first text are left out; the line map counts the lines they took.
  const leadingBlank = /^(?:[ \t]*(?:\r\n?|\n))*/.exec(bodyText)![0].length;

  const color = str('color');
  const model: PreviewModel = {
    uri,
    version,
    claudeCode: claudeCodeState(claude, findings, map),
    recovered: fm?.fieldsFrom === 'lenient',
    fileName: fileNameOf(uri),
    colorKnown: color !== undefined && (COLORS as readonly string[]).includes(color),
    disallowedTools: toolList(agent, text, 'disallowedTools', permissionMode) ?? [],
    skills: names(get('skills')?.value),
    otherFields: [],
    examples: agent.examples.map((e) => {
      const at = map.positionAt(e.open.range.start);
      return {
        location: e.location,
        line: at.line,
        character: at.character,
        turns: e.turns.map((t) => ({ role: t.role, text: displayTurn(t.text) })),
        commentary: e.commentaries.map((c) => showEscapes(c.text).trim()).filter((c) => c !== ''),
      };
    }),
    body: bodyText.slice(leadingBlank),
    bodyLine: map.positionAt(agent.body.start + leadingBlank).line,
    problems: [...findings]
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.range.start - b.range.start)
      .map((f) => ({
        severity: f.severity,
        code: f.code,
        message: f.message,
        start: map.positionAt(f.range.start),
        end: map.positionAt(f.range.end),
      })),
    size: {
      descriptionChars: descriptionValue?.length ?? 0,
      descriptionTokens: estimateTokens(descriptionValue ?? ''),
      bodyChars: bodyText.trim().length,
      bodyTokens: estimateTokens(bodyText.trim()),
    },
  };

  const set = <K extends keyof PreviewModel>(key: K, value: PreviewModel[K] | undefined): void => {
    if (value !== undefined) model[key] = value;
  };
  set('name', str('name'));
  set('description', descriptionValue === undefined ? undefined : descriptionText(descriptionValue));
  set('color', color);
  set('effort', str('effort'));
  set('permissionMode', permissionMode);
  set('memory', str('memory'));
  set('isolation', str('isolation'));
  set('tools', toolList(agent, text, 'tools', permissionMode));
  set('shadowing', shadowing);

  const background = get('background')?.value;
  const maxTurns = get('maxTurns')?.value;
  if (background?.kind === 'boolean') model.background = background.value;
  if (maxTurns?.kind === 'number') model.maxTurns = maxTurns.value;

  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.key)) continue;
    seen.add(f.key);
    // `background` and `maxTurns` of the wrong type are shown as written, so nothing the author wrote is hidden.
    const misTyped = (f.key === 'background' && f.value.kind !== 'boolean') || (f.key === 'maxTurns' && f.value.kind !== 'number');
    if (SHOWN.has(f.key) && !misTyped) continue;
    model.otherFields.push({ key: f.key, value: asWritten(text, f.value) });
  }
  return model;
}

/** What Claude Code does with the file, for the preview's first line. */
export function claudeCodeState(claude: ClaudeCodeReading, findings: readonly Finding[], map: LineMap): PreviewClaudeCode {
  const differences = findings.filter((f) => {
    const meaning = RULE_BY_ID.get(f.code)?.meaning;
    return meaning === 'not-as-written' || meaning === 'other-readers';
  }).length;
  const documentation = !claude.split && findings.some((f) => f.code === 'no-frontmatter' && f.severity !== 'error');
  const base = {
    version: CLAUDE_CODE_VERSION,
    rewritten: claude.yaml === 'rewritten',
    model: claude.model,
    systemPromptLine: map.positionAt(claude.systemPrompt.start).line,
    differences,
  };
  if (!claude.loads) {
    const reason = claude.notLoaded?.reason ?? 'it is not an agent file';
    return {
      ...base,
      state: documentation ? 'documentation' : 'not-loaded',
      reason: `Claude Code does not load this agent: ${reason}.`,
      reasonLine: claude.notLoaded ? map.positionAt(claude.notLoaded.range.start).line : undefined,
      tools: null,
      denied: [],
    };
  }
  const denied = claude.resolution.toolNames === null ? (claude.disallowedTools ?? []).map((d) => readToolRule(d).tool) : [];
  const loaded = { ...base, listing: claude.listing, tools: claude.resolution.toolNames, denied };
  if (claude.resolution.runs) return { ...loaded, state: 'loads' };
  const why = claude.resolution.unresolved.map((u) => u.entry).join(', ');
  return { ...loaded, state: 'cannot-start', reason: `Claude Code lists this agent but refuses to start it: no entry of \`tools\` gives it a tool (${why}).` };
}

/** The last segment of a URI, decoded. */
function fileNameOf(uri: string): string {
  const last = uri.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** How a tool entry shows: a built-in name, an MCP tool, a `Tool(specifier)` rule, a legacy name, or unknown. */
export function previewTool(e: ToolEntry, permissionMode?: string): PreviewTool {
  const name = e.text;
  switch (toolStatus(e)) {
    case 'mcp':
      return { name, status: 'mcp' };
    case 'legacy':
      return { name, status: 'legacy', replacement: legacyTool(e.name)?.now };
    case 'unknown':
      return { name, status: 'unknown' };
  }
  if (e.specifier !== undefined) return { name, status: 'rule' };
  const never = NEVER_FOR_SUBAGENTS.includes(e.name) && !(e.name === 'ExitPlanMode' && permissionMode === 'plan');
  return never ? { name, status: 'known', note: 'never given to a subagent' } : { name, status: 'known' };
}

/** The entries of `tools` or `disallowedTools` as Claude Code splits them (the same reading as the rules). */
function toolList(agent: AgentModel, text: string, key: ToolListKey, permissionMode: string | undefined): PreviewTool[] | undefined {
  return readToolList(agent, text, key)?.entries.map((e) => previewTool(e, permissionMode));
}

/** A list of names from a comma string or a YAML list. */
function names(value: FieldValue | undefined): string[] {
  if (!value) return [];
  const strings = value.kind === 'list' ? value.items.map((i) => stringValue(i)) : [stringValue(value)];
  return strings.flatMap((s) =>
    s === undefined
      ? []
      : s
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== ''),
  );
}

/** Literal `\n` escapes (two characters) as line breaks, as the author meant them. */
function showEscapes(s: string): string {
  return s.replace(/\\r\\n|\\n/g, '\n');
}

/** A turn for display: escapes as line breaks, one pair of surrounding quotes taken off. */
function displayTurn(raw: string): string {
  let t = showEscapes(raw).trim();
  const m = /^(["'\u201c])([\s\S]*)(["'\u201d])$/.exec(t);
  if (m && t.length >= 2 && (m[1] === m[3] || (m[1] === '\u201c' && m[3] === '\u201d'))) t = m[2].trim();
  return t;
}

/**
 * The description as prose: `<example>` blocks cut out (they are shown as conversations), list markers
 * and a trailing "Examples:" they leave behind removed, escapes shown as line breaks.
 */
export function descriptionText(value: string): string {
  const region = { start: 0, end: value.length };
  const blocks = buildExamples(value, region, findTags(value, region), 'description', (raw) => raw);
  let out = '';
  let at = 0;
  for (const b of blocks) {
    out += value.slice(at, b.range.start);
    at = b.range.end;
  }
  out += value.slice(at);
  let text = showEscapes(out)
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .filter((l, k, all) => !(blocks.length > 0 && /^[ \t]*[-*][ \t]*$/.test(l) && (k > 0 || all.length > 1)))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (blocks.length > 0) text = text.replace(/(?:^|\s)(?:here are some |some )?(?:examples?|for example)(?: include| including)?\s*:\s*$/i, '').trim();
  return text;
}

/** The value of an other field as written in the source, on one line and capped. */
function asWritten(text: string, value: FieldValue): string {
  const raw = text.slice(value.range.start, value.range.end).replace(/\s+/g, ' ').trim();
  return raw.length > 300 ? `${raw.slice(0, 299)}\u2026` : raw;
}
