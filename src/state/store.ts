/**
 * The state store: one SQLite file. It contains the ledger (keys already
 * created in Brevo, with their task ids), the outbox (keys still to send),
 * the mirror (records as last seen) and the keys skipped for good. It also
 * keeps the Followup tasks found in Brevo by their marker, the sync
 * watermarks and the caches.
 * Every change that must not be half-done is one transaction, and the
 * database runs with synchronous=FULL so a committed row survives `kill -9`
 * and power loss.
 */
import Database from 'better-sqlite3';
import type { RecordKind } from '../types/diagnostics.js';
import type { TaskBody } from '../types/plan.js';
import {
  readCatalog,
  readLockOwner,
  readRateLimit,
  readWatermarks,
  writeCatalog,
  writeLockOwner,
  writeRateLimit,
  writeWatermarks,
  type CatalogCache,
  type LockOwner,
  type StoredRateLimit,
  type SyncKind,
} from './meta.js';
import { mirrorFromMap, type MirrorReader } from './mirror.js';
import { pruneMirror, readMirror, readMirrorRecords, upsertMirror, type MirrorRecord, type MirrorRecords } from './mirror-table.js';
import { openStoreForWrite, openStoreReadOnly } from './open.js';
import { migrate } from './schema.js';

export type { CatalogCache, CachedList, LockOwner, StoredRateLimit, SyncKind } from './meta.js';
export type { MirrorRecord, MirrorRecords } from './mirror-table.js';

export type OutboxStatus = 'pending' | 'sending' | 'failed';

export type StoredTask = TaskBody & { taskType: string };

export interface OutboxEntry {
  key: string;
  task: StoredTask;
  rule: string;
  recordType: RecordKind;
  recordId: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  /** ISO time of the first send attempt, or null when the task was never sent. */
  firstSentAt: string | null;
  /** ISO time of the last change; for a `sending` entry, when its last POST left. */
  updatedAt: string;
  /** For a `sending` entry: milliseconds after its last POST before Brevo is searched for it, as the sending run set it. */
  graceMs: number | null;
}

export type NewOutboxEntry = Pick<OutboxEntry, 'key' | 'task' | 'rule' | 'recordType' | 'recordId'>;

/** Sync state from a live read besides the records, stored with the outbox entries it led to. */
export interface SyncUpdate {
  /** Kinds read in full: their mirror keeps only the records in `seen`. */
  fullKinds: RecordKind[];
  /** Start of the next incremental read of each kind, as ISO times. */
  watermarks: Partial<Record<SyncKind, string>>;
  /** Task types and pipelines fetched in this run. */
  catalog: CatalogCache;
}

export interface EnqueueBatch {
  entries: NewOutboxEntry[];
  /** Records to remember in the mirror. */
  seen: MirrorRecord[];
  /** Followup tasks found in Brevo by their key marker: key → task id. */
  markers: Map<string, string>;
  sync?: SyncUpdate;
}

/** Read-only view of the store for `plan`, which never opens the file for writing. */
export interface StateReader {
  /** Keys created by this store's runs → Brevo task id. */
  ledger(): Map<string, string>;
  /** Keys found in Brevo by their marker but created elsewhere → Brevo task id. */
  knownMarkers(): Map<string, string>;
  /** Keys skipped for good, because Brevo no longer has a record the task links. */
  skippedKeys(): Set<string>;
  mirror(): MirrorReader;
  mirrorRecords(): MirrorRecords;
  outbox(): OutboxEntry[];
  watermarks(): Partial<Record<SyncKind, string>>;
  catalog(): CatalogCache;
  rateLimit(): StoredRateLimit | null;
  close(): void;
}

export const EMPTY_STATE: StateReader = {
  ledger: () => new Map(),
  knownMarkers: () => new Map(),
  skippedKeys: () => new Set(),
  mirror: () => mirrorFromMap(new Map()),
  mirrorRecords: () => ({ deals: [], companies: [], contacts: [] }),
  outbox: () => [],
  watermarks: () => ({}),
  catalog: () => ({}),
  rateLimit: () => null,
  close: () => undefined,
};

function isCurrent(db: Database.Database): boolean {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
  const columns = db.prepare('PRAGMA table_info(mirror)').all() as { name: string }[];
  const outboxColumns = db.prepare('PRAGMA table_info(outbox)').all() as { name: string }[];
  return (
    ['skipped', 'marked_tasks'].every((table) => tables.some((row) => row.name === table)) &&
    columns.some((column) => column.name === 'record') &&
    outboxColumns.some((column) => column.name === 'first_sent_at') &&
    outboxColumns.some((column) => column.name === 'grace_ms')
  );
}

