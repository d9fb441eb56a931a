/**
 * Where a plan's records come from: a data directory, or the live Brevo
 * account (the mirror plus what changed since the last sync). Both give the
 * same account snapshot. The live source also gives what apply stores with
 * the outbox: the records read, the tasks found by marker and the sync state.
 */
import { readDataDirectory } from '../source/file-source.js';
import { readLiveAccount, refreshCatalog, type LiveRead, type LiveSourceOptions } from '../source/live-source.js';
import { usable } from '../source/catalog.js';
import type { MirrorRecord, StateReader, SyncUpdate } from '../state/store.js';
import type { Diagnostic } from '../types/diagnostics.js';
import type { AccountSnapshot } from '../types/records.js';

export type PlanSource = { kind: 'files'; dir: string } | ({ kind: 'brevo' } & Omit<LiveSourceOptions, 'state'>);

export interface SourceRead {
  snapshot: AccountSnapshot;
  problems: Diagnostic[];
  /** Records apply remembers in the mirror. */
  seen: MirrorRecord[];
  /** Followup tasks found in Brevo by marker: key → task id. */
  markers: Map<string, string>;
  sync?: SyncUpdate;
  /** Requests apply spends reading the source again. */
  readRequests: number;
  /** True when apply needs no task type lookup, because the state store has a fresh copy. */
  taskTypesCached: boolean;
  /** The live read, kept for a catalog refresh. */
  live?: LiveRead;
}

/** Validation codes that a stale cached catalog can cause. */
const CATALOG_CODES = new Set(['TASK_TYPE_UNKNOWN', 'STAGE_UNKNOWN', 'PIPELINE_UNKNOWN']);

export async function readPlanSource(source: PlanSource, state: StateReader): Promise<SourceRead> {
  if (source.kind === 'files') {
    const { snapshot, problems } = readDataDirectory(source.dir);
    const taskTypesCached = usable(state.catalog().taskTypes, { now: Date.now() }) !== undefined;
    return { snapshot, problems, seen: fileRecords(snapshot), markers: new Map(), readRequests: 0, taskTypesCached };
  }
  return fromLiveRead(await readLiveAccount({ ...source, state }));
}

/**
 * Reads task types and pipelines again when the rules name one the cached
 * copy lacks. Returns null when there is nothing to refresh.
 */
export async function refreshCatalogFor(read: SourceRead, source: PlanSource, state: StateReader, diagnostics: Diagnostic[]): Promise<SourceRead | null> {
  if (source.kind !== 'brevo' || !read.live?.catalogFromCache) return null;
  if (!diagnostics.some((diagnostic) => CATALOG_CODES.has(diagnostic.code))) return null;
  return fromLiveRead(await refreshCatalog(read.live, { ...source, state }));
}

function fromLiveRead(live: LiveRead): SourceRead {
  return {
    snapshot: live.snapshot,
    problems: live.problems,
    seen: live.seen,
    markers: live.markers,
    sync: live.sync,
    readRequests: live.requests,
    // Apply stores the catalog it read, so its executor finds a fresh copy.
    taskTypesCached: true,
    live,
  };
}

function fileRecords(snapshot: AccountSnapshot): MirrorRecord[] {
  return [
    ...snapshot.deals.map((deal) => ({ kind: 'deal' as const, id: deal.id, attributes: deal.attributes, record: deal })),
    ...snapshot.companies.map((company) => ({ kind: 'company' as const, id: company.id, attributes: company.attributes, record: company })),
    ...snapshot.contacts.map((contact) => ({ kind: 'contact' as const, id: String(contact.id), attributes: contact.attributes, record: contact })),
  ];
}
