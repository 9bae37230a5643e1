/** Every rule, in the order their findings are listed. */
import { descriptionMissing } from './description-missing';
import { duplicateName } from './duplicate-name';
import { descriptionNoTrigger } from './description-no-trigger';
import { descriptionTooLong } from './description-too-long';
import { exampleMissingTurn } from './example-missing-turn';
import { exampleTagMisspelled } from './example-tag-misspelled';
import { exampleTagsUnbalanced } from './example-tags-unbalanced';
import { experimentalUnknownKey } from './experimental-unknown-key';
import { frontmatterNotFirstLine } from './frontmatter-not-first-line';
import { frontmatterUnclosed } from './frontmatter-unclosed';
import { hookEventUnknown } from './hook-event-unknown';
import { hooksList } from './hooks-list';
import { invalidYaml } from './invalid-yaml';
import { misspelledKey } from './misspelled-key';
import { modelUnknown } from './model-unknown';
import { nameFormat } from './name-format';
import { nameMissing } from './name-missing';
import { nameSkipped } from './name-skipped';
import { noFrontmatter } from './no-frontmatter';
import { pluginIgnoredField } from './plugin-ignored-field';
import type { Rule } from './rule';
import { toolAgentTypeMainSession } from './tool-agent-type-main-session';
import { toolEntryInvalid } from './tool-entry-invalid';
import { toolInBothLists } from './tool-in-both-lists';
import { toolLegacy } from './tool-legacy';
import { toolNeverForSubagent } from './tool-never-for-subagent';
import { toolUnknown } from './tool-unknown';
import { toolsResolveToNothing } from './tools-resolve-to-nothing';
import { unknownKey } from './unknown-key';
import { unknownSkill } from './unknown-skill';
import { valueLegacy } from './value-legacy';
import { valueNotAllowed } from './value-not-allowed';
import { valueWrongType } from './value-wrong-type';

export const RULES: readonly Rule[] = [
  // The file is skipped
  noFrontmatter,
  frontmatterNotFirstLine,
  frontmatterUnclosed,
  invalidYaml,
  nameMissing,
  nameSkipped,
  nameFormat,
  descriptionMissing,
  // Keys and values
  misspelledKey,
  unknownKey,
  valueWrongType,
  valueNotAllowed,
  valueLegacy,
  modelUnknown,
  hooksList,
  hookEventUnknown,
  experimentalUnknownKey,
  pluginIgnoredField,
  // Tools
  toolsResolveToNothing,
  toolUnknown,
  toolLegacy,
  toolEntryInvalid,
  toolInBothLists,
  toolNeverForSubagent,
  toolAgentTypeMainSession,
  // The workspace
  duplicateName,
  unknownSkill,
  // Examples
  exampleTagMisspelled,
  exampleTagsUnbalanced,
  exampleMissingTurn,
  // Quality
  descriptionTooLong,
  descriptionNoTrigger,
];

export const RULE_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export type { OtherAgent, Rule, RuleContext, RuleFinding, WorkspaceView } from './rule';