interface OutboxRow {
  key: string;
  body: string;
  rule: string;
  record_type: RecordKind;
  record_id: string;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  first_sent_at: string | null;
  updated_at: string;
  grace_ms: number | null;
}

export class StateStore implements StateReader {
  private constructor(private readonly db: Database.Database) {}

  /**
   * Open read-only; a store that does not exist yet reads as empty. A store
   * written by an older version, or left mid-write by a killed run, is copied
   * into memory and brought up to date there, so the file stays untouched.
   * Throws StateFileError when the file cannot be used (see openStoreReadOnly).
   */
  static openReadOnly(path: string): StateReader {
    const db = openStoreReadOnly(path);
    if (!db) return EMPTY_STATE;
    if (isCurrent(db)) return new StateStore(db);
    const copy = new Database(db.serialize());
    db.close();
    migrate(copy);
    return new StateStore(copy);
  }

  /** Open for writing under the run lock; throws StateFileError when the file cannot be used. */
  static openForWrite(path: string): StateStore {
    return new StateStore(openStoreForWrite(path));
  }

  ledger(): Map<string, string> {
    return this.keyMap('SELECT key, task_id FROM ledger');
  }

  knownMarkers(): Map<string, string> {
    return this.keyMap('SELECT key, task_id FROM marked_tasks');
  }

  skippedKeys(): Set<string> {
    return new Set((this.db.prepare('SELECT key FROM skipped').all() as { key: string }[]).map((row) => row.key));
  }

  mirror(): MirrorReader {
    return readMirror(this.db);
  }

  mirrorRecords(): MirrorRecords {
    return readMirrorRecords(this.db);
  }

  watermarks(): Partial<Record<SyncKind, string>> {
    return readWatermarks(this.db);
  }

  catalog(): CatalogCache {
    return readCatalog(this.db);
  }

  rateLimit(): StoredRateLimit | null {
    return readRateLimit(this.db);
  }

  lockOwner(): LockOwner | null {
    return readLockOwner(this.db);
  }

  outbox(): OutboxEntry[] {
    const rows = this.db.prepare('SELECT * FROM outbox ORDER BY rowid').all() as OutboxRow[];
    return rows.map((row) => ({
      key: row.key,
      task: JSON.parse(row.body) as StoredTask,
      rule: row.rule,
      recordType: row.record_type,
      recordId: row.record_id,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      firstSentAt: row.first_sent_at,
      updatedAt: row.updated_at,
      graceMs: row.grace_ms,
    }));
  }

  /**
   * Put planned tasks into the outbox and record what the run saw, in one
   * transaction: after it, a crash can lose no planned task, and the next run
   * will not find the same occurrences again as new. A key that failed before
   * gets the new body and another try. One whose send is unconfirmed stays as
   * it is, and one already in the ledger or skipped is left out. An outbox
   * entry whose task Brevo already has, by its marker, moves into the ledger.
   */
  enqueue(batch: EnqueueBatch, at: string): void {
    const insert = this.db.prepare(
      `INSERT INTO outbox (key, body, rule, record_type, record_id, status, updated_at)
       SELECT @key, @body, @rule, @recordType, @recordId, 'pending', @at
       WHERE NOT EXISTS (SELECT 1 FROM ledger WHERE ledger.key = @key)
         AND NOT EXISTS (SELECT 1 FROM skipped WHERE skipped.key = @key)
       ON CONFLICT (key) DO UPDATE SET body = excluded.body, status = 'pending', updated_at = excluded.updated_at
       WHERE outbox.status <> 'sending'`,
    );
    const remember = this.db.prepare(
      `INSERT INTO marked_tasks (key, task_id, seen_at) SELECT @key, @taskId, @at
       WHERE NOT EXISTS (SELECT 1 FROM ledger WHERE ledger.key = @key)
       ON CONFLICT (key) DO UPDATE SET task_id = excluded.task_id, seen_at = excluded.seen_at`,
    );
    this.db.transaction(() => {
      for (const entry of batch.entries) {
        insert.run({ key: entry.key, body: JSON.stringify(entry.task), rule: entry.rule, recordType: entry.recordType, recordId: entry.recordId, at });
      }
      upsertMirror(this.db, batch.seen, at);
      for (const [key, taskId] of batch.markers) remember.run({ key, taskId, at });
      this.adoptMarkedEntries(at);
      if (batch.sync) this.storeSync(batch.sync, batch.seen);
    })();
  }

