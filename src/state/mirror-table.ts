/**
 * The `mirror` table: each record as Followup last saw it. `attributes`
 * feeds the triggers' before/after comparison. `record` is the whole Brevo
 * record, so that the live source can rebuild the account from the mirror
 * and read only what changed since.
 */
import type Database from 'better-sqlite3';
import type { RecordKind } from '../types/diagnostics.js';
import type { BrevoCompany, BrevoContact, BrevoDeal } from '../types/records.js';
import type { MirrorEntry, MirrorReader } from './mirror.js';

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

/**
 * Read the mirror, parsing each entry's attributes when they are first read.
 * Evaluation reads few of them (on a scheduled run, those of the records that
 * changed), and parsing all 350 000 rows of the benchmark account up front
 * took about 2 s and made most of the run's garbage.
 */
export function readMirror(db: Database.Database): MirrorReader {
  const rows = db.prepare('SELECT kind, id, attributes, seen_at FROM mirror').raw().iterate() as IterableIterator<[RecordKind, string, string, string]>;
  // One map per kind, so that a lookup needs no composed key.
  const byKind: Record<RecordKind, Map<string, StoredEntry>> = { deal: new Map(), company: new Map(), contact: new Map() };
  let size = 0;
  for (const [kind, id, attributes, seenAt] of rows) {
    byKind[kind]?.set(id, { text: attributes, seenAt });
    size++;
  }
  return {
    isEmpty: size === 0,
    get: (kind, id) => {
      const row = byKind[kind]?.get(id);
      if (!row) return undefined;
      // Callers that only check that an entry exists never pay for the parse.
      row.entry ??= {
        get attributes() {
          return (row.attributes ??= JSON.parse(row.text) as Record<string, unknown>);
        },
        seenAt: row.seenAt,
      };
      return row.entry;
    },
  };
}

interface StoredEntry {
  text: string;
  seenAt: string;
  attributes?: Record<string, unknown>;
  entry?: MirrorEntry;
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
