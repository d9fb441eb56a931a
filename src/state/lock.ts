/**
 * One run at a time per state store. The lock is an exclusive transaction
 * held open on a second SQLite file beside the store (`<state>.lock`).
 * SQLite takes it with a POSIX advisory lock, which the kernel releases when
 * the process ends in any way, `kill -9` included, so a crashed run never
 * leaves a stale lock behind and the next run can start at once.
 * NOTE: like SQLite itself, this relies on working POSIX locks, which some
 * network file systems lack.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { readLockOwner, writeLockOwner, type LockOwner } from './meta.js';
import { migrate } from './schema.js';

const POLL_MS = 100;

/** Another run holds the lock and did not release it within the wait. */
export class RunLockBusyError extends Error {
  constructor(
    readonly statePath: string,
    /** The run that holds the lock, as it recorded itself; null when unknown. */
    readonly owner: LockOwner | null,
  ) {
    super(`state store ${statePath} is locked by another run`);
    this.name = 'RunLockBusyError';
  }
}

export class RunLock {
  private constructor(private readonly db: Database.Database) {}

  /**
   * Takes the lock of the store at `statePath`, polling for up to `waitMs`
   * while another run holds it, then records this process as the owner.
   * Throws RunLockBusyError when the wait ends first.
   */
  static async acquire(statePath: string, options: { waitMs?: number; clock?: () => number } = {}): Promise<RunLock> {
    mkdirSync(dirname(statePath), { recursive: true });
    const clock = options.clock ?? Date.now;
    const deadline = clock() + (options.waitMs ?? 0);
    const db = new Database(`${statePath}.lock`);
    db.pragma('busy_timeout = 0');
    for (;;) {
      if (tryBegin(db)) break;
      if (clock() >= deadline) {
        db.close();
        throw new RunLockBusyError(statePath, readOwner(statePath));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - clock()))));
    }
    recordOwner(statePath, { pid: process.pid, startedAt: new Date(clock()).toISOString() });
    return new RunLock(db);
  }

  release(): void {
    if (!this.db.open) return;
    this.db.exec('ROLLBACK');
    this.db.close();
  }
}

function tryBegin(db: Database.Database): boolean {
  try {
    db.exec('BEGIN EXCLUSIVE');
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw error;
  }
}

function recordOwner(statePath: string, owner: LockOwner): void {
  const db = new Database(statePath);
  try {
    db.pragma('busy_timeout = 5000');
    migrate(db);
    writeLockOwner(db, owner);
  } finally {
    db.close();
  }
}

function readOwner(statePath: string): LockOwner | null {
  try {
    const db = new Database(statePath, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 1000');
      return readLockOwner(db);
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}
