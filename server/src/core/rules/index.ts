/** Every rule, in the order their findings are listed. */
import { descriptionMissing } from './description-missing';
import { frontmatterNotFirstLine } from './frontmatter-not-first-line';
import { frontmatterUnclosed } from './frontmatter-unclosed';
import { invalidYaml } from './invalid-yaml';
import { misspelledKey } from './misspelled-key';
import { nameFormat } from './name-format';
import { nameMissing } from './name-missing';
import { nameSkipped } from './name-skipped';
import { noFrontmatter } from './no-frontmatter';
import type { Rule } from './rule';
import { unknownKey } from './unknown-key';

export const RULES: readonly Rule[] = [
  noFrontmatter,
  frontmatterNotFirstLine,
  frontmatterUnclosed,
  invalidYaml,
  nameMissing,
  nameSkipped,
  nameFormat,
  descriptionMissing,
  misspelledKey,
  unknownKey,
];

export const RULE_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export type { Rule, RuleContext, RuleFinding } from './rule';
