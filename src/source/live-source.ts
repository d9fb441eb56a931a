/**
 * The live source: the account as the mirror contains it plus what changed in
 * Brevo since the last sync. It reads only records modified since each
 * kind's watermark (everything on the first sync or with `fullSync`), tasks
 * created since then, and task types and pipelines when their cached copy is
 * stale. It writes nothing: the caller stores `seen`, `markers` and `sync`,
 * and only apply does, together with the outbox entries the read led to.
 */
import type { BrevoClient } from '../brevo/client.js';
import { BrevoApiError } from '../brevo/errors.js';
import type { Logger } from '../log/logger.js';
import { indexMarkedTasks } from '../plan/build-plan.js';
import type { MirrorRecord, StateReader, SyncKind, SyncUpdate } from '../state/store.js';
import type { Diagnostic, RecordKind } from '../types/diagnostics.js';
import type { AccountSnapshot, BrevoCompany, BrevoContact, BrevoDeal } from '../types/records.js';
import { loadCatalog, type Catalog } from './catalog.js';
import { SourceError } from './errors.js';
import { readCompanies, readContacts, readDeals, readTasks, type PagedRead } from './live-pages.js';
import { validTasks } from './live-shapes.js';
import { keepValidRecords } from './record-checks.js';

/**
 * How far before the last read the next one starts. It covers the whole
 * seconds of the `Date` header and a record saved just before a read but
 * committed after it. Records in the overlap are read twice, which is harmless.
 */
export const SYNC_OVERLAP_MS = 2 * 60_000;

/**
 * Page sizes: Brevo's documented default of 50 for deals and tasks, 100 for
 * companies, and 500 of the 1000 contacts Brevo allows per page. Brevo does
 * not document a maximum for the CRM lists, so none is pushed.
 */
export const DEFAULT_PAGE_SIZES: Record<SyncKind, number> = { deal: 50, company: 100, contact: 500, task: 50 };

export interface LiveSourceOptions {
  client: BrevoClient;
  state: StateReader;
  /** Epoch milliseconds, for the capture time and the catalog's age. */
  clock?: () => number;
  pageSizes?: Partial<Record<SyncKind, number>>;
  catalogMaxAgeMs?: number;
  /** Read every record, not only the changed ones; the mirror then drops records Brevo no longer has. */
  fullSync?: boolean;
  logger?: Logger;
}

export interface LiveRead {
  snapshot: AccountSnapshot;
  problems: Diagnostic[];
  /** The records read now, to store in the mirror. */
  seen: MirrorRecord[];
  /** Followup tasks among the tasks read: key → task id. */
  markers: Map<string, string>;
  sync: SyncUpdate;
  /** Whether task types or pipelines came from the cache. */
  catalogFromCache: boolean;
  /** HTTP requests this read sent. */
  requests: number;
  /** The CRM rate limit as the read's responses stated it, or null when they sent no headers. */
  rateLimit: { limit: number; windowSeconds: number } | null;
}

export async function readLiveAccount(options: LiveSourceOptions): Promise<LiveRead> {
  const { client, state } = options;
  const clock = options.clock ?? Date.now;
  const startedAt = clock();
  const requestsBefore = client.requests;
  const problems: Diagnostic[] = [];
  const sizes = { ...DEFAULT_PAGE_SIZES, ...options.pageSizes };
  const watermarks = options.fullSync ? {} : state.watermarks();

  return withSourceErrors(async () => {
    const catalog = await loadCatalog(client, state.catalog(), { now: startedAt, maxAgeMs: options.catalogMaxAgeMs }, problems);
    const deals = await readDeals(client, sizes.deal, watermarks.deal);
    const companies = await readCompanies(client, sizes.company, watermarks.company);
    const contacts = await readContacts(client, sizes.contact, watermarks.contact);
    const createdSince = watermarks.task === undefined ? undefined : Date.parse(watermarks.task);
    const tasksRead = await readTasks(client, sizes.task, Number.isNaN(createdSince) ? undefined : createdSince);

    const reads: Record<SyncKind, PagedRead> = { deal: deals, company: companies, contact: contacts, task: tasksRead };
    const fullKinds = (['deal', 'company', 'contact'] as const).filter((kind) => watermarks[kind] === undefined);
    const changed = {
      deals: keepValidRecords('deal', deals.items as BrevoDeal[], problems),
      companies: keepValidRecords('company', companies.items as BrevoCompany[], problems),
      contacts: keepValidRecords('contact', contacts.items as BrevoContact[], problems),
    };
    const tasks = validTasks(tasksRead.items, problems);
    const base = state.mirrorRecords();
    const full = new Set<RecordKind>(fullKinds);
    options.logger?.info(
      { deals: deals.items.length, companies: companies.items.length, contacts: contacts.items.length, tasks: tasksRead.items.length, fullKinds, requests: client.requests - requestsBefore },
      'account read from Brevo',
    );

    return {
      snapshot: {
        capturedAt: new Date(startedAt).toISOString(),
        deals: merge(base.deals, changed.deals, full.has('deal')),
        companies: merge(base.companies, changed.companies, full.has('company')),
        contacts: merge(base.contacts, changed.contacts, full.has('contact')),
        pipelines: catalog.pipelines,
        taskTypes: catalog.taskTypes,
        tasks,
        // NOTE: loyalty events have no Brevo endpoint; with the live source, loyaltyEvent rules never fire.
        loyaltyEvents: [],
      },
      problems,
      seen: mirrorRecords(changed),
      markers: indexMarkedTasks(tasks),
      sync: { fullKinds, watermarks: nextWatermarks(reads, startedAt), catalog: catalog.fetched },
      catalogFromCache: catalog.fromCache,
      requests: client.requests - requestsBefore,
      rateLimit: crmRateLimit(client),
    };
  });
}

