/**
 * Durations as people write them in rule files ("15m", "1h", "2 days",
 * "3 workdays") and their conversion to milliseconds. Workdays depend on a
 * calendar, so only the other units convert to a fixed length.
 */

/** Units of a parsed duration; all but `workdays` are also luxon `Duration` keys. */
export type DurationUnit = 'minutes' | 'hours' | 'days' | 'workdays' | 'weeks';

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/**
 * The accepted syntax: a whole number, optional blanks, a unit. The rule
 * file schema (`$defs/duration` in schemas/rules.schema.json) repeats this
 * pattern, and test/duration.test.ts checks that both stay equal.
 */
export const DURATION_PATTERN = /^\d+\s*(m|min|minutes?|h|hours?|d|days?|workdays?|w|weeks?)$/;

const UNIT_BY_SPELLING: Record<string, DurationUnit> = {
  m: 'minutes',
  min: 'minutes',
  minute: 'minutes',
  minutes: 'minutes',
  h: 'hours',
  hour: 'hours',
  hours: 'hours',
  d: 'days',
  day: 'days',
  days: 'days',
  workday: 'workdays',
  workdays: 'workdays',
  w: 'weeks',
  week: 'weeks',
  weeks: 'weeks',
};

const MS_PER_UNIT: Record<Exclude<DurationUnit, 'workdays'>, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 7 * 86_400_000,
};

/**
 * Parse "15m", "1 hour", "2 days" or "3 workdays" into amount and unit.
 * Leading and trailing blanks are ignored. Returns null when the text does
 * not match {@link DURATION_PATTERN} or the number is too large to be exact.
 */
export function parseDuration(text: string): Duration | null {
  const trimmed = text.trim();
  const spelling = DURATION_PATTERN.exec(trimmed)?.[1];
  if (spelling === undefined) return null;

  const amount = Number.parseInt(trimmed, 10);
  const unit = UNIT_BY_SPELLING[spelling];
  if (!Number.isSafeInteger(amount) || unit === undefined) return null;
  return { amount, unit };
}

/** True for units with a fixed length; workdays need a calendar. */
export function hasFixedLength(duration: Duration): duration is Duration & { unit: Exclude<DurationUnit, 'workdays'> } {
  return duration.unit !== 'workdays';
}

/**
 * Convert a duration (or its text) to milliseconds, counting a day as 24
 * hours. Callers that step across a daylight-saving change in a time zone
 * should add calendar days with luxon instead. Returns null for invalid text
 * and for workdays, which only a calendar can count.
 */
export function durationToMillis(duration: Duration | string): number | null {
  const parsed = typeof duration === 'string' ? parseDuration(duration) : duration;
  if (parsed === null || !hasFixedLength(parsed)) return null;
  return parsed.amount * MS_PER_UNIT[parsed.unit];
}
