/**
 * Loading a rule set: read the rule files, check them against the schema,
 * then check their meaning, and build the rules evaluation runs. Problems
 * come back as diagnostics; nothing here prints, exits or throws for bad
 * input.
 */
import type { Lang } from '../i18n/index.js';
import { readRuleFiles, type ParsedRuleFile } from '../load/rule-files.js';
import type { Diagnostic, RecordKind } from '../types/diagnostics.js';
import type { BrevoPipeline } from '../types/records.js';
import type { RuleFileSpec, RuleSet, RuleSpec } from '../types/rules.js';
import type { FileEntry, MeaningInput } from './checks/context.js';
import { BREVO_DEFAULT_TASK_TYPES } from './checks/names.js';
import { runMeaningChecks } from './meaning.js';
import { fingerprintOf, normaliseRule, recordKindOfTrigger, triggerKindOf } from './normalise.js';
import { checkSchema } from './schema.js';

export { accountNamesOf } from './account-names.js';
export { BREVO_DEFAULT_TASK_TYPES, unknownTaskTypeParams } from './checks/names.js';

export interface LoadOptions {
  lang: Lang;
  /** Task type titles of the account; Brevo's defaults when absent. */
  taskTypes?: string[];
  /** Pipelines of the account; stage and pipeline names go unchecked when absent. */
  pipelines?: BrevoPipeline[];
  /** Raw attribute names per record kind; field names of a kind go unchecked when absent. */
  attributes?: Partial<Record<RecordKind, string[]>>;
  /** Loyalty event types seen; event type names go unchecked when absent or empty. */
  eventTypes?: string[];
}

export interface LoadResult {
  /** Null when any diagnostic is an error. */
  ruleSet: RuleSet | null;
  diagnostics: Diagnostic[];
}

/** Load, validate and normalise every rule file in `dir`. */
export function loadRuleSet(dir: string, options: LoadOptions): LoadResult {
  const { files, texts, diagnostics } = readRuleFiles(dir);

  const input: MeaningInput = { files: [], rules: [] };
  for (const file of files) {
    const schema = checkSchema(file, options.lang);
    diagnostics.push(...schema.diagnostics);
    addCheckableParts(input, file, schema.fileValid, schema.errorPaths);
  }

  runMeaningChecks(input, {
    lang: options.lang,
    taskTypes: options.taskTypes ?? [...BREVO_DEFAULT_TASK_TYPES],
    ...(options.pipelines ? { pipelines: options.pipelines } : {}),
    ...(options.attributes ? { attributes: options.attributes } : {}),
    ...(options.eventTypes ? { eventTypes: options.eventTypes } : {}),
    diagnostics,
  });

  diagnostics.sort(byPosition);
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return { ruleSet: null, diagnostics };

  const rules = input.rules.map((entry) => normaliseRule(entry, defaultsOf(entry.file)));
  return { ruleSet: { rules, fingerprint: fingerprintOf(texts) }, diagnostics };
}

/**
 * Queue `file` for the meaning pass: its top level when that passed the
 * schema, and each rule whose id and trigger passed it.
 */
function addCheckableParts(input: MeaningInput, file: ParsedRuleFile, fileValid: boolean, errorPaths: string[]): void {
  const spec = file.data as RuleFileSpec | null;
  if (fileValid && spec) input.files.push({ file, spec } satisfies FileEntry);

  const rules: unknown = typeof spec === 'object' && spec !== null ? spec.rules : undefined;
  if (!Array.isArray(rules)) return;
  for (const [index, rule] of rules.entries()) {
    const prefix = `rules/${index}`;
    const ruleErrors = errorPaths.filter((path) => path === prefix || path.startsWith(`${prefix}/`));
    if (!hasCheckableCore(rule, prefix, ruleErrors)) continue;

    const ruleSpec = rule as RuleSpec;
    input.rules.push({
      file,
      index,
      spec: ruleSpec,
      triggerKind: triggerKindOf(ruleSpec.trigger),
      recordKind: recordKindOfTrigger(ruleSpec.trigger),
      schemaErrorPaths: ruleErrors,
    });
  }
}

/** Check for a rule map with a schema-valid id and trigger, which every meaning check relies on. */
function hasCheckableCore(rule: unknown, prefix: string, ruleErrors: string[]): boolean {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return false;
  const { id, trigger } = rule as Partial<RuleSpec>;
  if (typeof id !== 'string' || typeof trigger !== 'object' || trigger === null) return false;
  const core = [`${prefix}/id`, `${prefix}/trigger`];
  return !ruleErrors.some((path) => core.some((corePath) => path === corePath || path.startsWith(`${corePath}/`)));
}

/** Problems without a position (the directory) first, then by file, line and column. */
function byPosition(a: Diagnostic, b: Diagnostic): number {
  if (!a.position || !b.position) return (a.position ? 1 : 0) - (b.position ? 1 : 0);
  if (a.position.file !== b.position.file) return a.position.file < b.position.file ? -1 : 1;
  return a.position.line - b.position.line || a.position.col - b.position.col;
}

function defaultsOf(file: ParsedRuleFile): RuleFileSpec['defaults'] {
  return (file.data as RuleFileSpec).defaults;
}
