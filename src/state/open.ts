/**
 * Opening the state store's SQLite file, by its real path, with SQLite's
 * failures turned into StateFileError. A read-only open never writes the
 * store, not even to roll back what a killed run left half-written.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, type BigIntStats } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { errorMessage, sqliteCode, StateFileError } from './errors.js';
import { resolveStatePath } from './path.js';
import { migrate } from './schema.js';

// A rollback by another process can change the journal while it is copied; each change costs one more attempt.
const COPY_ATTEMPTS = 3;

/**
 * Opens the store read-only, or returns null when it does not exist yet.
 * When a killed run left a hot rollback journal, returns an in-memory copy
 * of the store as of its last commit instead.
 */
export function openStoreReadOnly(path: string): Database.Database | null {
  const file = resolveStatePath(path);
  for (let attempt = 1; ; attempt += 1) {
    if (!existsSync(file)) return null;
    const db = openReadOnlyUnlessHot(file);
    if (db) return db;
    const copy = readRolledBackCopy(file);
    if (copy) return copy;
    if (attempt === COPY_ATTEMPTS) {
      throw new StateFileError({ problem: 'hotJournal', file, detail: 'the rollback journal changed each time it was copied' });
    }
  }
}

/** Opens the store for writing, creating it and its folders when missing, and brings its tables up to date. */
export function openStoreForWrite(path: string): Database.Database {
  const file = resolveStatePath(path);
  mkdirSync(dirname(file), { recursive: true });
  const db = withStateErrors(file, () => new Database(file));
  try {
    // The first statement rolls back a hot journal that a killed run left.
    withStateErrors(file, () => {
      db.pragma('journal_mode = DELETE');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      migrate(db);
    });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Returns the open store, or null when SQLite needs to roll back a hot journal first, which a read-only connection cannot. */
function openReadOnlyUnlessHot(file: string): Database.Database | null {
  const db = withStateErrors(file, () => new Database(file, { readonly: true, fileMustExist: true }));
  try {
    db.pragma('busy_timeout = 5000');
    readSchema(db);
    return db;
  } catch (error) {
    db.close();
    if (sqliteCode(error) === 'SQLITE_READONLY_ROLLBACK') return null;
    throw toStateFileError(file, error);
  }
}

/**
 * Copies the store and its hot journal to a temporary folder, lets SQLite
 * roll the copy back, and returns the result in memory. Returns null when
 * the journal changed or disappeared during the copy, because another
 * process rolled it back or started a new write meanwhile.
 */
function readRolledBackCopy(file: string): Database.Database | null {
  const journal = `${file}-journal`;
  const folder = mkdtempSync(join(tmpdir(), 'followup-state-'));
  const copy = join(folder, 'state.db');
  try {
    const before = statSync(journal, { bigint: true, throwIfNoEntry: false });
    if (!before) return null;
    // Journal first: a rollback rewrites the store's pages from the journal and deletes the journal last.
    // So while the journal is unchanged, rolling the copied store back again ends at the same last commit.
    copyFileSync(journal, `${copy}-journal`);
    copyFileSync(file, copy);
    const after = statSync(journal, { bigint: true, throwIfNoEntry: false });
    if (!after || !sameVersion(before, after)) return null;

    const writable = new Database(copy);
    try {
      readSchema(writable);
      return new Database(writable.serialize());
    } finally {
      writable.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StateFileError({ problem: 'hotJournal', file, detail: errorMessage(error), cause: error });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function sameVersion(before: BigIntStats, after: BigIntStats): boolean {
  return before.ino === after.ino && before.size === after.size && before.mtimeNs === after.mtimeNs && before.ctimeNs === after.ctimeNs;
}

/** Reads the schema, the first read of a connection: it fails on a file that is not a database or needs a rollback. */
function readSchema(db: Database.Database): void {
  db.prepare('SELECT count(*) FROM sqlite_master').get();
}

function withStateErrors<T>(file: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw toStateFileError(file, error);
  }
}

/**
 * Names the store in SQLite's failures to open or read it. A busy store
 * stays a plain SQLite error, because it means another run is writing and
 * not that the file is unusable.
 */
function toStateFileError(file: string, error: unknown): unknown {
  const code = sqliteCode(error);
  if (code === null || code.startsWith('SQLITE_BUSY')) return error;
  return new StateFileError({ problem: 'unusable', file, detail: errorMessage(error), cause: error });
}
