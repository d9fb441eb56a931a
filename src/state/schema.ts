/**
 * Tables of the state store. A store written by an older version gets the
 * missing columns added on open; nothing is ever dropped.
 */
import type Database from 'better-sqlite3';

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
  updated_at TEXT NOT NULL,
  first_sent_at TEXT,
  grace_ms INTEGER
);
CREATE TABLE IF NOT EXISTS mirror (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  attributes TEXT NOT NULL,
  seen_at TEXT NOT NULL,
  record TEXT,
  PRIMARY KEY (kind, id)
);
CREATE TABLE IF NOT EXISTS skipped (
  key TEXT PRIMARY KEY,
  rule TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  skipped_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS marked_tasks (
  key TEXT PRIMARY KEY,
  task_id TEXT NOT NULL,
  seen_at TEXT NOT NULL
);
`;

/** Columns added after the first release, with their SQL type. */
const ADDED_COLUMNS: { table: string; column: string; type: string }[] = [
  { table: 'outbox', column: 'first_sent_at', type: 'TEXT' },
  { table: 'outbox', column: 'grace_ms', type: 'INTEGER' },
  { table: 'mirror', column: 'record', type: 'TEXT' },
];

export function migrate(db: Database.Database): void {
  db.exec(SCHEMA);
  for (const { table, column, type } of ADDED_COLUMNS) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    if (!columns.some((existing) => existing.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
}
