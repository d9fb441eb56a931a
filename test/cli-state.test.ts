/**
 * `followup plan` and `apply` on state files as users meet them: reached
 * through symlinks and hard links, left mid-write by a killed apply, or
 * replaced by something that is not an SQLite database.
 */
import { linkSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RunLock } from '../src/state/lock.js';
import { resolveStatePath } from '../src/state/path.js';
import type { Plan } from '../src/types/plan.js';
import { seedFromDirectory, startBrevoServer, type BrevoServer } from './brevo-server/server.js';
import { EXAMPLE } from './support/apply-env.js';
import { runCli, tempDir } from './support/cli.js';
import { journalOf, killWriterMidTransaction } from './support/hot-journal.js';

const API_KEY = 'cli-state-key-4d19';

let server: BrevoServer;

beforeAll(async () => {
  server = await startBrevoServer({ apiKey: API_KEY, seed: await seedFromDirectory(EXAMPLE) });
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

const env = () => ({ BREVO_API_URL: server.url, BREVO_API_KEY: API_KEY, FOLLOWUP_LOG_LEVEL: 'warn' });
const apply = (state: string, ...extra: string[]) => runCli(['apply', '--data', EXAMPLE, '--state', state, '--format', 'json', ...extra], env());
const plan = (state: string, ...extra: string[]) => runCli(['plan', '--data', EXAMPLE, '--state', state, '--format', 'json', ...extra]);

describe('state store through links', () => {
  it('apply through a symlink finds the lock held', async () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'state.db'), join(dir, 'link.db'));
    const otherRun = await RunLock.acquire(join(dir, 'state.db'));

    const result = await apply(join(dir, 'link.db'));
    otherRun.release();

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Another followup run holds the lock');
    expect(server.requests).toHaveLength(0);
  });

  it('apply and plan reject a hard-linked store', async () => {
    const dir = tempDir();
    const first = await apply(join(dir, 'state.db'));
    expect(first.code, first.stderr).toBe(0);
    linkSync(join(dir, 'state.db'), join(dir, 'copy.db'));
    server.reset();

    for (const result of [await apply(join(dir, 'copy.db')), await plan(join(dir, 'state.db'))]) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`has 2 hard links`);
      expect(result.stderr).toContain('needs exactly one path per store');
      expect(result.stderr).not.toContain('Internal error');
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('state store left mid-write', () => {
  it('plan reads the last commit and writes nothing', async () => {
    const state = join(tempDir(), 'state.db');
    const applied = await apply(state);
    expect(applied.code, applied.stderr).toBe(0);
    const before = JSON.parse((await plan(state)).stdout) as Plan;
    expect(before.summary.exists).toBeGreaterThan(0);
    killWriterMidTransaction(state, 'DELETE FROM ledger');
    const storeBytes = readFileSync(state);
    const journalBytes = readFileSync(journalOf(state));

    const result = await plan(state);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as Plan).summary).toEqual(before.summary);
    expect(readFileSync(state).equals(storeBytes)).toBe(true);
    expect(readFileSync(journalOf(state)).equals(journalBytes)).toBe(true);
  });

  it('the next apply rolls it back and creates nothing twice', async () => {
    const state = join(tempDir(), 'state.db');
    const first = await apply(state);
    expect(first.code, first.stderr).toBe(0);
    killWriterMidTransaction(state, 'DELETE FROM ledger');
    server.reset();

    const second = await apply(state);

    expect(second.code, second.stderr).toBe(0);
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
  });
});

describe('state files that are not databases', () => {
  it('plan and apply name a store that is not a database', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'state.db'), 'These are notes, not an SQLite database.\n'.repeat(10));
    const real = resolveStatePath(join(dir, 'state.db'));

    for (const result of [await plan(join(dir, 'state.db')), await apply(join(dir, 'state.db'))]) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Cannot use the state store ${real}: file is not a database.`);
      expect(result.stderr).not.toContain('Internal error');
    }
    expect(server.requests).toHaveLength(0);
  });

  it('apply empties a lock file that is not a database and runs', async () => {
    const state = join(tempDir(), 'state.db');
    writeFileSync(`${state}.lock`, 'garbage written into the lock file\n'.repeat(10));

    const result = await apply(state);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('run lock file was not an SQLite database');
    expect(statSync(`${state}.lock`).size).toBe(0);
  });

  it('apply names a lock file it cannot open', async () => {
    const state = join(tempDir(), 'state.db');
    mkdirSync(`${state}.lock`);

    const result = await runCli(['--lang', 'de', 'apply', '--data', EXAMPLE, '--state', state], env());

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Die Sperrdatei ${resolveStatePath(state)}.lock ist nicht nutzbar`);
    expect(result.stderr).not.toContain('Interner Fehler');
    expect(server.requests).toHaveLength(0);
  });
});
