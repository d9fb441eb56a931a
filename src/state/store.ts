/**
 * The state store: one SQLite file holding the ledger (keys already created
 * in Brevo, with their task ids), the outbox (keys still to send) and the
 * mirror (records as last seen). Every change that must not be half-done is
 * one transaction, and the database runs with synchronous=FULL so a
 * committed row survives `kill -9` and power loss.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { RecordKind } from '../types/diagnostics.js';
import type { TaskBody } from '../types/plan.js';
import { mirrorFromMap, mirrorKey, type MirrorEntry, type MirrorReader } from './mirror.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ledger (
  key TEXT PRIMARY KEY,
  task_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
  key TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  rule TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mirror (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  attributes TEXT NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
`;

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
}

export interface MirrorRecord {
  kind: RecordKind;
  id: string;
  attributes: Record<string, unknown>;
}

/** What `plan` may read. It never opens the file for writing. */
export interface StateReader {
  ledger(): Map<string, string>;
  mirror(): MirrorReader;
  close(): void;
}

export const EMPTY_STATE: StateReader = {
  ledger: () => new Map(),
  mirror: () => mirrorFromMap(new Map()),
  close: () => undefined,
};

export class StateStore implements StateReader {
  private constructor(private readonly db: Database.Database) {}

  /** Open read-only; a store that does not exist yet reads as empty. */
  static openReadOnly(path: string): StateReader {
    if (!existsSync(path)) return EMPTY_STATE;
    return new StateStore(new Database(path, { readonly: true, fileMustExist: true }));
  }

  static openForWrite(path: string): StateStore {
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    return new StateStore(db);
  }

  ledger(): Map<string, string> {
    const rows = this.db.prepare('SELECT key, task_id FROM ledger').all() as { key: string; task_id: string }[];
    return new Map(rows.map((row) => [row.key, row.task_id]));
  }

  mirror(): MirrorReader {
    const rows = this.db.prepare('SELECT kind, id, attributes, seen_at FROM mirror').all() as {
      kind: RecordKind;
      id: string;
      attributes: string;
      seen_at: string;
    }[];
    const entries = new Map<string, MirrorEntry>();
    for (const row of rows) {
      entries.set(mirrorKey(row.kind, row.id), { attributes: JSON.parse(row.attributes) as Record<string, unknown>, seenAt: row.seen_at });
    }
    return mirrorFromMap(entries);
  }

  /**
   * Put planned tasks into the outbox (a key that failed before gets the new
   * body and another try; one whose send is unconfirmed stays as it is) and record the records as seen, in one
   * transaction: after it, a crash can lose no planned task, and the next
   * run will not find the same occurrences again as new.
   */
  enqueue(entries: Omit<OutboxEntry, 'status' | 'attempts' | 'lastError'>[], seen: MirrorRecord[], at: string): void {
    const insert = this.db.prepare(
      `INSERT INTO outbox (key, body, rule, record_type, record_id, status, updated_at)
       SELECT @key, @body, @rule, @recordType, @recordId, 'pending', @at
       WHERE NOT EXISTS (SELECT 1 FROM ledger WHERE ledger.key = @key)
       ON CONFLICT (key) DO UPDATE SET body = excluded.body, status = 'pending', updated_at = excluded.updated_at
       WHERE outbox.status <> 'sending'`,
    );
    const remember = this.db.prepare(
      `INSERT INTO mirror (kind, id, attributes, seen_at) VALUES (@kind, @id, @attributes, @at)
       ON CONFLICT (kind, id) DO UPDATE SET attributes = excluded.attributes, seen_at = excluded.seen_at`,
    );
    this.db.transaction(() => {
      for (const entry of entries) {
        insert.run({ key: entry.key, body: JSON.stringify(entry.task), rule: entry.rule, recordType: entry.recordType, recordId: entry.recordId, at });
      }
      for (const record of seen) {
        remember.run({ kind: record.kind, id: record.id, attributes: JSON.stringify(record.attributes), at });
      }
    })();
  }

  outbox(): OutboxEntry[] {
    const rows = this.db.prepare('SELECT * FROM outbox ORDER BY rowid').all() as {
      key: string;
      body: string;
      rule: string;
      record_type: RecordKind;
      record_id: string;
      status: OutboxStatus;
      attempts: number;
      last_error: string | null;
    }[];
    return rows.map((row) => ({
      key: row.key,
      task: JSON.parse(row.body) as StoredTask,
      rule: row.rule,
      recordType: row.record_type,
      recordId: row.record_id,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
    }));
  }

  /** Written before the request leaves: a crash after this means "outcome unknown". */
  markSending(key: string, at: string): void {
    this.db.prepare(`UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE key = ?`).run(at, key);
  }

  markPending(key: string, error: string, at: string): void {
    this.db.prepare(`UPDATE outbox SET status = 'pending', last_error = ?, updated_at = ? WHERE key = ?`).run(error, at, key);
  }

  markFailed(key: string, error: string, at: string): void {
    this.db.prepare(`UPDATE outbox SET status = 'failed', last_error = ?, updated_at = ? WHERE key = ?`).run(error, at, key);
  }

  /** Move a key from the outbox into the ledger, atomically. */
  recordCreated(entry: Pick<OutboxEntry, 'key' | 'rule' | 'recordType' | 'recordId'>, taskId: string, at: string): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT OR REPLACE INTO ledger (key, task_id, rule, record_type, record_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(entry.key, taskId, entry.rule, entry.recordType, entry.recordId, at);
      this.db.prepare('DELETE FROM outbox WHERE key = ?').run(entry.key);
    })();
  }

  close(): void {
    this.db.close();
  }
}
