/**
 * Working-day arithmetic in a rule's time zone. Days are added with luxon's
 * calendar math, so a day across a daylight-saving switch keeps its wall time.
 */
import { DateTime } from 'luxon';
import type { Calendar, Weekday } from '../types/rules.js';

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export function isWorkday(day: DateTime, calendar: Calendar): boolean {
  const weekday = WEEKDAYS[day.weekday - 1]!;
  if (!calendar.workdays.includes(weekday)) return false;
  return !calendar.holidays.includes(day.toISODate() ?? '');
}

/** The same moment, or the first working day after it at the same wall time. */
export function nextWorkday(day: DateTime, calendar: Calendar): DateTime {
  let current = day;
  for (let guard = 0; guard < 366 && !isWorkday(current, calendar); guard++) current = current.plus({ days: 1 });
  return current;
}

/** The same moment, or the last working day before it at the same wall time. */
export function previousWorkday(day: DateTime, calendar: Calendar): DateTime {
  let current = day;
  for (let guard = 0; guard < 366 && !isWorkday(current, calendar); guard++) current = current.minus({ days: 1 });
  return current;
}

/** Move `count` working days forward (or back when negative), skipping the rest. */
export function addWorkdays(day: DateTime, count: number, calendar: Calendar): DateTime {
  const step = count >= 0 ? 1 : -1;
  let current = day;
  let left = Math.abs(count);
  while (left > 0) {
    current = current.plus({ days: step });
    if (isWorkday(current, calendar)) left--;
  }
  return current;
}

/**
 * Set the wall-clock time `HH:mm` in the date's own zone. Starting from
 * midnight makes a time that a daylight-saving switch repeats resolve to its
 * first instant, whatever the offset of `day` was.
 */
export function atTimeOfDay(day: DateTime, time: string | undefined): DateTime {
  if (!time) return day;
  const [hour, minute] = time.split(':').map(Number);
  return day.startOf('day').set({ hour: hour ?? 0, minute: minute ?? 0 });
}
