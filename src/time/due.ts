/**
 * Due dates. `in` counts from the occurrence time (a late run still books
 * the right day) and lands on the next working day; `on` reads a date
 * attribute, shifts it by `before`/`after`, and lands on the working day
 * before it, because a deadline on a holiday must not slip later. A due date
 * that already lies in the past moves to the next working slot.
 *
 * Days, weeks and workdays are calendar steps in the rule's time zone and
 * keep the wall time across a daylight-saving switch; minutes and hours are
 * elapsed time. A time of day that a spring-forward switch skips (02:30)
 * moves forward by the length of the gap, as luxon resolves it, and one that
 * a fall-back switch repeats takes the earlier of the two instants.
 */
import type { DateTime } from 'luxon';
import type { Calendar, DueSpec } from '../types/rules.js';
import { parseRecordDate } from '../evaluate/triggers/dates.js';
import { resolveDottedPath } from '../evaluate/conditions.js';
import { addWorkdays, atTimeOfDay, nextWorkday, previousWorkday } from './calendar.js';
import { parseDuration, type Duration } from './duration.js';

/** Time of day when a rule names none. */
export const DEFAULT_TIME_OF_DAY = '09:00';

export type DueResult =
  | { ok: true; date: DateTime; movedFrom?: DateTime }
  | { ok: false; code: 'DUE_FIELD_MISSING' | 'DUE_FIELD_INVALID' | 'DURATION_INVALID'; params: Record<string, string> };

/**
 * Due dates already computed, per rule (its `due` and calendar objects) and
 * input. The occurrences of a date rule share their anchor (the run's time)
 * or their date value (a renewal day), and the luxon steps of one due date
 * took about 25 µs in a profile of the plan bench. Only successful results
 * are kept, and DateTime is immutable, so callers can share them.
 */
const computedDues = new WeakMap<DueSpec, WeakMap<Calendar, Map<string, DueResult>>>();
const COMPUTED_DUES_PER_RULE = 10_000;

export function computeDue(
  spec: DueSpec,
  anchor: DateTime,
  facts: Record<string, unknown>,
  calendar: Calendar,
  now: DateTime,
): DueResult {
  const input = spec.on !== undefined ? `on:${JSON.stringify(resolveDottedPath(facts, spec.on))}` : `in:${anchor.toMillis()}`;
  const key = `${input}|${now.toMillis()}`;
  let byCalendar = computedDues.get(spec);
  if (!byCalendar) computedDues.set(spec, (byCalendar = new WeakMap()));
  let results = byCalendar.get(calendar);
  if (!results) byCalendar.set(calendar, (results = new Map()));
  const known = results.get(key);
  if (known) return known;

  const result = dueOf(spec, anchor, facts, calendar, now);
  if (result.ok) {
    if (results.size >= COMPUTED_DUES_PER_RULE) results.clear();
    results.set(key, result);
  }
  return result;
}

function dueOf(spec: DueSpec, anchor: DateTime, facts: Record<string, unknown>, calendar: Calendar, now: DateTime): DueResult {
  const planned = spec.on !== undefined ? dueOnField(spec, facts, calendar) : dueIn(spec, anchor, calendar);
  if (!planned.ok) return planned;
  if (planned.date >= now) return planned;
  return { ok: true, date: nextWorkingSlot(now, spec.at, calendar), movedFrom: planned.date };
}

function dueIn(spec: DueSpec, anchor: DateTime, calendar: Calendar): DueResult {
  const duration = parseDuration(spec.in ?? '0 days');
  if (!duration) return { ok: false, code: 'DURATION_INVALID', params: { value: spec.in ?? '' } };
  const start = anchor.setZone(calendar.timezone);
  const shifted = shift(start, duration, 1, calendar);
  const dayBased = duration.unit !== 'minutes' && duration.unit !== 'hours';
  const timed = dayBased ? atTimeOfDay(shifted, spec.at ?? DEFAULT_TIME_OF_DAY) : atTimeOfDay(shifted, spec.at);
  const landed = nextWorkday(timed, calendar);
  // An hour offset that ends on a day off (Friday 17:00 + 10h) keeps no meaningful
  // wall time on the next working day, so the task starts that day's usual time.
  if (!dayBased && spec.at === undefined && !landed.equals(timed)) return { ok: true, date: atTimeOfDay(landed, DEFAULT_TIME_OF_DAY) };
  return { ok: true, date: landed };
}

function dueOnField(spec: DueSpec, facts: Record<string, unknown>, calendar: Calendar): DueResult {
  const path = spec.on!;
  const raw = resolveDottedPath(facts, path);
  if (raw === undefined || raw === null || raw === '') return { ok: false, code: 'DUE_FIELD_MISSING', params: { field: path } };
  const base = parseRecordDate(raw, calendar.timezone);
  if (!base) return { ok: false, code: 'DUE_FIELD_INVALID', params: { field: path, value: String(raw) } };

  let date = atTimeOfDay(base, spec.at ?? DEFAULT_TIME_OF_DAY);
  for (const [text, sign] of [[spec.before, -1], [spec.after, 1]] as const) {
    if (text === undefined) continue;
    const duration = parseDuration(text);
    if (!duration) return { ok: false, code: 'DURATION_INVALID', params: { value: text } };
    date = shift(date, duration, sign, calendar);
  }
  // A deadline shifted back, or not at all, lands on the working day before, so it
  // never slips later. One shifted `after` lands on the working day after, so it
  // never comes before the date it follows.
  return { ok: true, date: spec.after !== undefined ? nextWorkday(date, calendar) : previousWorkday(date, calendar) };
}

function shift(date: DateTime, duration: Duration, sign: 1 | -1, calendar: Calendar): DateTime {
  if (duration.unit === 'workdays') return addWorkdays(date, sign * duration.amount, calendar);
  return date.plus({ [duration.unit]: sign * duration.amount });
}

/** Return the first working day at the rule's time of day that is not before `now`. */
export function nextWorkingSlot(now: DateTime, at: string | undefined, calendar: Calendar): DateTime {
  const local = now.setZone(calendar.timezone);
  let candidate = atTimeOfDay(local, at ?? DEFAULT_TIME_OF_DAY);
  if (candidate < local) candidate = candidate.plus({ days: 1 });
  return nextWorkday(candidate, calendar);
}
