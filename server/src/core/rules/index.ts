/** Every rule, in the order their findings are listed. */
import { descriptionCutByComment } from './description-cut-by-comment';
import { descriptionMissing } from './description-missing';
import { descriptionNoTrigger } from './description-no-trigger';
import { descriptionsOverBudget } from './descriptions-over-budget';
import { descriptionTooLong } from './description-too-long';
import { duplicateKey } from './duplicate-key';
import { duplicateName } from './duplicate-name';
import { exampleMissingTurn } from './example-missing-turn';
import { exampleTagMisspelled } from './example-tag-misspelled';
import { exampleTagsUnbalanced } from './example-tags-unbalanced';
import { experimentalUnknownKey } from './experimental-unknown-key';
import { fileExtension } from './file-extension';
import { frontmatterCut } from './frontmatter-cut';
import { frontmatterNotFirstLine } from './frontmatter-not-first-line';
import { frontmatterUnclosed } from './frontmatter-unclosed';
import { hookEventUnknown } from './hook-event-unknown';
import { hooksInvalid } from './hooks-invalid';
import { invalidYaml } from './invalid-yaml';
import { misspelledKey } from './misspelled-key';
import { modelUnknown } from './model-unknown';
import { nameFormat } from './name-format';
import { nameMissing } from './name-missing';
import { nameShadowing } from './name-shadowing';
import { nameNotText } from './name-not-text';
import { nameSkipped } from './name-skipped';
import { nameTooLong } from './name-too-long';
import { noFrontmatter } from './no-frontmatter';
import { noTools } from './no-tools';
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
import { valueChangedByRewrite } from './value-changed-by-rewrite';
import { valueLegacy } from './value-legacy';
import { valueNotAllowed } from './value-not-allowed';
import { valueWrongType } from './value-wrong-type';
import { yamlNeedsRewrite } from './yaml-needs-rewrite';

export const RULES: readonly Rule[] = [
  // Whether Claude Code loads the file
  fileExtension,
  noFrontmatter,
  frontmatterNotFirstLine,
  frontmatterUnclosed,
  frontmatterCut,
  nameMissing,
  nameNotText,
  nameSkipped,
  nameTooLong,
  descriptionMissing,
  // How the YAML reads
  invalidYaml,
  yamlNeedsRewrite,
  valueChangedByRewrite,
  duplicateKey,
  descriptionCutByComment,
  // Keys and values
  misspelledKey,
  unknownKey,
  valueWrongType,
  valueNotAllowed,
  valueLegacy,
  modelUnknown,
  hooksInvalid,
  hookEventUnknown,
  experimentalUnknownKey,
  pluginIgnoredField,
  // Tools
  toolsResolveToNothing,
  noTools,
  toolUnknown,
  toolLegacy,
  toolEntryInvalid,
  toolInBothLists,
  toolNeverForSubagent,
  toolAgentTypeMainSession,
  // The workspace
  duplicateName,
  nameShadowing,
  descriptionsOverBudget,
  unknownSkill,
  // Examples
  exampleTagMisspelled,
  exampleTagsUnbalanced,
  exampleMissingTurn,
  // Quality
  nameFormat,
  descriptionTooLong,
  descriptionNoTrigger,
];

export const RULE_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export type { OtherAgent, Rule, RuleContext, RuleFinding, RuleMeaning, SessionBudget, SessionNamesake, SessionShadowing, WorkspaceView } from './rule';
