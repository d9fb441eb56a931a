/**
 * The state store and its run lock as files: one lock per store whatever
 * path leads to it, a store left mid-write by a killed run, and lock or
 * store files that are not SQLite databases.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StateFileError } from '../src/state/errors.js';
import { RunLock, RunLockBusyError } from '../src/state/lock.js';
import { resolveStatePath } from '../src/state/path.js';
import { StateStore } from '../src/state/store.js';
import { tempDir } from './support/cli.js';
import { journalOf, killWriterMidTransaction } from './support/hot-journal.js';

const AT = '2026-12-01T07:00:00.000Z';

const created = (key: string) => ({ key, rule: 'rule-a', recordType: 'deal' as const, recordId: '6a0000000000000000000001' });

function storeWithLedger(path: string, keys: string[]): void {
  const store = StateStore.openForWrite(path);
  keys.forEach((key, index) => store.recordCreated(created(key), `65f00000000000000000000${index}`, AT));
  store.close();
}

async function acquireError(path: string): Promise<unknown> {
  return RunLock.acquire(path).then(
    (lock) => {
      lock.release();
      return null;
    },
    (error: unknown) => error,
  );
}

describe('resolveStatePath', () => {
  it('follows a symlinked folder to a missing store', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));

    expect(resolveStatePath(join(dir, 'link', 'state.db'))).toBe(join(resolveStatePath(dir), 'real', 'state.db'));
  });

  it('follows a dangling symlink to where the store will be', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'missing', 'target.db'), join(dir, 'state.db'));

    expect(resolveStatePath(join(dir, 'state.db'))).toBe(join(resolveStatePath(dir), 'missing', 'target.db'));
  });

  it('rejects a store with two hard links', () => {
    const dir = tempDir();
    storeWithLedger(join(dir, 'state.db'), []);
    linkSync(join(dir, 'state.db'), join(dir, 'copy.db'));

    const error = (() => {
      try {
        return resolveStatePath(join(dir, 'copy.db'));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as StateFileError).problem).toBe('hardLinks');
    expect((error as StateFileError).links).toBe(2);
  });
});

describe('run lock by real path', () => {
  it('is busy through a symlink to the store', async () => {
    const dir = tempDir();
    storeWithLedger(join(dir, 'state.db'), []);
    symlinkSync(join(dir, 'state.db'), join(dir, 'link.db'));
    const first = await RunLock.acquire(join(dir, 'state.db'));

    const error = await acquireError(join(dir, 'link.db'));
    first.release();

    expect(error).toBeInstanceOf(RunLockBusyError);
  });

  it('is busy through a symlink before the store exists', async () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'stores', 'state.db'), join(dir, 'link.db'));
    const first = await RunLock.acquire(join(dir, 'link.db'));

    const error = await acquireError(join(dir, 'stores', 'state.db'));
    first.release();

    expect(error).toBeInstanceOf(RunLockBusyError);
    expect(existsSync(join(dir, 'stores', 'state.db.lock'))).toBe(true);
    expect(existsSync(join(dir, 'link.db.lock'))).toBe(false);
  });

  it('rejects a hard link to the store', async () => {
    const dir = tempDir();
    storeWithLedger(join(dir, 'state.db'), []);
    linkSync(join(dir, 'state.db'), join(dir, 'copy.db'));

    const error = await acquireError(join(dir, 'copy.db'));

    expect(error).toBeInstanceOf(StateFileError);
    expect((error as StateFileError).problem).toBe('hardLinks');
  });
});

describe('run lock file that is not a database', () => {
  it('is emptied and locked', async () => {
    const path = join(tempDir(), 'state.db');
    writeFileSync(`${path}.lock`, 'this is not an SQLite database, but text that someone wrote here\n');

    const first = await RunLock.acquire(path);
    const second = await acquireError(path);
    first.release();

    expect(statSync(`${path}.lock`).size).toBe(0);
    expect(second).toBeInstanceOf(RunLockBusyError);
  });

  it('reports a folder in its place', async () => {
    const path = join(tempDir(), 'state.db');
    mkdirSync(`${path}.lock`);

    const error = await acquireError(path);

    expect(error).toBeInstanceOf(StateFileError);
    expect((error as StateFileError).problem).toBe('lockUnusable');
    expect((error as StateFileError).file).toBe(`${resolveStatePath(path)}.lock`);
  });
});

describe('store left mid-write', () => {
  it('reads as of the last commit without touching the files', () => {
    const path = join(tempDir(), 'state.db');
    storeWithLedger(path, ['fu-a', 'fu-b']);
    killWriterMidTransaction(path, 'DELETE FROM ledger');
    const storeBefore = readFileSync(path);
    const journalBefore = readFileSync(journalOf(path));
    // Without the journal's rollback, a read-only connection cannot read the store at all.
    const raw = new Database(path, { readonly: true });
    expect(() => raw.prepare('SELECT count(*) FROM ledger').get()).toThrow(expect.objectContaining({ code: 'SQLITE_READONLY_ROLLBACK' }));
    raw.close();

    const state = StateStore.openReadOnly(path);
    const ledger = state.ledger();
    state.close();

    expect([...ledger.keys()]).toEqual(['fu-a', 'fu-b']);
    expect(readFileSync(path).equals(storeBefore)).toBe(true);
    expect(readFileSync(journalOf(path)).equals(journalBefore)).toBe(true);
  });

  it('is rolled back when opened for writing', () => {
    const path = join(tempDir(), 'state.db');
    storeWithLedger(path, ['fu-a']);
    killWriterMidTransaction(path, 'DELETE FROM ledger');

    const store = StateStore.openForWrite(path);
    const ledger = store.ledger();
    store.close();

    expect([...ledger.keys()]).toEqual(['fu-a']);
    expect(existsSync(journalOf(path))).toBe(false);
  });
});

describe('store file that is not a database', () => {
  it('is reported by its real path', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'state.db'), 'plain text, not an SQLite database, long enough to have a header\n'.repeat(4));
    symlinkSync(join(dir, 'state.db'), join(dir, 'link.db'));

    for (const open of [() => StateStore.openReadOnly(join(dir, 'link.db')), () => StateStore.openForWrite(join(dir, 'link.db'))]) {
      const error = (() => {
        try {
          open();
          return null;
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(StateFileError);
      expect((error as StateFileError).problem).toBe('unusable');
      expect((error as StateFileError).file).toBe(resolveStatePath(join(dir, 'state.db')));
      expect((error as StateFileError).detail).toBe('file is not a database');
    }
  });
});
