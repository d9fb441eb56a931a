/**
 * What changed since the previous run, for a scheduled (incremental) run.
 * The mirror holds the records as the previous run saw them; a record counts
 * as changed when it is newer than that run or missing from the mirror (a
 * new record, or one left out because its rule hit maxTasksPerRun). A
 * record's facts also show its
 * linked records (a deal's companies and contacts, a company's deals and
 * contacts, a contact's companies and deals), so a record linked to a changed
 * one may meet its conditions differently: such a record is dirty.
 */
import { mirrorKey, type MirrorReader } from '../state/mirror.js';
import type { RecordKind } from '../types/diagnostics.js';
import type { AccountSnapshot } from '../types/records.js';
import { readIsoInstant } from './record-instants.js';

/** Inputs of an incremental evaluation. */
export interface IncrementalOptions {
  /** Evaluation time (ISO) of the previous run, whose records the mirror holds. */
  since: string;
  /**
   * Mirror keys (`deal:<id>`) of the records changed since `since`, when the
   * source knows them, as a live read with `modifiedSince` does. Without it,
   * a record's modification time decides (see `isModifiedSince`).
   */
  changed?: ReadonlySet<string>;
  /** Check for an idempotency key whose task exists already (ledger or key marker). */
  known: (key: string) => boolean;
}

export interface ChangeScope {
  /** Evaluation time of the previous run, in epoch ms. */
  readonly sinceMs: number;
  /** The record itself changed since the previous run, or is new. */
  changed(kind: RecordKind, id: string | number): boolean;
  /** The record or a record linked to it changed, so its facts may differ. */
  dirty(kind: RecordKind, id: string | number): boolean;
}

/**
 * Where a record keeps its modification time: deals and companies in an
 * attribute, contacts at the top level (the fields attribute-changed.ts
 * reads as the change time).
 */
const MODIFICATION_TIME_FIELDS = ['last_updated_date', 'last_updated_at', 'modifiedAt'];

/**
 * How long before the previous run a modification still counts as new: a
 * live read takes a while, during which records change, and Brevo's clock
 * need not match this machine's. An estimate, not a measured bound.
 */
export const MODIFICATION_MARGIN_MS = 60 * 60_000;

export function findChanges(snapshot: AccountSnapshot, mirror: MirrorReader, options: IncrementalOptions): ChangeScope {
  const sinceMs = Date.parse(options.since);
  if (Number.isNaN(sinceMs)) throw new Error(`Invalid "since" time for an incremental evaluation: ${options.since}`);
  const threshold = sinceMs - MODIFICATION_MARGIN_MS;
  const known = options.changed;
  const isChanged: (kind: RecordKind, id: string | number, record: object) => boolean = known
    ? (kind, id) => known.has(mirrorKey(kind, String(id)))
    : (_kind, _id, record) => isModifiedSince(record, threshold);

  const changed = new Set<string>();
  const note = (kind: RecordKind, id: string | number, record: object) => {
    if (isChanged(kind, id, record) || mirror.get(kind, String(id)) === undefined) changed.add(mirrorKey(kind, String(id)));
  };
  for (const deal of snapshot.deals) note('deal', deal.id, deal);
  for (const company of snapshot.companies) note('company', company.id, company);
  for (const contact of snapshot.contacts) note('contact', contact.id, contact);

  const dirty = spreadToLinks(snapshot, changed);
  return {
    sinceMs,
    changed: (kind, id) => changed.has(mirrorKey(kind, String(id))),
    dirty: (kind, id) => dirty.has(mirrorKey(kind, String(id))),
  };
}

/**
 * Check a record's modification time against `threshold` (epoch ms). A record
 * without a readable modification time counts as modified, so that it is
 * evaluated rather than missed.
 */
export function isModifiedSince(record: object, threshold: number): boolean {
  const attributes = (record as { attributes?: Record<string, unknown> }).attributes ?? {};
  for (const field of MODIFICATION_TIME_FIELDS) {
    const value = attributes[field] ?? (record as Record<string, unknown>)[field];
    if (value === undefined || value === null) continue;
    const modifiedAt = typeof value === 'string' ? readIsoInstant(value) : undefined;
    return modifiedAt === undefined || modifiedAt >= threshold;
  }
  return true;
}

/** Return the changed records plus every record whose facts show one of them. */
function spreadToLinks(snapshot: AccountSnapshot, changed: ReadonlySet<string>): Set<string> {
  const dirty = new Set(changed);
  const isChanged = (kind: RecordKind, ids: readonly (string | number)[] | undefined) =>
    (ids ?? []).some((id) => changed.has(mirrorKey(kind, String(id))));
  const markAll = (kind: RecordKind, ids: readonly (string | number)[] | undefined) => {
    for (const id of ids ?? []) dirty.add(mirrorKey(kind, String(id)));
  };

  for (const deal of snapshot.deals) {
    if (changed.has(mirrorKey('deal', deal.id))) {
      markAll('company', deal.linkedCompaniesIds);
      markAll('contact', deal.linkedContactsIds);
    } else if (isChanged('company', deal.linkedCompaniesIds) || isChanged('contact', deal.linkedContactsIds)) {
      dirty.add(mirrorKey('deal', deal.id));
    }
  }
  for (const company of snapshot.companies) {
    if (changed.has(mirrorKey('company', company.id))) {
      markAll('deal', company.linkedDealsIds);
      markAll('contact', company.linkedContactsIds);
    } else if (isChanged('deal', company.linkedDealsIds) || isChanged('contact', company.linkedContactsIds)) {
      dirty.add(mirrorKey('company', company.id));
    }
  }
  return dirty;
}
