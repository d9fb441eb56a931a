import type { AttributeValue } from '../../src/types/records.js';
import { parseZonedDateTime } from './dates.js';
import { isContactId, isHexId } from './ids.js';
import { readIdList, readSince } from './query.js';
import type { BrevoStore } from './store.js';

/** The parts of a deal or company that list filters read. */
export interface CrmRecord {
  attributes: Record<string, AttributeValue | undefined>;
  linkedContactsIds?: number[];
  linkedCompaniesIds?: string[];
  linkedDealsIds?: string[];
}

export type RecordPredicate<T> = (record: T) => boolean;

/**
 * Matches `attributes[name]` against the text of a query filter. A list
 * attribute matches when any element does. The owner attribute compares user
 * ids, so an account email finds records whose owner is stored as an id.
 */
export function attributeEquals<T extends CrmRecord>(name: string, text: string, store: BrevoStore, ownerAttribute: string): RecordPredicate<T> {
  if (name === ownerAttribute) {
    const userId = store.userIdFor(text);
    return (record) => {
      const owner = record.attributes[name];
      return typeof owner === 'string' && store.userIdFor(owner) === userId;
    };
  }
  return (record) => {
    const value = record.attributes[name];
    if (value === undefined || value === null) return false;
    return Array.isArray(value) ? value.some((item) => String(item) === text) : String(value) === text;
  };
}

/** Matches records linked to any of the comma-separated contact ids. */
export function linkedContactsFilter<T extends CrmRecord>(text: string, parameter: string): RecordPredicate<T> {
  const ids = readIdList(text, parameter, (part) => (/^\d+$/.test(part) && isContactId(Number(part)) ? Number(part) : undefined));
  return (record) => (record.linkedContactsIds ?? []).some((id) => ids.includes(id));
}

/** Matches records whose `field` links any of the comma-separated 24-hex ids. */
export function linkedHexIdsFilter<T extends CrmRecord>(text: string, parameter: string, field: 'linkedCompaniesIds' | 'linkedDealsIds'): RecordPredicate<T> {
  const ids = readIdList(text, parameter, (part) => (isHexId(part) ? part : undefined));
  return (record) => (record[field] ?? []).some((id) => ids.includes(id));
}

/**
 * Reads `modifiedSince` and `createdSince` and matches records whose time
 * attribute is at or after it. A record without a modification time falls
 * back to its creation time, and a record with neither never matches.
 */
export function sinceFilters<T extends CrmRecord>(query: URLSearchParams, attributes: { modified: string; created: string }): RecordPredicate<T>[] {
  const predicates: RecordPredicate<T>[] = [];
  const modifiedSince = readSince(query, 'modifiedSince');
  if (modifiedSince !== undefined) {
    predicates.push((record) => {
      const modified = parseZonedDateTime(record.attributes[attributes.modified] ?? record.attributes[attributes.created]);
      return modified !== undefined && modified >= modifiedSince;
    });
  }
  const createdSince = readSince(query, 'createdSince');
  if (createdSince !== undefined) {
    predicates.push((record) => {
      const created = parseZonedDateTime(record.attributes[attributes.created]);
      return created !== undefined && created >= createdSince;
    });
  }
  return predicates;
}

/** Returns the sort key for `sortBy` (an attribute name), by default the creation time. */
export function recordSortKey<T extends CrmRecord>(sortBy: string | null, createdAttribute: string): (record: T) => number | string | boolean | undefined {
  if (sortBy === null || sortBy === createdAttribute) return (record) => parseZonedDateTime(record.attributes[createdAttribute]);
  return (record) => {
    const value = record.attributes[sortBy];
    return Array.isArray(value) || value === null ? undefined : value;
  };
}