/**
 * Fetches task types and pipelines again, for a read whose cached copy may
 * be stale because a rule names something it lacks.
 */
export async function refreshCatalog(read: LiveRead, options: LiveSourceOptions): Promise<LiveRead> {
  const problems: Diagnostic[] = [];
  const requestsBefore = options.client.requests;
  const now = (options.clock ?? Date.now)();
  const catalog: Catalog = await withSourceErrors(() => loadCatalog(options.client, {}, { now, refresh: true }, problems));
  return {
    ...read,
    snapshot: { ...read.snapshot, taskTypes: catalog.taskTypes, pipelines: catalog.pipelines },
    problems: [...read.problems, ...problems],
    sync: { ...read.sync, catalog: catalog.fetched },
    catalogFromCache: false,
    requests: read.requests + options.client.requests - requestsBefore,
    rateLimit: crmRateLimit(options.client) ?? read.rateLimit,
  };
}

/** Turns a failed Brevo call into a SourceError; a spent run budget passes through. */
export async function withSourceErrors<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof BrevoApiError)) throw error;
    if (error.isAuthFailure) throw new SourceError('SOURCE_BREVO_AUTH', { status: error.status ?? 0, detail: error.message });
    throw new SourceError('SOURCE_BREVO_FAILED', { method: error.method, path: error.path, detail: error.message });
  }
}

function crmRateLimit(client: BrevoClient): LiveRead['rateLimit'] {
  const crm = client.pacer.states().find((state) => state.bucket === 'crm');
  return crm ? { limit: crm.limit, windowSeconds: crm.windowSeconds } : null;
}

// NOTE: an incremental read cannot see deletions, so a record deleted in Brevo stays in the mirror until a full sync.
function merge<T extends { id: string | number }>(base: T[], changed: T[], full: boolean): T[] {
  if (full) return changed;
  const byId = new Map(base.map((record) => [String(record.id), record]));
  for (const record of changed) byId.set(String(record.id), record);
  return [...byId.values()];
}

function mirrorRecords(changed: { deals: BrevoDeal[]; companies: BrevoCompany[]; contacts: BrevoContact[] }): MirrorRecord[] {
  return [
    ...changed.deals.map((deal) => ({ kind: 'deal' as const, id: deal.id, attributes: deal.attributes, record: deal })),
    ...changed.companies.map((company) => ({ kind: 'company' as const, id: company.id, attributes: company.attributes, record: company })),
    ...changed.contacts.map((contact) => ({ kind: 'contact' as const, id: String(contact.id), attributes: contact.attributes, record: contact })),
  ];
}

/** Computes where each kind's next read starts: a little before its first page was served, by the server's clock where it sent one. */
function nextWatermarks(reads: Record<SyncKind, PagedRead>, startedAt: number): Partial<Record<SyncKind, string>> {
  const watermarks: Partial<Record<SyncKind, string>> = {};
  for (const [kind, read] of Object.entries(reads) as [SyncKind, PagedRead][]) {
    watermarks[kind] = new Date((read.serverTime ?? startedAt) - SYNC_OVERLAP_MS).toISOString();
  }
  return watermarks;
}
