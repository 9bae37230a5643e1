/**
 * What the preview shows, as plain JSON: the server builds it from the parsed agent and the findings
 * (`buildPreviewModel`), answers the `subagentStudio/previewModel` request with it, and the client turns
 * it into HTML with a pure render function. One parser, in the server.
 */
import type { AgentModel, Field, FieldValue } from './model';
import { buildExamples, findTags } from './parse/examples';
import { field, stringValue } from './parse';
import { LineMap, type Position } from './positions';
import { readToolList, toolStatus, type ToolEntry, type ToolListKey } from './rules/tool-entries';
import { estimateTokens, LEGACY_TOOLS, NEVER_FOR_SUBAGENTS } from './schema';
import type { Finding, Severity } from './types';

export const PREVIEW_MODEL_REQUEST = 'subagentStudio/previewModel';

/** Sent by the server after it has checked a version of a document (and published its diagnostics). */
export const DOCUMENT_CHECKED_NOTIFICATION = 'subagentStudio/checked';

export interface DocumentCheckedParams {
  uri: string;
  version: number;
}

export interface PreviewModelParams {
  uri: string;
}

export interface PreviewTool {
  /** The entry as written, e.g. `Bash(git diff *)` or `mcp__github__create_issue`. */
  name: string;
  status: 'known' | 'mcp' | 'rule' | 'legacy' | 'unknown';
  /** For legacy names: the current one. */
  replacement?: string;
  /** A remark shown with the chip, e.g. that a subagent never receives this tool. */
  note?: string;
}

export interface PreviewTurn {
  role: 'context' | 'user' | 'assistant';
  text: string;
}

export interface PreviewExample {
  location: 'description' | 'body';
  /** 0-based line of the `<example>` tag, to reveal it in the editor. */
  line: number;
  /** 0-based character of the `<example>` tag on that line. */
  character: number;
  turns: PreviewTurn[];
  commentary: string[];
}

export interface PreviewProblem {
  severity: Severity;
  code: string;
  message: string;
  start: Position;
  end: Position;
}

export interface PreviewModel {
  uri: string;
  /** The document version the model was built from. */
  version: number;
  /** Claude Code will skip this file: the reason in one sentence, or absent when it loads. */
  skipped?: string;
  /** Fields came from the lenient read because the YAML is broken (what the author meant). */
  recovered: boolean;
  /** No frontmatter at all: documentation, not an agent. */
  documentation: boolean;
  name?: string;
  /** The description with `<example>` blocks taken out (they are in `examples`). */
  description?: string;
  model?: string;
  color?: string;
  effort?: string;
  permissionMode?: string;
  memory?: string;
  isolation?: string;
  background?: boolean;
  maxTurns?: number;
  /** Allowed tools; absent when `tools` is absent (the agent inherits all tools). */
  tools?: PreviewTool[];
  disallowedTools: PreviewTool[];
  skills: string[];
  /** Other fields, key -> the value as written (for fields the header does not show). */
  otherFields: Array<{ key: string; value: string }>;
  examples: PreviewExample[];
  /** The Markdown body (system prompt). */
  body: string;
  /** 0-based line where the body starts in the document. */
  bodyLine: number;
  problems: PreviewProblem[];
  size: {
    descriptionChars: number;
    descriptionTokens: number;
    bodyChars: number;
    bodyTokens: number;
  };
}

/** Rule codes whose error means Claude Code does not load the file, with the reason in plain words. */
export const SKIP_REASONS: Readonly<Record<string, string>> = {
  'frontmatter-not-first-line': 'the opening `---` is not on the first line',
  'frontmatter-unclosed': 'the frontmatter is never closed with `---`',
  'invalid-yaml': 'the frontmatter is not valid YAML',
  'name-missing': 'it has no `name`',
  'name-skipped': 'its `name` starts with `-` or contains `:`',
  'description-missing': 'it has no `description`',
};

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
  findings: readonly Finding[];
  /** The text's line map, when the caller has one already (the server keeps one per checked version). */
  map?: LineMap;
}

/** Builds what the preview shows from the parsed agent and its findings. Pure. */
export function buildPreviewModel({ uri, version, text, agent, findings, map = new LineMap(text) }: BuildPreviewArgs): PreviewModel {
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

  const model: PreviewModel = {
    uri,
    version,
    skipped: skipReason(findings),
    recovered: fm?.fieldsFrom === 'lenient',
    documentation: !fm,
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
  set('model', str('model'));
  set('color', str('color'));
  set('effort', str('effort'));
  set('permissionMode', permissionMode);
  set('memory', str('memory'));
  set('isolation', str('isolation'));
  set('tools', toolList(agent, text, 'tools', permissionMode));

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

/** The reason Claude Code skips the file, from the error findings of the rules that mean so. */
export function skipReason(findings: readonly Finding[]): string | undefined {
  const reasons: string[] = [];
  for (const code of Object.keys(SKIP_REASONS)) {
    if (findings.some((f) => f.code === code && f.severity === 'error')) reasons.push(SKIP_REASONS[code]);
  }
  if (reasons.length === 0) return undefined;
  const list = reasons.length === 1 ? reasons[0] : `${reasons.slice(0, -1).join(', ')} and ${reasons[reasons.length - 1]}`;
  return `Claude Code will skip this file until it is fixed: ${list}.`;
}

/** How a tool entry shows: a built-in name, an MCP tool, a `Tool(specifier)` rule, a legacy name, or unknown. */
export function previewTool(e: ToolEntry, permissionMode?: string): PreviewTool {
  const name = e.text;
  switch (toolStatus(e)) {
    case 'mcp':
      return { name, status: 'mcp' };
    case 'legacy':
      return { name, status: 'legacy', replacement: LEGACY_TOOLS[e.name] };
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
  return strings.flatMap((s) => (s === undefined ? [] : s.split(',').map((t) => t.trim()).filter((t) => t !== '')));
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
