/**
 * What changed since the previous run, for a scheduled (incremental) run.
 * The mirror contains the records as the previous run saw them. A record is
 * modified when its modification time lies after that run, or when the
 * source lists it as changed. A record is dirty when its facts may differ.
 * A record's facts also show its linked records (a deal's companies and
 * contacts, a company's deals and contacts, a contact's companies and deals).
 * So a record linked to a modified one is dirty, and so is a record that the
 * mirror lacks.
 *
 * NOTE: like Brevo's `modifiedSince`, this trusts modification times. A
 * record changed without a new modification time looks unchanged.
 */
import type { MirrorReader } from '../state/mirror.js';
import type { RecordKind } from '../types/diagnostics.js';
import type { AccountIndex } from './account-index.js';
import { isCanonicalUtc, readIsoInstant } from './record-instants.js';

/** Inputs of an incremental evaluation. */
export interface IncrementalOptions {
  /** Evaluation time (ISO) of the previous run, whose records the mirror contains. */
  since: string;
  /**
   * Mirror keys (`deal:<id>`) of the records changed since `since`, when the
   * source has them, as a live read with `modifiedSince` does. Without this
   * set, each record's modification time decides (see ModificationTest).
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
  /** Check for a record changed since the previous run; `id` has the record's own type. */
  modified(kind: RecordKind, id: string | number): boolean;
  /**
   * Check for a record whose facts may differ from the previous run's: it or
   * a record linked to it was modified, or the mirror lacks it (a new record,
   * or one left out because its rule hit maxTasksPerRun).
   */
  dirty(kind: RecordKind, id: string | number): boolean;
}

/** Record ids by kind, typed as records and links store them: numbers for contacts, text otherwise. */
type IdSets = Record<RecordKind, Set<string | number>>;

/**
 * Fields with a record's modification time, in the order tried: an attribute
 * for deals and companies, a top-level field for contacts. They are the
 * fields attribute-changed.ts reads as the change time.
 */
const MODIFICATION_TIME_FIELDS = ['last_updated_date', 'last_updated_at', 'modifiedAt'];

/**
 * How long before the previous run a modification still counts as new,
 * because a live read takes a while, records change during it, and Brevo's
 * clock need not match this machine's. An estimate, not a measured bound.
 */
export const MODIFICATION_MARGIN_MS = 60 * 60_000;

export function findChanges(index: AccountIndex, mirror: MirrorReader, options: IncrementalOptions): ChangeScope {
  const snapshot = index.snapshot;
  const sinceMs = Date.parse(options.since);
  if (Number.isNaN(sinceMs)) throw new Error(`An incremental evaluation needs an ISO time in "since", got "${options.since}".`);
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

  const linked = spreadToLinks(index, modified);
  return {
    sinceMs,
    newFromMs,
    modified: (kind, id) => modified[kind].has(id),
    // The mirror lookup goes last because it is slower than the set lookup.
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
 * A test of records' modification times against a threshold (epoch ms). A
 * record without a readable modification time counts as modified, so that
 * it is evaluated rather than missed.
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
 * them: the records a modified one links, and the records that link a
 * modified one (Brevo keeps both sides, but a scan does not rely on it). A
 * scan is left out when no record of the kinds it looks for was modified.
 */
function spreadToLinks(index: AccountIndex, changed: IdSets): IdSets {
  const dirty: IdSets = { deal: new Set(changed.deal), company: new Set(changed.company), contact: new Set(changed.contact) };
  const markAll = (kind: RecordKind, ids: readonly (string | number)[] | undefined) => {
    for (const id of ids ?? []) dirty[kind].add(id);
  };
  const anyChanged = (kind: RecordKind, ids: readonly (string | number)[] | undefined): boolean => {
    if (changed[kind].size === 0 || !ids) return false;
    for (const id of ids) {
      if (changed[kind].has(id)) return true;
    }
    return false;
  };

  for (const id of changed.deal) {
    const deal = index.deals.get(String(id));
    markAll('company', deal?.linkedCompaniesIds);
    markAll('contact', deal?.linkedContactsIds);
  }
  for (const id of changed.company) {
    const company = index.companies.get(String(id));
    markAll('deal', company?.linkedDealsIds);
    markAll('contact', company?.linkedContactsIds);
  }
  if (changed.company.size > 0 || changed.contact.size > 0) {
    for (const deal of index.snapshot.deals) {
      if (anyChanged('company', deal.linkedCompaniesIds) || anyChanged('contact', deal.linkedContactsIds)) dirty.deal.add(deal.id);
    }
  }
  if (changed.deal.size > 0 || changed.contact.size > 0) {
    for (const company of index.snapshot.companies) {
      if (anyChanged('deal', company.linkedDealsIds) || anyChanged('contact', company.linkedContactsIds)) dirty.company.add(company.id);
    }
  }
  return dirty;
}
