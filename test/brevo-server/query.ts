import { parseZonedDateTime } from './dates.js';
import { invalidParameter, NOT_VALID_DATA } from './errors.js';

export type SortDirection = 'asc' | 'desc';
export type SortKey = number | string | boolean | undefined;

/**
 * Rejects a repeated query parameter, and an unknown one unless
 * `rejectUnknown` is false. `isKnown` decides which names a route accepts.
 */
export function checkQueryNames(params: URLSearchParams, isKnown: (name: string) => boolean, rejectUnknown: boolean): void {
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (seen.has(name)) throw invalidParameter(`Query parameter "${name}" is repeated: send it once`);
    seen.add(name);
    if (rejectUnknown && !isKnown(name)) {
      throw invalidParameter(`Query parameter "${name}" is not supported by this endpoint`);
    }
  }
}

/** Reads an optional integer parameter in [min, max]. Anything else is a 400. */
export function readInteger(params: URLSearchParams, name: string, range: { min: number; max: number; fallback: number }): number {
  const text = params.get(name);
  if (text === null) return range.fallback;
  const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw invalidParameter(`${name} "${text}" is invalid: expected an integer from ${range.min} to ${range.max}`);
  }
  return value;
}

export function readSortDirection(params: URLSearchParams): SortDirection {
  const text = params.get('sort');
  if (text === null) return 'desc';
  if (text === 'asc' || text === 'desc') return text;
  throw invalidParameter(NOT_VALID_DATA);
}

/** Reads a `modifiedSince`/`createdSince` style parameter as epoch milliseconds. */
export function readSince(params: URLSearchParams, name: string): number | undefined {
  const text = params.get(name);
  if (text === null) return undefined;
  const ms = parseZonedDateTime(text);
  if (ms === undefined) {
    throw invalidParameter(`${name} "${text}" is invalid: expected an ISO-8601 date-time with a zone, e.g. 2026-01-31T09:00:00.000Z`);
  }
  return ms;
}

/** Splits a comma-separated id list. A part that `parse` rejects is a 400. */
export function readIdList<T>(text: string, name: string, parse: (part: string) => T | undefined): T[] {
  return text.split(',').map((part) => {
    const id = parse(part.trim());
    if (id === undefined) throw invalidParameter(`${name} contains an invalid id "${part}"`);
    return id;
  });
}

/**
 * Sorts ascending by key, items without a key first and ties in their
 * original order. `desc` reverses that whole order, so the newest comes first.
 */
export function sortByKey<T>(items: readonly T[], keyOf: (item: T) => SortKey, direction: SortDirection): T[] {
  const keyed = items.map((item, index) => ({ item, index, key: keyOf(item) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key) || a.index - b.index);
  const sorted = keyed.map(({ item }) => item);
  return direction === 'desc' ? sorted.reverse() : sorted;
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

