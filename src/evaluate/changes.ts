/**
 * What changed since the previous run, for a scheduled (incremental) run.
 * The mirror holds the records as the previous run saw them. A record is
 * modified when its modification time lies after that run (or the source
 * says so), and dirty when its facts may differ: a record's facts also show
 * its linked records (a deal's companies and contacts, a company's deals and
 * contacts, a contact's companies and deals), so a record linked to a
 * modified one is dirty, and so is one the mirror lacks.
 */
import type { MirrorReader } from '../state/mirror.js';
import type { RecordKind } from '../types/diagnostics.js';
import type { AccountSnapshot } from '../types/records.js';
import { isCanonicalUtc, readIsoInstant } from './record-instants.js';

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
  /**
   * Epoch ms from which a modification or an event counts as new: the
   * previous run, less MODIFICATION_MARGIN_MS.
   */
  readonly newFromMs: number;
  /** The record changed since the previous run, as its modification time or the source says. Ids as the record has them. */
  modified(kind: RecordKind, id: string | number): boolean;
  /**
   * The record's facts may differ from the previous run's: it or a record
   * linked to it was modified, or the mirror lacks it (a new record, or one
   * left out because its rule hit maxTasksPerRun).
   */
  dirty(kind: RecordKind, id: string | number): boolean;
}

/** Record ids by kind, as the records and their links hold them: numbers for contacts, text otherwise. */
type IdSets = Record<RecordKind, Set<string | number>>;

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
  const newFromMs = sinceMs - MODIFICATION_MARGIN_MS;

  let modified: IdSets;
  if (options.changed) {
    modified = idSetsOf(options.changed);
  } else {
    const test = new ModificationTest(newFromMs);
    modified = { deal: new Set(), company: new Set(), contact: new Set() };
    for (const deal of snapshot.deals) if (test.isModified(deal)) modified.deal.add(deal.id);
    for (const company of snapshot.companies) if (test.isModified(company)) modified.company.add(company.id);
    for (const contact of snapshot.contacts) if (test.isModified(contact)) modified.contact.add(contact.id);
  }

  const linked = spreadToLinks(snapshot, modified);
  return {
    sinceMs,
    newFromMs,
    modified: (kind, id) => modified[kind].has(id),
    // The mirror is asked last and only for records that pass the cheap tests, because a lookup costs about 1 µs.
    dirty: (kind, id) => linked[kind].has(id) || mirror.get(kind, String(id)) === undefined,
  };
}

/** Split mirror keys (`contact:12`) into ids by kind. */
function idSetsOf(keys: ReadonlySet<string>): IdSets {
  const sets: IdSets = { deal: new Set(), company: new Set(), contact: new Set() };
  for (const key of keys) {
    const separator = key.indexOf(':');
    const kind = key.slice(0, separator) as RecordKind;
    const id = key.slice(separator + 1);
    sets[kind]?.add(kind === 'contact' ? Number(id) : id);
  }
  return sets;
}

/**
 * Checks records' modification times against a threshold. A record without
 * a readable modification time counts as modified, so that it is evaluated
 * rather than missed.
 */
export class ModificationTest {
  /** The threshold as `toISOString()` writes it: such texts compare in time order. */
  private readonly thresholdText: string;

  constructor(private readonly threshold: number) {
    this.thresholdText = new Date(threshold).toISOString();
  }

  isModified(record: object): boolean {
    const attributes = (record as { attributes?: Record<string, unknown> }).attributes ?? {};
    for (const field of MODIFICATION_TIME_FIELDS) {
      const value = attributes[field] ?? (record as Record<string, unknown>)[field];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') return true;
      if (isCanonicalUtc(value)) return value >= this.thresholdText;
      const modifiedAt = readIsoInstant(value);
      return modifiedAt === undefined || modifiedAt >= this.threshold;
    }
    return true;
  }
}

/**
 * Return the modified records plus every record whose facts show one of
 * them. A check is left out when no record of the kind it looks for changed.
 */
function spreadToLinks(snapshot: AccountSnapshot, changed: IdSets): IdSets {
  const dirty: IdSets = { deal: new Set(changed.deal), company: new Set(changed.company), contact: new Set(changed.contact) };
  const anyChanged = (kind: RecordKind, ids: readonly (string | number)[] | undefined): boolean => {
    if (changed[kind].size === 0 || !ids) return false;
    for (const id of ids) {
      if (changed[kind].has(id)) return true;
    }
    return false;
  };
  const markAll = (kind: RecordKind, ids: readonly (string | number)[] | undefined) => {
    for (const id of ids ?? []) dirty[kind].add(id);
  };

  for (const deal of snapshot.deals) {
    if (changed.deal.has(deal.id)) {
      markAll('company', deal.linkedCompaniesIds);
      markAll('contact', deal.linkedContactsIds);
    } else if (anyChanged('company', deal.linkedCompaniesIds) || anyChanged('contact', deal.linkedContactsIds)) {
      dirty.deal.add(deal.id);
    }
  }
  for (const company of snapshot.companies) {
    if (changed.company.has(company.id)) {
      markAll('deal', company.linkedDealsIds);
      markAll('contact', company.linkedContactsIds);
    } else if (anyChanged('deal', company.linkedDealsIds) || anyChanged('contact', company.linkedContactsIds)) {
      dirty.company.add(company.id);
    }
  }
  return dirty;
}
