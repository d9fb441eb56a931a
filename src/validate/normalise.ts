/**
 * Rule specs (as written) into the rules evaluation works with: file
 * defaults merged in, assignees as lists, the trigger's kind and record kind
 * spelled out.
 */
import { createHash } from 'node:crypto';
import { recordKindOf } from '../evaluate/fact-roots.js';
import type { RuleFileText } from '../load/rule-files.js';
import { positionOf } from '../load/positions.js';
import { durationToMillis } from '../time/duration.js';
import type { RecordKind } from '../types/diagnostics.js';
import type { Calendar, ConditionSpec, Rule, RuleDefaults, RuleSpec, TriggerKind, TriggerSpec, Weekday } from '../types/rules.js';
import type { RuleEntry } from './checks/context.js';

/** Calendar of rules whose file sets no defaults. */
export const DEFAULT_CALENDAR: Readonly<Calendar> = Object.freeze({
  timezone: 'UTC',
  workdays: ['mon', 'tue', 'wed', 'thu', 'fri'] as Weekday[],
  holidays: [] as string[],
});

/** First-run look-back when the file sets no `defaults.lookback`: 7 days. */
export const DEFAULT_LOOKBACK_MS = 7 * 86_400_000;

/**
 * `maxTasksPerRun` when neither the rule nor its file sets one. It is a
 * judgement, not a measurement: a first run over a small or medium account
 * should stay below it. A rule whose trigger or conditions match far more
 * records than intended then creates nothing instead of a flood of tasks.
 */
export const DEFAULT_MAX_TASKS_PER_RUN = 100;

/** Return the single key of a schema-valid trigger. */
export function triggerKindOf(trigger: TriggerSpec): TriggerKind {
  return Object.keys(trigger)[0] as TriggerKind;
}

/** Return the record kind a schema-valid trigger looks at. */
export function recordKindOfTrigger(trigger: TriggerSpec): RecordKind {
  const kind = triggerKindOf(trigger);
  if ('dateApproaching' in trigger) return recordKindOf(kind, trigger.dateApproaching.record);
  if ('attributeChanged' in trigger) return recordKindOf(kind, trigger.attributeChanged.record);
  if ('every' in trigger) return recordKindOf(kind, trigger.every.record);
  return recordKindOf(kind);
}

/** Build the evaluation form of one rule that passed every check. */
export function normaliseRule(entry: RuleEntry, defaults: RuleDefaults | undefined): Rule {
  const { spec } = entry;
  const rule: Rule = {
    id: spec.id,
    file: entry.file.file,
    position: positionOf(entry.file, ['rules', entry.index, 'id']),
    enabled: spec.enabled ?? true,
    recordKind: entry.recordKind,
    triggerKind: entry.triggerKind,
    trigger: spec.trigger,
    task: { ...spec.task, assignee: assigneeList(spec) },
    calendar: calendarOf(defaults),
    reminder: spec.task.reminder !== undefined ? spec.task.reminder : (defaults?.reminder ?? null),
    lookbackMs: defaults?.lookback === undefined ? DEFAULT_LOOKBACK_MS : (durationToMillis(defaults.lookback) ?? DEFAULT_LOOKBACK_MS),
    maxTasksPerRun: spec.maxTasksPerRun ?? defaults?.maxTasksPerRun ?? DEFAULT_MAX_TASKS_PER_RUN,
    locale: defaults?.locale ?? 'en',
  };
  if (spec.description !== undefined) rule.description = spec.description;
  if (spec.conditions !== undefined) rule.conditions = topLevelCondition(spec.conditions);
  return rule;
}

/** sha256 over every rule file's name and text, in name order. */
export function fingerprintOf(texts: RuleFileText[]): string {
  const hash = createHash('sha256');
  const sorted = [...texts].sort((a, b) => compareCodePoints(a.name, b.name));
  for (const { name, text } of sorted) {
    hash.update(name).update('\0').update(text).update('\0');
  }
  return hash.digest('hex');
}

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function calendarOf(defaults: RuleDefaults | undefined): Calendar {
  return {
    timezone: defaults?.timezone ?? DEFAULT_CALENDAR.timezone,
    workdays: [...(defaults?.workdays ?? DEFAULT_CALENDAR.workdays)],
    holidays: [...(defaults?.holidays ?? DEFAULT_CALENDAR.holidays)],
  };
}

/** Return the assignees as a list; the schema also allows a single string. */
function assigneeList(spec: RuleSpec): string[] {
  const assignee: unknown = spec.task.assignee;
  return typeof assignee === 'string' ? [assignee] : [...spec.task.assignee];
}

/**
 * json-rules-engine needs all, any or not at the top of a rule's
 * conditions, so a single leaf becomes `all: [leaf]`.
 */
function topLevelCondition(condition: ConditionSpec): ConditionSpec {
  return 'fact' in condition ? { all: [condition] } : condition;
}
