/**
 * Whether an agent's hooks let it load. Claude Code drops a local agent whose `hooks` is not a map of event
 * to a list of matchers, whose guard events (`PreToolUse`, `PermissionRequest`, `PreSkillShellCommand`)
 * hold any defect, or that declares such hooks outside `hooks`; defects under other events are ignored
 * (the entry is left out). Plugin agents ignore `hooks` altogether.
 */
import { GUARD_HOOK_EVENTS, HOOK_EVENTS, HOOK_TYPES, HOOK_GUARD_SCAN_SKIPPED_KEYS } from '../schema';

type Json = Record<string, unknown>;

const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Holds a guard event at this level (`{PreToolUse: [...]}`). */
function declaresGuard(v: unknown): boolean {
  return isMap(v) && Object.entries(v).some(([k, x]) => GUARD_HOOK_EVENTS.includes(k) && x !== null && x !== undefined && !(Array.isArray(x) && x.length === 0));
}

/** Looks like a hook matcher (`{matcher, hooks: [...]}`). */
function isMatcher(v: unknown): boolean {
  if (!isMap(v)) return false;
  if (!('matcher' in v) && Object.keys(v).some((k) => HOOK_EVENTS.includes(k))) return false;
  const h = v.hooks;
  if (Array.isArray(h)) return h.length > 0;
  return isMap(h) && ('matcher' in v || typeof h.type === 'string');
}

/** Guard hooks anywhere within `depth` levels. */
/** Sets made once, not per call: every file's frontmatter is scanned. */
const NONE_SKIPPED: ReadonlySet<string> = new Set();
const SCAN_SKIPPED: ReadonlySet<string> = new Set(HOOK_GUARD_SCAN_SKIPPED_KEYS);

function holdsGuard(v: unknown, depth = 3, matchersCount = true, skipped = NONE_SKIPPED, inHooksList = false): boolean {
  if (declaresGuard(v)) return true;
  if (matchersCount && isMatcher(v)) return true;
  if (depth === 0 || typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.some((x) => holdsGuard(x, depth - 1, matchersCount, skipped, inHooksList));
  if (inHooksList && typeof (v as Json).type === 'string') return false;
  return Object.entries(v).some(
    ([k, x]) => !skipped.has(k) && holdsGuard(x, depth - 1, matchersCount && !HOOK_EVENTS.includes(k), skipped, k === 'hooks' && Array.isArray(x)),
  );
}

/** The problem of one hook entry, or undefined when it is fine. */
function entryProblem(e: unknown): string | undefined {
  if (!isMap(e)) return 'a hook entry must be a map';
  if (typeof e.type !== 'string') return 'a hook entry has no `type`';
  const required = Object.prototype.hasOwnProperty.call(HOOK_TYPES, e.type) ? HOOK_TYPES[e.type] : undefined;
  if (required === undefined) return `unknown hook type \`${e.type}\``;
  for (const key of required) if (typeof e[key] !== 'string') return `a \`${e.type}\` hook needs \`${key}\` (text)`;
  if (e.timeout !== undefined && !(typeof e.timeout === 'number' && e.timeout > 0)) return '`timeout` must be a positive number';
  return undefined;
}

/** The problems of one event's matchers. */
function matcherProblems(matchers: unknown[]): string[] {
  const out: string[] = [];
  for (const m of matchers) {
    if (holdsGuard(m, 3, false)) {
      out.push('a matcher holds PreToolUse/PermissionRequest hooks');
      continue;
    }
    if (!isMap(m)) out.push('a hook matcher must be a map');
    else if (!Array.isArray(m.hooks)) out.push('a hook matcher needs `hooks`: a list of hook entries');
    else if (m.matcher !== undefined && typeof m.matcher !== 'string') out.push('`matcher` must be text');
    else
      for (const e of m.hooks) {
        const p = entryProblem(e);
        if (p) out.push(p);
      }
  }
  return out;
}

/** Why Claude Code does not load a local agent because of its hooks, or undefined when they are no obstacle. */
export function hooksObstacle(frontmatter: Json): string | undefined {
  const outside =
    declaresGuard(frontmatter) ||
    Object.entries(frontmatter).some(([k, v]) => k !== 'hooks' && !HOOK_GUARD_SCAN_SKIPPED_KEYS.includes(k) && holdsGuard(v, 3, !HOOK_EVENTS.includes(k), SCAN_SKIPPED));
  if (outside) return 'PreToolUse or PermissionRequest hooks are declared outside `hooks`';
  const hooks = frontmatter.hooks;
  if (!hooks) return undefined;
  if (isMatcher(hooks) || (Array.isArray(hooks) && hooks.some(isMatcher))) return '`hooks` must map hook events to lists of matchers, not hold matchers itself';
  if (!isMap(hooks)) return '`hooks` must be a map of hook events to lists of matchers';
  for (const [event, matchers] of Object.entries(hooks)) {
    const guard = GUARD_HOOK_EVENTS.includes(event);
    if (!HOOK_EVENTS.includes(event)) {
      if (holdsGuard(matchers, 3, !Array.isArray(matchers))) return `\`hooks.${event}\` is not a hook event but holds PreToolUse/PermissionRequest hooks`;
      continue; // an unknown event is ignored
    }
    if (!Array.isArray(matchers)) {
      if ((guard && matchers !== null) || holdsGuard(matchers, 3, false)) return `\`hooks.${event}\` must be a list of matchers`;
      continue;
    }
    if (guard) {
      const problems = matcherProblems(matchers);
      if (problems.length > 0) return `\`hooks.${event}\`: ${problems[0]}`;
    } else if (matchers.some((m) => holdsGuard(m, 3, false))) {
      return `\`hooks.${event}\`: a matcher holds PreToolUse/PermissionRequest hooks`;
    }
  }
  return undefined;
}
