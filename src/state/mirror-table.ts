/**
 * The `mirror` table: each record as Followup last saw it. `attributes`
 * feeds the triggers' before/after comparison. `record` is the whole Brevo
 * record, so that the live source can rebuild the account from the mirror
 * and read only what changed since.
 */
import type Database from 'better-sqlite3';
import type { RecordKind } from '../types/diagnostics.js';
import type { BrevoCompany, BrevoContact, BrevoDeal } from '../types/records.js';
import { mirrorFromMap, mirrorKey, type MirrorEntry, type MirrorReader } from './mirror.js';

export interface MirrorRecord {
  kind: RecordKind;
  id: string;
  attributes: Record<string, unknown>;
  /** The record in Brevo's response shape. */
  record?: unknown;
}

/** The records of the mirror in Brevo's shapes, as evaluation reads them. */
export interface MirrorRecords {
  deals: BrevoDeal[];
  companies: BrevoCompany[];
  contacts: BrevoContact[];
}

interface MirrorRow {
  kind: RecordKind;
  id: string;
  attributes: string;
  seen_at: string;
  record: string | null;
}

export function readMirror(db: Database.Database): MirrorReader {
  const rows = db.prepare('SELECT kind, id, attributes, seen_at FROM mirror').all() as MirrorRow[];
  const entries = new Map<string, MirrorEntry>();
  for (const row of rows) {
    entries.set(mirrorKey(row.kind, row.id), { attributes: JSON.parse(row.attributes) as Record<string, unknown>, seenAt: row.seen_at });
  }
  return mirrorFromMap(entries);
}

/** Rebuilds the records; a row stored before whole records were kept has only its id and attributes. */
export function readMirrorRecords(db: Database.Database): MirrorRecords {
  const rows = db.prepare('SELECT kind, id, attributes, record FROM mirror ORDER BY rowid').all() as MirrorRow[];
  const records: MirrorRecords = { deals: [], companies: [], contacts: [] };
  for (const row of rows) {
    const attributes = JSON.parse(row.attributes) as BrevoDeal['attributes'];
    const stored = row.record === null ? null : (JSON.parse(row.record) as Record<string, unknown>);
    if (row.kind === 'deal') records.deals.push((stored as unknown as BrevoDeal) ?? { id: row.id, attributes });
    if (row.kind === 'company') records.companies.push((stored as unknown as BrevoCompany) ?? { id: row.id, attributes });
    if (row.kind === 'contact') records.contacts.push((stored as unknown as BrevoContact) ?? { id: Number(row.id), attributes });
  }
  return records;
}

export function upsertMirror(db: Database.Database, records: readonly MirrorRecord[], at: string): void {
  const statement = db.prepare(
    `INSERT INTO mirror (kind, id, attributes, seen_at, record) VALUES (@kind, @id, @attributes, @at, @record)
     ON CONFLICT (kind, id) DO UPDATE SET attributes = excluded.attributes, seen_at = excluded.seen_at, record = excluded.record`,
  );
  for (const record of records) {
    statement.run({
      kind: record.kind,
      id: record.id,
      attributes: JSON.stringify(record.attributes),
      at,
      record: record.record === undefined ? null : JSON.stringify(record.record),
    });
  }
}

/** Deletes the records of `kind` whose ids are not in `keep`: after a full read they no longer exist in Brevo. */
export function pruneMirror(db: Database.Database, kind: RecordKind, keep: ReadonlySet<string>): void {
  const ids = db.prepare('SELECT id FROM mirror WHERE kind = ?').all(kind) as { id: string }[];
  const remove = db.prepare('DELETE FROM mirror WHERE kind = ? AND id = ?');
  for (const { id } of ids) {
    if (!keep.has(id)) remove.run(kind, id);
  }
}
