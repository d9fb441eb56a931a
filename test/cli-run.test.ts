/**
 * The scheduled loop as a user runs it: the real binary against the
 * Brevo-compatible server in this process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makePlan } from '../src/plan/make-plan.js';
import { seedFromDirectory, startBrevoServer, type BrevoServer, type RecordedRequest } from './brevo-server/server.js';
import { EXAMPLE, RULES } from './support/apply-env.js';
import { runCli, tempDir } from './support/cli.js';
import { spawnCli } from './support/spawn.js';

const API_KEY = 'run-loop-key-4e7a';
let server: BrevoServer;
let planned: number;

beforeAll(async () => {
  server = await startBrevoServer({ apiKey: API_KEY, seed: await seedFromDirectory(EXAMPLE) });
  const run = await makePlan({ rulesDir: RULES, dataDir: EXAMPLE, lang: 'en', statePath: join(tempDir(), 'none.db') });
  if (!run.ok) throw new Error('rules invalid');
  planned = run.plan.summary.create;
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

const env = () => ({ BREVO_API_URL: server.url, BREVO_API_KEY: API_KEY, FOLLOWUP_LOG_LEVEL: 'warn' });
const created = () => server.tasks().filter((task) => task.notes?.includes('[followup:'));

describe('followup run', () => {
  it('runs on each tick, one run at a time, with a JSON line per run', async () => {
    const dir = tempDir();
    const result = await runCli(['run', '--every', '1s', '--runs', '2', '--data', EXAMPLE, '--state', join(dir, 'state.db')], env());

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`run 1 at .*: ${planned} created`));
    expect(result.stdout).toMatch(/run 2 at .*: 0 created/);
    const lines = readFileSync(join(dir, 'runs.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { run: number; created: number; outcome: string });
    expect(lines.map((line) => [line.run, line.created, line.outcome])).toEqual([
      [1, planned, 'completed'],
      [2, 0, 'completed'],
    ]);
    expect(created()).toHaveLength(planned);
  });

  it('finishes the task in flight on SIGTERM and loses or doubles nothing', async () => {
    const state = join(tempDir(), 'state.db');
    server.faults.add({ method: 'POST', path: '/crm/tasks', kind: 'latency', ms: 150, times: 1_000 });
    const loop = spawnCli(['run', '--every', '1h', '--data', EXAMPLE, '--state', state], env());
    let posts = 0;
    await new Promise<void>((resolve) => {
      const listener = (request: RecordedRequest) => {
        if (request.method !== 'POST' || ++posts < 6) return;
        server.off('request', listener);
        loop.child.kill('SIGTERM');
        resolve();
      };
      server.on('request', listener);
    });
    const stopped = await loop.result;

    expect(stopped.code).toBe(0);
    expect(stopped.signal).toBeNull();
    expect(stopped.stdout).toContain('Stopped after a signal');
    // The sixth create was in flight when the signal came: it completes, and nothing after it starts.
    expect(created()).toHaveLength(6);
    const sent = server.requests.filter((request) => request.method === 'POST' && request.path === '/crm/tasks');
    expect(sent.map((request) => request.status)).toEqual([201, 201, 201, 201, 201, 201]);

    server.faults.clear();
    const rest = await runCli(['apply', '--data', EXAMPLE, '--state', state], env());
    expect(rest.code).toBe(0);
    const markers = created().map((task) => /\[followup:(fu-[0-9a-f]{20})\]/.exec(task.notes ?? '')![1]);
    expect(markers).toHaveLength(planned);
    expect(new Set(markers).size).toBe(planned);
  });

  it('counts tasks, not stops, as failed in runs.jsonl', async () => {
    const dir = tempDir();
    server.faults.add({ method: 'POST', path: '/crm/tasks', kind: 'status', status: 400, body: { code: 'invalid_parameter', message: 'date is invalid' } });
    server.faults.add({ method: 'POST', path: '/crm/tasks', kind: 'status', status: 429, times: Infinity, headers: { 'retry-after': '0' }, body: { code: 'too_many_requests', message: 'slow down' } });
    const result = await runCli(['run', '--every', '1s', '--runs', '1', '--data', EXAMPLE, '--state', join(dir, 'state.db')], env());

    expect(result.code).toBe(1);
    const [line] = readFileSync(join(dir, 'runs.jsonl'), 'utf8').trim().split('\n').map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(line).toMatchObject({ outcome: 'completed', ok: false, failed: 1, rejected: 1, stopped: 'rateLimit' });
    expect(result.stdout).toContain('rejected tasks waiting in the outbox: 1');
  });

  it('rejects an interval under a second', async () => {
    const result = await runCli(['run', '--every', '0s', '--data', EXAMPLE, '--state', join(tempDir(), 'state.db')], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--every must be at least 1s');
  });

  it('stops at once when the API key is missing instead of failing every tick', async () => {
    const dir = tempDir();
    const result = await runCli(['run', '--every', '1s', '--data', EXAMPLE, '--state', join(dir, 'state.db')], { FOLLOWUP_LOG_LEVEL: 'warn' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/run 1 at .*: stopped, .*BREVO_API_KEY/);
    expect(result.stdout).not.toContain('run 2');
  });

  it('needs exactly one of --every and --cron, and a valid cron expression', async () => {
    const none = await runCli(['run', '--data', EXAMPLE]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--every');
    const bad = await runCli(['run', '--cron', 'every tuesday', '--data', EXAMPLE]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('every tuesday');
  });
});