  /**
   * Written as the request leaves, after any wait for the rate limit: a crash
   * after this means "outcome unknown". `graceMs` is how long Brevo may take
   * to store the task, so that a run with a shorter timeout still waits it out.
   */
  markSending(key: string, at: string, graceMs: number): void {
    this.db
      .prepare(
        `UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ?, first_sent_at = COALESCE(first_sent_at, ?), grace_ms = ? WHERE key = ?`,
      )
      .run(at, at, graceMs, key);
  }

  /** Marks the task as known not to exist in Brevo, so the next send posts it without a search. */
  markPending(key: string, error: string | null, at: string): void {
    this.db.prepare(`UPDATE outbox SET status = 'pending', last_error = ?, updated_at = ? WHERE key = ?`).run(error, at, key);
  }

  /** Brevo rejected the task; it is sent again only when a later plan still contains it. */
  markFailed(key: string, error: string, at: string): void {
    this.db.prepare(`UPDATE outbox SET status = 'failed', last_error = ?, updated_at = ? WHERE key = ?`).run(error, at, key);
  }

  /** Move a key from the outbox into the ledger, atomically. */
  recordCreated(entry: Pick<OutboxEntry, 'key' | 'rule' | 'recordType' | 'recordId'>, taskId: string, at: string): void {
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT OR REPLACE INTO ledger (key, task_id, rule, record_type, record_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(entry.key, taskId, entry.rule, entry.recordType, entry.recordId, at);
      this.db.prepare('DELETE FROM outbox WHERE key = ?').run(entry.key);
      this.db.prepare('DELETE FROM marked_tasks WHERE key = ?').run(entry.key);
    })();
  }

  /** Move a key from the outbox to the skipped keys, atomically, so that no later plan creates it. */
  recordSkipped(entry: Pick<OutboxEntry, 'key' | 'rule' | 'recordType' | 'recordId'>, reason: string, at: string): void {
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT OR REPLACE INTO skipped (key, rule, record_type, record_id, reason, skipped_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(entry.key, entry.rule, entry.recordType, entry.recordId, reason, at);
      this.db.prepare('DELETE FROM outbox WHERE key = ?').run(entry.key);
    })();
  }

  /**
   * Sends rejected entries again on the next apply: each key in `keys` that
   * is `failed` becomes `pending`. Returns the keys changed.
   */
  retryFailed(keys: readonly string[], at: string): string[] {
    const update = this.db.prepare(`UPDATE outbox SET status = 'pending', updated_at = ? WHERE key = ? AND status = 'failed'`);
    return this.db.transaction(() => keys.filter((key) => update.run(at, key).changes > 0))();
  }

  /**
   * Gives up on outbox entries for good: each key in `keys` that is not
   * `sending` moves to the skipped keys, so no later plan creates it. An
   * unconfirmed entry stays, because Brevo may hold its task. Returns the keys moved.
   */
  dropEntries(keys: readonly string[], reason: string, at: string): string[] {
    const requested = new Set(keys);
    return this.db.transaction(() => {
      const dropped: string[] = [];
      for (const entry of this.outbox()) {
        if (!requested.has(entry.key) || entry.status === 'sending') continue;
        this.recordSkipped(entry, reason, at);
        dropped.push(entry.key);
      }
      return dropped;
    })();
  }

  saveCatalog(catalog: CatalogCache): void {
    writeCatalog(this.db, catalog);
  }

  saveRateLimit(rateLimit: StoredRateLimit): void {
    writeRateLimit(this.db, rateLimit);
  }

  setLockOwner(owner: LockOwner): void {
    writeLockOwner(this.db, owner);
  }

  close(): void {
    this.db.close();
  }

  /** Moves outbox entries whose key Brevo already has a task for into the ledger. */
  private adoptMarkedEntries(at: string): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO ledger (key, task_id, rule, record_type, record_id, created_at)
         SELECT outbox.key, marked_tasks.task_id, outbox.rule, outbox.record_type, outbox.record_id, ?
         FROM outbox JOIN marked_tasks ON marked_tasks.key = outbox.key`,
      )
      .run(at);
    this.db.exec('DELETE FROM outbox WHERE key IN (SELECT key FROM ledger)');
    this.db.exec('DELETE FROM marked_tasks WHERE key IN (SELECT key FROM ledger)');
  }

  private storeSync(sync: SyncUpdate, seen: readonly MirrorRecord[]): void {
    for (const kind of sync.fullKinds) {
      pruneMirror(this.db, kind, new Set(seen.filter((record) => record.kind === kind).map((record) => record.id)));
    }
    writeWatermarks(this.db, sync.watermarks);
    writeCatalog(this.db, sync.catalog);
  }

  private keyMap(sql: string): Map<string, string> {
    const rows = this.db.prepare(sql).all() as { key: string; task_id: string }[];
    return new Map(rows.map((row) => [row.key, row.task_id]));
  }
}
