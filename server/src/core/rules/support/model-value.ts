/** How a `model` value reads: an alias, a Claude model id (of a known family or not), an ARN, or other. */
import { BEDROCK_ARN, CLAUDE_MODEL_ID, MODEL_ALIASES, MODEL_FAMILIES, MODEL_OTHER_ALIASES, MODEL_SUFFIXES } from '../../schema';
import { nearMisses } from '../../similarity';

export type ModelKind =
  | { kind: 'alias' }
  | { kind: 'id' }
  | { kind: 'id-unknown-family' }
  | { kind: 'arn' }
  /** Not allowed, but close to an alias (`Sonnet`, `sonet`): the author evidently meant it. */
  | { kind: 'near-alias'; close: string[] }
  | { kind: 'other' };

/** Claude Code lower-cases the model setting before it resolves aliases, so `Sonnet` is `sonnet`. */
export function classifyModel(raw: string): ModelKind {
  const value = raw.toLowerCase();
  const base = MODEL_SUFFIXES.reduce((v, s) => (v.endsWith(s) ? v.slice(0, -s.length) : v), value);
  if ((MODEL_ALIASES as readonly string[]).includes(base) || (MODEL_OTHER_ALIASES as readonly string[]).includes(base)) return { kind: 'alias' };
  if (BEDROCK_ARN.test(value)) return { kind: 'arn' };
  if (CLAUDE_MODEL_ID.test(value)) {
    const parts = value.toLowerCase().split(/[-.@:/_]/);
    return (MODEL_FAMILIES as readonly string[]).some((f) => parts.includes(f)) ? { kind: 'id' } : { kind: 'id-unknown-family' };
  }
  const close = nearMisses(base, MODEL_ALIASES);
  return close.length > 0 ? { kind: 'near-alias', close } : { kind: 'other' };
}
