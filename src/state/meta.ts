/**
 * Small values kept in the `meta` table as JSON: the sync watermark of each
 * record kind, the cached task types and pipelines, the rate limit last seen
 * and the owner of the run lock.
 */
import type Database from 'better-sqlite3';
import type { RecordKind } from '../types/diagnostics.js';
import type { BrevoPipeline, BrevoTaskType } from '../types/records.js';

/** Kinds the live source reads incrementally: the three record kinds and the tasks. */
export type SyncKind = RecordKind | 'task';

/** A list fetched from Brevo and the ISO time it was fetched. */
export interface CachedList<T> {
  fetchedAt: string;
  items: T[];
}

export interface CatalogCache {
  taskTypes?: CachedList<BrevoTaskType>;
  pipelines?: CachedList<BrevoPipeline>;
}

/** The rate limit of the account's CRM bucket, as the last apply saw it. */
export interface StoredRateLimit {
  limit: number;
  windowSeconds: number;
  remaining: number;
  observedAt: string;
  /** ISO time by which the window of `remaining` has surely reset. Missing in values saved by older versions. */
  resetAt?: string;
}

/** Owner of the run lock, shown to a run that finds the lock taken. */
export interface LockOwner {
  pid: number;
  startedAt: string;
}

const KEYS = {
  watermark: (kind: SyncKind) => `sync.${kind}.watermark`,
  taskTypes: 'catalog.taskTypes',
  pipelines: 'catalog.pipelines',
  rateLimit: 'rateLimit.crm',
  lockOwner: 'lock.owner',
} as const;

const SYNC_KINDS: SyncKind[] = ['deal', 'company', 'contact', 'task'];

export function readWatermarks(db: Database.Database): Partial<Record<SyncKind, string>> {
  const watermarks: Partial<Record<SyncKind, string>> = {};
  for (const kind of SYNC_KINDS) {
    const value = readJson(db, KEYS.watermark(kind));
    if (typeof value === 'string') watermarks[kind] = value;
  }
  return watermarks;
}

export function writeWatermarks(db: Database.Database, watermarks: Partial<Record<SyncKind, string>>): void {
  for (const [kind, value] of Object.entries(watermarks) as [SyncKind, string][]) writeJson(db, KEYS.watermark(kind), value);
}

export function readCatalog(db: Database.Database): CatalogCache {
  const taskTypes = readJson(db, KEYS.taskTypes) as CachedList<BrevoTaskType> | undefined;
  const pipelines = readJson(db, KEYS.pipelines) as CachedList<BrevoPipeline> | undefined;
  return { ...(taskTypes ? { taskTypes } : {}), ...(pipelines ? { pipelines } : {}) };
}

export function writeCatalog(db: Database.Database, catalog: CatalogCache): void {
  if (catalog.taskTypes) writeJson(db, KEYS.taskTypes, catalog.taskTypes);
  if (catalog.pipelines) writeJson(db, KEYS.pipelines, catalog.pipelines);
}

export function readRateLimit(db: Database.Database): StoredRateLimit | null {
  return (readJson(db, KEYS.rateLimit) as StoredRateLimit | undefined) ?? null;
}

export function writeRateLimit(db: Database.Database, rateLimit: StoredRateLimit): void {
  writeJson(db, KEYS.rateLimit, rateLimit);
}

export function readLockOwner(db: Database.Database): LockOwner | null {
  return (readJson(db, KEYS.lockOwner) as LockOwner | undefined) ?? null;
}

export function writeLockOwner(db: Database.Database, owner: LockOwner): void {
  writeJson(db, KEYS.lockOwner, owner);
}

function readJson(db: Database.Database, key: string): unknown {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

function writeJson(db: Database.Database, key: string, value: unknown): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}
