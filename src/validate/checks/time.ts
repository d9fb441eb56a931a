/**
 * Meaning checks on time: time zones, durations and times of day. The schema
 * already checked their spelling; these check their values.
 */
import { IANAZone } from 'luxon';
import type { PathSegment } from '../../load/positions.js';
import { durationToMillis, parseDuration } from '../../time/duration.js';
import { reportFile, reportRule, ruleSegments, validTextAt, type CheckContext, type MeaningInput, type RuleEntry } from './context.js';

/** Maximum duration anywhere: ten years of 365.25 days. */
export const MAX_DURATION_MS = 3_652.5 * 86_400_000;
/** Ten years of five workdays a week. */
const MAX_WORKDAYS = 2_610;

/** Constraints of one duration field. */
interface DurationRule {
  /** Workdays need a calendar; windows and lengths need a fixed length. */
  workdays: boolean;
  /** Zero makes sense as an offset ("due in 0 days") but not as a length. */
  zero: boolean;
}

const LENGTH: DurationRule = { workdays: false, zero: false };
const OFFSET: DurationRule = { workdays: true, zero: true };

/** Check that `defaults.timezone` is a zone luxon (and so Intl) recognises. */
export function timezonesAreValid({ files }: MeaningInput, context: CheckContext): void {
  for (const { file, spec } of files) {
    const timezone = spec.defaults?.timezone;
    if (timezone === undefined || IANAZone.isValidZone(timezone)) continue;
    reportFile(context, file, 'TIMEZONE_INVALID', ['defaults', 'timezone'], { timezone });
  }
}

/** Check that durations are in range and use workdays only where a calendar applies. */
export function durationsAreValid({ files, rules }: MeaningInput, context: CheckContext): void {
  for (const { file, spec } of files) {
    const lookback = spec.defaults?.lookback;
    const problem = lookback === undefined ? undefined : durationProblem(lookback, LENGTH);
    if (problem) reportFile(context, file, 'DURATION_INVALID', ['defaults', 'lookback'], { value: lookback!, reason: problem });
  }

  for (const entry of rules) {
    for (const [segments, value, rule] of durationFields(entry)) {
      const problem = durationProblem(value, rule);
      if (problem) reportRule(context, entry, 'DURATION_INVALID', segments, { value, reason: problem });
    }
  }
}

/** Check that `due.at` is a real time of day: hours 0–23, minutes 0–59. */
export function timesOfDayAreValid({ rules }: MeaningInput, context: CheckContext): void {
  for (const entry of rules) {
    const at = validTextAt(entry, 'task', 'due', 'at');
    if (at === undefined || isTimeOfDay(at)) continue;
    reportRule(context, entry, 'TIME_OF_DAY_INVALID', ruleSegments(entry, 'task', 'due', 'at'), { value: at });
  }
}

/** Check that `due.at` comes with an offset in days or workdays, because `in: 4h` already fixes the time. */
export function dueTimesAreConsistent({ rules }: MeaningInput, context: CheckContext): void {
  for (const entry of rules) {
    const at = validTextAt(entry, 'task', 'due', 'at');
    const offset = validTextAt(entry, 'task', 'due', 'in');
    if (at === undefined || offset === undefined) continue;

    const unit = parseDuration(offset)?.unit;
    if (unit !== 'minutes' && unit !== 'hours') continue;
    reportRule(context, entry, 'DUE_AT_CONFLICT', ruleSegments(entry, 'task', 'due', 'at'), { at, in: offset });
  }
}

export function isTimeOfDay(text: string): boolean {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return false;
  return Number(match[1]) <= 23 && Number(match[2]) <= 59;
}

function durationFields(entry: RuleEntry): [PathSegment[], string, DurationRule][] {
  const fields: [PathSegment[], DurationRule][] = [
    [['task', 'duration'], LENGTH],
    [['task', 'due', 'in'], OFFSET],
    [['task', 'due', 'before'], OFFSET],
    [['task', 'due', 'after'], OFFSET],
    [['trigger', 'dateApproaching', 'within'], LENGTH],
    [['trigger', 'every', 'interval'], LENGTH],
  ];
  const found: [PathSegment[], string, DurationRule][] = [];
  for (const [rest, rule] of fields) {
    const value = validTextAt(entry, ...rest);
    if (value !== undefined) found.push([ruleSegments(entry, ...rest), value, rule]);
  }
  return found;
}

/** Return why a duration is not acceptable here, or undefined when it is. */
function durationProblem(text: string, rule: DurationRule): string | undefined {
  const duration = parseDuration(text);
  if (!duration) return 'syntax';
  if (duration.amount === 0 && !rule.zero) return 'zero';
  if (duration.unit === 'workdays') {
    if (!rule.workdays) return 'workdays';
    return duration.amount > MAX_WORKDAYS ? 'tooLong' : undefined;
  }
  return (durationToMillis(duration) ?? Infinity) > MAX_DURATION_MS ? 'tooLong' : undefined;
}
