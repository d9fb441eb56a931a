/**
 * One run at a time per state store. The lock is an exclusive transaction
 * held open on a second SQLite file beside the store (`<state>.lock`, after
 * the store's real path, so every symlink to a store shares one lock).
 * SQLite takes it with a POSIX advisory lock, which the kernel releases when
 * the process ends in any way, `kill -9` included, so a crashed run never
 * leaves a stale lock behind and the next run can start at once.
 * NOTE: like SQLite itself, this relies on working POSIX locks, which some
 * network file systems lack.
 */
import { ftruncateSync, lstatSync, mkdirSync, openSync, closeSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { sleepUnlessAborted } from '../time/sleep.js';
import type { Logger } from '../log/logger.js';
import { errorMessage, sqliteCode, StateFileError } from './errors.js';
import { readLockOwner, writeLockOwner, type LockOwner } from './meta.js';
import { openStoreForWrite } from './open.js';
import { resolveStatePath } from './path.js';

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

/** The wait for another run's lock ended because this run was asked to stop. */
export class RunLockWaitAbortedError extends Error {
  constructor(readonly statePath: string) {
    super(`wait for the lock of ${statePath} ended on request`);
    this.name = 'RunLockWaitAbortedError';
  }
}

export interface RunLockOptions {
  /** How long to poll while another run holds the lock, in milliseconds; default 0. */
  waitMs?: number;
  clock?: () => number;
  /** Receives a warning when the lock file had to be emptied. */
  logger?: Pick<Logger, 'warn'>;
  /** Ends the wait with RunLockWaitAbortedError, for SIGTERM and SIGINT. */
  signal?: AbortSignal;
}

export class RunLock {
  private constructor(private readonly db: Database.Database) {}

  /**
   * Takes the lock of the store at `statePath`, polling for up to `waitMs`
   * while another run holds it, then records this process as the owner.
   * Throws RunLockBusyError when the wait ends first, and StateFileError
   * when the store or the lock file cannot be used.
   */
  static async acquire(statePath: string, options: RunLockOptions = {}): Promise<RunLock> {
    const file = resolveStatePath(statePath);
    const lockFile = `${file}.lock`;
    mkdirSync(dirname(file), { recursive: true });
    const clock = options.clock ?? Date.now;
    const deadline = clock() + (options.waitMs ?? 0);
    const db = openLockFile(lockFile);
    try {
      for (;;) {
        if (tryBegin(db, lockFile, options.logger)) break;
        if (options.signal?.aborted) throw new RunLockWaitAbortedError(statePath);
        if (clock() >= deadline) throw new RunLockBusyError(statePath, readOwner(file));
        await sleepUnlessAborted(Math.min(POLL_MS, Math.max(1, deadline - clock())), options.signal);
      }
      recordOwner(file, { pid: process.pid, startedAt: new Date(clock()).toISOString() });
    } catch (error) {
      db.close();
      throw error;
    }
    return new RunLock(db);
  }

  release(): void {
    if (!this.db.open) return;
    this.db.exec('ROLLBACK');
    this.db.close();
  }
}

function openLockFile(lockFile: string): Database.Database {
  try {
    const db = new Database(lockFile);
    db.pragma('busy_timeout = 0');
    return db;
  } catch (error) {
    if (sqliteCode(error) === null) throw error;
    throw new StateFileError({ problem: 'lockUnusable', file: lockFile, detail: errorMessage(error), cause: error });
  }
}

/**
 * Begins the exclusive transaction, or returns false while another run has it.
 * A lock file that is not a database (text written into it, say) is emptied
 * once and tried again. emptyForeignLockFile explains why that is safe.
 */
function tryBegin(db: Database.Database, lockFile: string, logger: RunLockOptions['logger'], emptied = false): boolean {
  try {
    db.exec('BEGIN EXCLUSIVE');
    return true;
  } catch (error) {
    const code = sqliteCode(error);
    if (code === 'SQLITE_BUSY') return false;
    if (code === 'SQLITE_NOTADB' && !emptied && emptyForeignLockFile(lockFile)) {
      logger?.warn({ lockFile }, 'run lock file was not an SQLite database and was emptied');
      return tryBegin(db, lockFile, logger, true);
    }
    throw new StateFileError({ problem: 'lockUnusable', file: lockFile, detail: errorMessage(error), cause: error });
  }
}

/**
 * Truncates the lock file in place, when it is a plain file with one link.
 * A run never writes to its lock file, so its content is never data. SQLite
 * reads the file header only after it holds a shared lock, so "not a
 * database" means no run held the lock at that moment. Truncating keeps the
 * inode, and with it any POSIX lock a run may take meanwhile, so a second
 * run still finds the lock busy. Deleting or replacing the file would not.
 */
function emptyForeignLockFile(lockFile: string): boolean {
  const stats = lstatSync(lockFile, { throwIfNoEntry: false });
  if (!stats?.isFile() || stats.nlink !== 1) return false;
  const descriptor = openSync(lockFile, constants.O_WRONLY | constants.O_NOFOLLOW);
  try {
    ftruncateSync(descriptor, 0);
  } finally {
    closeSync(descriptor);
  }
  return true;
}

function recordOwner(file: string, owner: LockOwner): void {
  const db = openStoreForWrite(file);
  try {
    writeLockOwner(db, owner);
  } finally {
    db.close();
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
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
