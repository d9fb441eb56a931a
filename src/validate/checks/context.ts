/**
 * Shared parts of the meaning checks: the schema-valid rules and files they look
 * at, and the list they append diagnostics to.
 */
import type { Lang } from '../../i18n/index.js';
import type { ParsedRuleFile } from '../../load/rule-files.js';
import { positionOf, type PathSegment } from '../../load/positions.js';
import type { Diagnostic, RecordKind, Severity, SourcePosition } from '../../types/diagnostics.js';
import type { BrevoPipeline } from '../../types/records.js';
import type { RuleFileSpec, RuleSpec, TriggerKind } from '../../types/rules.js';

/**
 * A rule whose id and trigger passed the schema. Other parts may have schema
 * errors: checks read them through {@link validAt}, so one run lists the
 * problems of both passes.
 */
export interface RuleEntry {
  file: ParsedRuleFile;
  /** Index in the file's `rules` list. */
  index: number;
  /** Typed as written; parts listed in `schemaErrorPaths` may not match the type. */
  spec: RuleSpec;
  triggerKind: TriggerKind;
  recordKind: RecordKind;
  /** Paths (`rules/0/task/type`) of the schema errors inside this rule. */
  schemaErrorPaths: readonly string[];
}

/** A rule file whose top level (version, defaults) passed the schema. */
export interface FileEntry {
  file: ParsedRuleFile;
  spec: RuleFileSpec;
}

export interface CheckContext {
  lang: Lang;
  /** Task type titles the rules may use. */
  taskTypes: readonly string[];
  /** Pipelines to resolve stage and pipeline names against; stage names go unchecked without them. */
  pipelines?: readonly BrevoPipeline[];
  /** Raw attribute names seen per record kind; attribute names go unchecked for a kind without an entry. */
  attributes?: Partial<Record<RecordKind, readonly string[]>>;
  /** Loyalty event types seen in the events source; event names go unchecked without them. */
  eventTypes?: readonly string[];
  diagnostics: Diagnostic[];
}

export interface MeaningInput {
  files: FileEntry[];
  rules: RuleEntry[];
}

/** One meaning check; it appends what it finds to `context.diagnostics`. */
export type MeaningCheck = (input: MeaningInput, context: CheckContext) => void;

/**
 * Read the value at `rest` inside the rule. Returns undefined when it is
 * absent, or when it or anything below it has a schema error.
 */
export function validAt(entry: RuleEntry, ...rest: PathSegment[]): unknown {
  const path = ruleSegments(entry, ...rest).join('/');
  if (entry.schemaErrorPaths.some((errorPath) => errorPath === path || errorPath.startsWith(`${path}/`))) return undefined;

  let value: unknown = entry.spec;
  for (const segment of rest) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** {@link validAt} for text values. */
export function validTextAt(entry: RuleEntry, ...rest: PathSegment[]): string | undefined {
  const value = validAt(entry, ...rest);
  return typeof value === 'string' ? value : undefined;
}

/** Path segments of a key inside a rule: `ruleSegments(entry, 'task', 'type')`. */
export function ruleSegments(entry: RuleEntry, ...rest: PathSegment[]): PathSegment[] {
  return ['rules', entry.index, ...rest];
}

/** Append an error about the node at `segments` of a rule. */
export function reportRule(
  context: CheckContext,
  entry: RuleEntry,
  code: string,
  segments: PathSegment[],
  params: Diagnostic['params'],
  position: SourcePosition = positionOf(entry.file, segments),
): void {
  pushRuleDiagnostic(context, entry, 'error', code, segments, params, position);
}

/** Append a warning about the node at `segments` of a rule; warnings do not stop a run. */
export function warnRule(
  context: CheckContext,
  entry: RuleEntry,
  code: string,
  segments: PathSegment[],
  params: Diagnostic['params'],
  position: SourcePosition = positionOf(entry.file, segments),
): void {
  pushRuleDiagnostic(context, entry, 'warning', code, segments, params, position);
}

function pushRuleDiagnostic(
  context: CheckContext,
  entry: RuleEntry,
  severity: Severity,
  code: string,
  segments: PathSegment[],
  params: Diagnostic['params'],
  position: SourcePosition,
): void {
  context.diagnostics.push({
    code,
    severity,
    params,
    position,
    path: segments.join('/'),
    rule: entry.spec.id,
  });
}

/** Append an error about the node at `segments` of a file, outside any rule. */
export function reportFile(context: CheckContext, file: ParsedRuleFile, code: string, segments: PathSegment[], params: Diagnostic['params']): void {
  context.diagnostics.push({
    code,
    severity: 'error',
    params,
    position: positionOf(file, segments),
    path: segments.join('/'),
  });
}

/** Names compare like Brevo shows them to people: trimmed and ignoring case. */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Join values for a hint, cut after `limit` entries. */
export function listForHint(values: Iterable<string>, limit = 20): string {
  const unique = [...new Set(values)];
  const listed = unique.slice(0, limit).join(', ');
  return unique.length > limit ? `${listed}, …` : listed;
}
