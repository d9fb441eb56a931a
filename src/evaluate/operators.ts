/**
 * The condition operators of rule files, registered on every json-rules-engine
 * engine. They replace the engine's built-in comparisons where those mislead
 * people who write rules:
 *
 * - json-rules-engine 7.3 compares with `<` after a `parseFloat` guard, so
 *   `"10" greaterThan "9"` is false (text order) and a date string such as
 *   `"06 Apr 2021"` passes the guard. Here both sides must read as numbers,
 *   and numbers stored as text count.
 * - `equal`, `in` and `contains` use `===`, so the text `"5000"` never equals
 *   the number 5000. Here a number and a numeric text compare as numbers.
 * - `contains` only searched arrays. Here it also finds text in text.
 * - `in` with a `null` list threw and rejected the whole run. Here it is false.
 *
 * Dates compare as instants. A plain `YYYY-MM-DD` is the start of that day in
 * the rule's time zone, and `now` and `today` name the evaluation time and
 * the start of its day.
 */
import type { Engine } from 'json-rules-engine';
import { DateTime } from 'luxon';
import { parseRecordDate } from './triggers/dates.js';

/** The evaluation time and the rule's IANA time zone. */
export interface OperatorClock {
  now: DateTime;
  zone: string;
}

type Evaluator = (factValue: unknown, value: unknown) => boolean;

export const NUMERIC_OPERATORS: readonly string[] = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];
export const DATE_OPERATORS: readonly string[] = ['dateBefore', 'dateAfter'];
export const DAY_WINDOW_OPERATORS: readonly string[] = ['withinNextDays', 'withinLastDays'];

/**
 * Operators that are false whenever the fact has the wrong type or is
 * missing. Under `not`, a missing amount or date would then make the
 * condition true, so validation rejects `not` over them.
 */
export const TYPED_OPERATORS: readonly string[] = [...NUMERIC_OPERATORS, ...DATE_OPERATORS, ...DAY_WINDOW_OPERATORS];

/** Words a date condition may use instead of a date. */
export const RELATIVE_DATES: readonly string[] = ['now', 'today'];

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Register every operator of rule files on `engine`, replacing the built-ins of the same name. */
export function addOperators(engine: Engine, clock: OperatorClock): void {
  const operators: Record<string, Evaluator> = {
    ...equalityOperators(),
    ...numericOperators(),
    ...dateOperators(clock),
  };
  for (const [name, evaluate] of Object.entries(operators)) engine.addOperator<unknown, unknown>(name, evaluate);
}

/** Read a number, or a text that is exactly a decimal number; everything else gives null. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return NUMBER_TEXT.test(text) ? Number(text) : null;
}

/** Check that `value` is a date a rule file may compare with: YYYY-MM-DD, an ISO time with offset, now or today. */
export function isDateText(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  return RELATIVE_DATES.includes(value) || parseRecordDate(value, 'UTC') !== null;
}

/** Read a date value as an instant in the clock's zone; null when it is no date. */
export function toInstant(value: unknown, clock: OperatorClock): DateTime | null {
  if (value instanceof Date) {
    const date = DateTime.fromJSDate(value, { zone: clock.zone });
    return date.isValid ? date : null;
  }
  if (value === 'now') return clock.now;
  if (value === 'today') return startOfToday(clock);
  return parseRecordDate(value, clock.zone);
}

/** Compare like `===`, except that a number and a numeric text compare as numbers. */
export function looselyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'number' && typeof b !== 'number') return false;
  const left = toNumber(a);
  const right = toNumber(b);
  return left !== null && left === right;
}

function equalityOperators(): Record<string, Evaluator> {
  const inList = (fact: unknown, list: unknown) => Array.isArray(list) && list.some((item) => looselyEqual(fact, item));
  return {
    equal: (fact, value) => looselyEqual(fact, value),
    notEqual: (fact, value) => !looselyEqual(fact, value),
    in: (fact, list) => inList(fact, list),
    notIn: (fact, list) => Array.isArray(list) && !inList(fact, list),
    contains: (fact, value) => containment(fact, value) === true,
    doesNotContain: (fact, value) => containment(fact, value) === false,
  };
}

/**
 * Test whether a list contains an item, or a text contains a part of text.
 * Returns undefined when the fact is neither, so that both `contains` and
 * `doesNotContain` are false for a missing value.
 */
function containment(fact: unknown, value: unknown): boolean | undefined {
  if (Array.isArray(fact)) return fact.some((item) => looselyEqual(item, value));
  if (typeof fact === 'string' && typeof value === 'string') return fact.includes(value);
  return undefined;
}

function numericOperators(): Record<string, Evaluator> {
  const compare = (test: (fact: number, value: number) => boolean): Evaluator => (fact, value) => {
    const left = toNumber(fact);
    const right = toNumber(value);
    return left !== null && right !== null && test(left, right);
  };
  return {
    lessThan: compare((fact, value) => fact < value),
    lessThanInclusive: compare((fact, value) => fact <= value),
    greaterThan: compare((fact, value) => fact > value),
    greaterThanInclusive: compare((fact, value) => fact >= value),
  };
}

/**
 * `withinNextDays: N` holds for a date from the start of today to the end of
 * the N-th day after it, `withinLastDays: N` from the start of the N-th day
 * before today to the end of today. Days are calendar days in the rule's
 * zone, so a daylight-saving switch does not shift the window by an hour.
 */
function dateOperators(clock: OperatorClock): Record<string, Evaluator> {
  const compare = (test: (fact: DateTime, value: DateTime) => boolean): Evaluator => (fact, value) => {
    const left = toInstant(fact, clock);
    const right = toInstant(value, clock);
    return left !== null && right !== null && test(left, right);
  };
  const window = (from: (today: DateTime, days: number) => DateTime, to: (today: DateTime, days: number) => DateTime): Evaluator => (fact, days) => {
    const date = toInstant(fact, clock);
    if (date === null || !Number.isInteger(days) || (days as number) < 0) return false;
    const today = startOfToday(clock);
    return date >= from(today, days as number) && date < to(today, days as number);
  };
  return {
    dateBefore: compare((fact, value) => fact < value),
    dateAfter: compare((fact, value) => fact > value),
    withinNextDays: window((today) => today, (today, days) => today.plus({ days: days + 1 })),
    withinLastDays: window((today, days) => today.minus({ days }), (today) => today.plus({ days: 1 })),
  };
}

function startOfToday(clock: OperatorClock): DateTime {
  return clock.now.setZone(clock.zone).startOf('day');
}
