/**
 * Waits of `followup apply` and `followup run` as a user meets them. A
 * signal ends a wait for the rate-limit window. A run starting inside a
 * window the previous run spent waits for its reset. A zero time budget is
 * a usage error. The real binary against the Brevo-compatible server.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApplyReport } from '../src/execute/apply.js';
import { seedFromDirectory, startBrevoServer, type BrevoServer } from './brevo-server/server.js';
import { EXAMPLE } from './support/apply-env.js';
import { runCli, tempDir } from './support/cli.js';
import { spawnCli, type RunningCli } from './support/spawn.js';

const API_KEY = 'waits-test-key-91c3';
/** Three requests per ten minutes: every run spends the window early and then has to wait. */
const LIMIT = 3;
let server: BrevoServer;
/** Processes the current test started. One that a failed test leaves waiting is killed after the test. */
const started: RunningCli[] = [];

beforeAll(async () => {
  server = await startBrevoServer({ apiKey: API_KEY, seed: await seedFromDirectory(EXAMPLE), rateLimit: { limit: LIMIT, windowSeconds: 600 } });
});
afterAll(async () => server.close());
beforeEach(() => server.reset());
afterEach(() => {
  for (const running of started.splice(0)) {
    if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  }
});

const env = () => ({ BREVO_API_URL: server.url, BREVO_API_KEY: API_KEY, FOLLOWUP_LOG_LEVEL: 'info' });
const rateLimited = () => server.requests.filter((request) => request.status === 429);

function spawn(args: string[]): RunningCli {
  const running = spawnCli(args, env());
  started.push(running);
  return running;
}

/** Resolves once the process logs that it waits for the rate-limit window to reset. */
function windowWaitStarted(running: RunningCli): Promise<void> {
  return new Promise((resolve) => {
    let seen = '';
    running.child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('waiting for the rate-limit window to reset')) resolve();
    });
  });
}

describe('signal during a wait for the window', () => {
  it('ends apply at once', async () => {
    const apply = spawn(['apply', '--data', EXAMPLE, '--state', join(tempDir(), 'state.db')]);
    await windowWaitStarted(apply);
    apply.child.kill('SIGTERM');
    const result = await apply.result;

    expect(result.code, result.stderr).toBe(0);
    expect(result.signal).toBeNull();
    expect(result.stdout).toContain('Stopped on request after the task in flight.');
    expect(server.requests).toHaveLength(LIMIT);
    expect(rateLimited()).toEqual([]);
  });

  it('ends the run loop at once', async () => {
    const loop = spawn(['run', '--every', '1h', '--data', EXAMPLE, '--state', join(tempDir(), 'state.db')]);
    await windowWaitStarted(loop);
    loop.child.kill('SIGTERM');
    const result = await loop.result;

    expect(result.code, result.stderr).toBe(0);
    expect(result.signal).toBeNull();
    expect(result.stdout).toContain('Stopped after a signal');
    expect(server.requests).toHaveLength(LIMIT);
  });
});

describe('signal during a wait for the lock', () => {
  it('ends apply at once', async () => {
    const state = join(tempDir(), 'state.db');
    const holder = spawn(['apply', '--data', EXAMPLE, '--state', state]);
    await windowWaitStarted(holder);
    const waiter = spawn(['apply', '--data', EXAMPLE, '--state', state, '--lock-wait', '10m']);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    waiter.child.kill('SIGTERM');
    const result = await waiter.result;

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Stopped on request while waiting for another run's lock. Nothing was sent.");
    expect(server.requests).toHaveLength(LIMIT);
    holder.child.kill('SIGTERM');
    expect((await holder.result).code).toBe(0);
  });
});

describe('window spent by the previous run', () => {
  it('makes the next run wait instead of getting a 429', async () => {
    const state = join(tempDir(), 'state.db');
    const args = ['apply', '--data', EXAMPLE, '--state', state, '--max-duration', '20s', '--format', 'json'];
    const first = await runCli(args, env());
    expect(first.code, first.stderr).toBe(0);
    expect((JSON.parse(first.stdout) as ApplyReport).budget).toEqual({ kind: 'duration', limit: 20_000, wait: { ms: expect.any(Number), cause: 'rateLimit' } });
    expect(server.requests).toHaveLength(LIMIT);

    const second = await runCli(args, env());
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(second.stdout) as ApplyReport;
    // The saved reset lies ten minutes ahead, past the 20 s budget, so the run stops before sending anything.
    expect(report.budget).toEqual({ kind: 'duration', limit: 20_000, wait: { ms: expect.any(Number), cause: 'rateLimit' } });
    expect(report.requests).toBe(0);
    expect(server.requests).toHaveLength(LIMIT);
    expect(rateLimited()).toEqual([]);
  });
});

describe('zero --max-duration', () => {
  it('is a usage error for apply and run', async () => {
    const state = join(tempDir(), 'state.db');
    const apply = await runCli(['apply', '--data', EXAMPLE, '--state', state, '--max-duration', '0s'], env());
    const run = await runCli(['run', '--every', '1h', '--data', EXAMPLE, '--state', state, '--max-duration', '0m'], env());

    expect(apply.code).toBe(2);
    expect(apply.stderr).toContain('"0s" is zero');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"0m" is zero');
    expect(server.requests).toHaveLength(0);
  });
});
