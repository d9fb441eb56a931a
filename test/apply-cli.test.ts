/**
 * `followup apply` as a user runs it: budgets that stop a run cleanly, the
 * next run sending the outbox first, exit codes and messages.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApplyReport } from '../src/execute/report.js';
import type { Plan } from '../src/types/plan.js';
import { seedFromDirectory, startBrevoServer, type BrevoServer } from './brevo-server/server.js';
import { EXAMPLE, EXAMPLE_NOW, keysNotExactlyOnce } from './support/apply-env.js';
import { runCli, tempDir } from './support/cli.js';
import { spawnCli } from './support/spawn.js';

const API_KEY = 'apply-cli-key-83ac';

let server: BrevoServer;
let limited: BrevoServer;

beforeAll(async () => {
  const seed = await seedFromDirectory(EXAMPLE);
  server = await startBrevoServer({ apiKey: API_KEY, seed });
  limited = await startBrevoServer({ apiKey: API_KEY, seed, rateLimit: { limit: 8, windowSeconds: 60 } });
});
afterAll(async () => Promise.all([server.close(), limited.close()]));
beforeEach(() => {
  server.reset();
  limited.reset();
});

const env = (target = server) => ({ BREVO_API_URL: target.url, BREVO_API_KEY: API_KEY });
const report = (stdout: string) => JSON.parse(stdout) as ApplyReport;

describe('followup apply', () => {
  it('stops at --max-requests, says so, and the next run sends the outbox first', async () => {
    const state = join(tempDir(), 'state.db');
    const first = await runCli(['apply', '--brevo', '--now', EXAMPLE_NOW, '--state', state, '--max-requests', '12'], env());
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Stopped: the budget of 12 API requests for this run is spent.');
    const postedFirst = server.requests.filter((request) => request.method === 'POST').length;
    expect(server.requests).toHaveLength(12);
    expect(postedFirst).toBe(12 - 6);

    const requestsBefore = server.requests.length;
    const second = await runCli(['apply', '--brevo', '--now', EXAMPLE_NOW, '--state', state, '--format', 'json'], env());
    expect(second.code, second.stderr).toBe(0);
    const secondRequests = server.requests.slice(requestsBefore);
    const firstRead = secondRequests.findIndex((request) => request.method === 'GET');
    // Every POST of the leftovers comes before the first read of the account.
    expect(secondRequests.slice(0, firstRead).every((request) => request.method === 'POST')).toBe(true);
    expect(firstRead).toBeGreaterThan(0);
    expect(report(second.stdout).stopped).toBeUndefined();

    const plan = await runCli(['plan', '--data', EXAMPLE, '--state', join(tempDir(), 'fresh.db'), '--format', 'json'], env());
    const keys = (JSON.parse(plan.stdout) as Plan).items.filter((item) => item.rule !== 'loyalty-event-check-in').map((item) => item.key);
    expect(keysNotExactlyOnce(server, keys)).toEqual({});
  });

  it('stops at --max-duration instead of waiting for the rate limit', async () => {
    const state = join(tempDir(), 'state.db');
    // The limit allows 8 requests a minute, so the ninth would wait far past the budget.
    const first = await runCli(['apply', '--data', EXAMPLE, '--state', state, '--max-duration', '20s', '--format', 'json'], env(limited));
    expect(first.code, first.stderr).toBe(0);
    const stopped = report(first.stdout);
    expect(stopped.stopped).toBe('budget');
    expect(stopped.budget).toEqual({ kind: 'duration', limit: 20_000, wait: { ms: expect.any(Number), cause: 'rateLimit' } });
    expect(stopped.budget?.wait?.ms).toBeGreaterThan(20_000);
    expect(stopped.created).toBe(7);
    expect(limited.requests.filter((request) => request.status === 429)).toHaveLength(0);

    const text = await runCli(['apply', '--data', EXAMPLE, '--state', state, '--max-duration', '20s'], env(limited));
    expect(text.stdout).toContain("Stopped: the run would have had to wait 1 min for Brevo's rate-limit window to reset, which ends after its time budget of 20 s.");

    limited.reset();
    const plan = await runCli(['plan', '--data', EXAMPLE, '--state', state, '--format', 'json'], env(limited));
    const pending = JSON.parse(plan.stdout) as Plan;
    // The outbox still holds the rest, and the plan knows the account's limit now.
    expect(pending.summary.requests).toBe(stopped.pending);
    expect(pending.pacing).toMatchObject({ limit: 8, basis: 'account' });
    expect(pending.pacing!.seconds).toBeGreaterThan(0);
  });

  it('exits 1 when a task fails, and names the task', async () => {
    server.faults.add({ kind: 'status', status: 400, method: 'POST', path: '/crm/tasks', body: { code: 'invalid_parameter', message: 'date is invalid' } });
    const result = await runCli(['apply', '--data', EXAMPLE, '--state', join(tempDir(), 'state.db')], env());
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^failed\s+.+date is invalid$/m);
    expect(result.stdout).toMatch(/, 1 failed, 0 pending;/);
  });

  it('stops at once on a rejected key and names BREVO_API_KEY', async () => {
    const result = await runCli(['apply', '--data', EXAMPLE, '--state', join(tempDir(), 'state.db')], { ...env(), BREVO_API_KEY: 'not-the-key' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Stopped: Brevo rejected the API key (Key not found). Check BREVO_API_KEY.');
    expect(server.requests).toHaveLength(1);
  });

  it('asks for the key before anything else', async () => {
    const result = await runCli(['apply', '--data', EXAMPLE, '--state', join(tempDir(), 'state.db')], { BREVO_API_URL: server.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('BREVO_API_KEY is not set');
    expect(server.requests).toHaveLength(0);
  });

  it('exits 1 when reading spends the budget', async () => {
    const state = join(tempDir(), 'state.db');
    for (let run = 1; run <= 2; run++) {
      const result = await runCli(['apply', '--brevo', '--now', EXAMPLE_NOW, '--state', state, '--max-requests', '3'], env());
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toContain('ran out while reading the account, before anything was planned or sent');
      expect(result.stdout).toContain('raise --max-requests');
    }
    expect(server.requests.filter((request) => request.method === 'POST')).toEqual([]);
  });

  it('starts the time budget once it holds the lock', async () => {
    const state = join(tempDir(), 'state.db');
    let release = (): void => undefined;
    server.faults.add({ method: 'POST', path: '/crm/tasks', kind: 'hold', release: new Promise<void>((resolve) => (release = resolve)) });
    const holder = spawnCli(['apply', '--brevo', '--now', EXAMPLE_NOW, '--state', state], env());
    await new Promise<void>((resolve) => {
      const listener = (request: { method: string }): void => {
        if (request.method !== 'POST') return;
        server.off('request', listener);
        resolve();
      };
      server.on('request', listener);
    });
    const waiter = spawnCli(['apply', '--brevo', '--now', EXAMPLE_NOW, '--state', state, '--lock-wait', '1m', '--max-duration', '3s'], env());
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    release();

    expect((await holder.result).code).toBe(0);
    const result = await waiter.result;
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).not.toContain('Stopped');
  });

  it('rejects a malformed --max-duration', async () => {
    const result = await runCli(['apply', '--data', EXAMPLE, '--max-duration', 'soon'], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"soon" is not a duration such as 90s, 15m or 2h.');
  });

  it('speaks German in its report', async () => {
    const state = join(tempDir(), 'state.db');
    const result = await runCli(['apply', '--data', EXAMPLE, '--state', state, '--max-requests', '3', '--lang', 'de'], env());
    expect(result.stdout).toContain('Angehalten: Das Budget von 3 API-Anfragen für diesen Lauf ist aufgebraucht.');
    expect(result.stdout).toMatch(/2 angelegt, 0 übernommen/);
  });
});
