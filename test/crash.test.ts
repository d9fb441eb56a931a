/**
 * Exactly-once under `kill -9` and under concurrent runs: the real binary
 * against the Brevo-compatible server in this process. Each scenario kills
 * one or more applies at chosen requests, then runs apply to the end, and
 * checks that Brevo holds exactly one task per planned key.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makePlan } from '../src/plan/make-plan.js';
import { seedFromDirectory, startBrevoServer, type BrevoServer } from './brevo-server/server.js';
import { EXAMPLE, keysNotExactlyOnce, RULES } from './support/apply-env.js';
import { tempDir } from './support/cli.js';
import { killAt, spawnCli, type KillPoint } from './support/spawn.js';

const API_KEY = 'crash-test-key-91d2';
const TASKS = '/crm/tasks';

let server: BrevoServer;
let plannedKeys: string[];
let seededTaskCount: number;

beforeAll(async () => {
  server = await startBrevoServer({ apiKey: API_KEY, seed: await seedFromDirectory(EXAMPLE) });
  seededTaskCount = server.tasks().length;
  const run = await makePlan({ rulesDir: RULES, dataDir: EXAMPLE, lang: 'en', statePath: join(tempDir(), 'none.db') });
  if (!run.ok) throw new Error('rules invalid');
  plannedKeys = run.plan.items.filter((item) => item.action === 'create').map((item) => item.key);
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

const env = () => ({ BREVO_API_URL: server.url, BREVO_API_KEY: API_KEY, FOLLOWUP_LOG_LEVEL: 'warn', FOLLOWUP_REQUEST_TIMEOUT: '1s' });
const applyArgs = (state: string, ...extra: string[]) => ['apply', '--data', EXAMPLE, '--state', state, ...extra];
const createdCount = () => server.tasks().length - seededTaskCount;

async function killedApply(state: string, point: KillPoint): Promise<boolean> {
  return killAt(server, spawnCli(applyArgs(state), env()), point);
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

function firstPost(): Promise<void> {
  return new Promise((resolve) => {
    const listener = (request: { method: string }): void => {
      if (request.method !== 'POST') return;
      server.off('request', listener);
      resolve();
    };
    server.on('request', listener);
  });
}

async function finishingApply(state: string) {
  const result = await spawnCli(applyArgs(state), env()).result;
  expect(result.code, result.stderr).toBe(0);
  return result;
}

function expectExactlyOnce(): void {
  expect(keysNotExactlyOnce(server, plannedKeys)).toEqual({});
  expect(createdCount()).toBe(plannedKeys.length);
}

const post = (nth: number, latencyMs?: number): KillPoint => ({ event: 'request', method: 'POST', path: TASKS, nth, ...(latencyMs ? { latencyMs } : {}) });
const posted = (nth: number): KillPoint => ({ event: 'response', method: 'POST', path: TASKS, nth });
const get = (path: string, nth = 1): KillPoint => ({ event: 'request', method: 'GET', path, nth });

describe('apply killed with SIGKILL, then run again', () => {
  it('plans more than a handful of tasks to crash between', () => {
    expect(plannedKeys.length).toBeGreaterThan(20);
  });

  // Each row kills one run after another at the points listed, then lets a run finish.
  const scenarios: [string, (count: number) => KillPoint[]][] = [
    ['during the task type lookup', () => [get('/crm/tasktypes')]],
    ['while the first POST is in flight', () => [post(1, 150)]],
    ['after the first POST was answered', () => [posted(1)]],
    ['as the seventh POST arrives', () => [post(7)]],
    ['while the twelfth POST is in flight', () => [post(12, 150)]],
    ['after the twentieth POST was answered', () => [posted(20)]],
    ['while the last POST is in flight', (count) => [post(count, 150)]],
    ['twice: mid-send, then during the marker search', () => [post(3, 100), get(TASKS)]],
    ['twice: after a response, then mid-send again', () => [posted(5), post(2, 100)]],
    ['three times in a row at the first POST', () => [post(1, 100), post(1, 100), post(1)]],
    // Brevo stores this task 1.5 s after the kill, when the next run has long started: longer than the request timeout, shorter than the grace.
    ['while a slow POST is in flight that Brevo stores after the next run started', () => [post(4, 1_500)]],
  ];

  for (const [name, pointsFor] of scenarios) {
    it(name, async () => {
      const state = join(tempDir(), 'state.db');
      for (const point of pointsFor(plannedKeys.length)) {
        const killed = await killedApply(state, point);
        expect(killed, `kill point ${JSON.stringify(point)} was reached`).toBe(true);
      }
      await finishingApply(state);
      expectExactlyOnce();
    });
  }

  it('at a fixed delay after the first request', async () => {
    const state = join(tempDir(), 'state.db');
    for (const delayMs of [2, 25, 60]) {
      const run = spawnCli(applyArgs(state), env());
      let listener = (): void => undefined;
      const firstRequest = new Promise<void>((resolve) => (listener = resolve));
      server.on('request', listener);
      await Promise.race([firstRequest, run.result]);
      server.off('request', listener);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      run.child.kill('SIGKILL');
      await run.result;
    }
    await finishingApply(state);
    expectExactlyOnce();

    const again = await finishingApply(state);
    expect(again.stdout).toMatch(/\n0 created, 0 adopted/);
    expectExactlyOnce();
  });

  it('keeps the grace period of the run that sent the POST', async () => {
    const state = join(tempDir(), 'state.db');
    // The killed run waits 5 s for a response, and Brevo stores its POST after 4.5 s.
    const slowRun = spawnCli(applyArgs(state), { ...env(), FOLLOWUP_REQUEST_TIMEOUT: '5s' });
    expect(await killAt(server, slowRun, post(2, 4_500))).toBe(true);
    const storedBy = Date.now() + 4_500;
    // This run's own grace, twice its 1 s timeout, would end before Brevo stores the task.
    await finishingApply(state);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, storedBy + 200 - Date.now())));
    expectExactlyOnce();
  });

  it('with an unconfirmed POST before the crash', async () => {
    const state = join(tempDir(), 'state.db');
    server.faults.add({ method: 'POST', path: TASKS, kind: 'resetAfterCreate' });
    expect(await killedApply(state, post(6, 100))).toBe(true);
    await finishingApply(state);
    expectExactlyOnce();
  });
});

describe('two applies on the same state store', () => {
  it('the second exits with a clear message while the first runs', async () => {
    const state = join(tempDir(), 'state.db');
    const release = deferred();
    server.faults.add({ method: 'POST', path: TASKS, kind: 'hold', release: release.promise });
    const first = spawnCli(applyArgs(state), env());
    await firstPost();

    const second = await spawnCli(applyArgs(state), env()).result;
    release.resolve();
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('Another followup run holds the lock');
    expect(second.stderr).toContain(state);
    expect(second.stdout).toBe('');

    expect((await first.result).code).toBe(0);
    expectExactlyOnce();
  });

  it('the second waits with --lock-wait and then creates nothing', async () => {
    const state = join(tempDir(), 'state.db');
    const release = deferred();
    server.faults.add({ method: 'POST', path: TASKS, kind: 'hold', release: release.promise });
    const first = spawnCli(applyArgs(state), env());
    await firstPost();

    // The first run holds the lock from before its first POST until it ends, whenever the hold is released.
    const second = spawnCli(applyArgs(state, '--lock-wait', '30s'), env());
    setTimeout(() => release.resolve(), 1_500);
    const [firstResult, secondResult] = await Promise.all([first.result, second.result]);
    expect(firstResult.code).toBe(0);
    expect(secondResult.code, secondResult.stderr).toBe(0);
    expect(secondResult.stdout).toMatch(/\n0 created, 0 adopted/);
    expectExactlyOnce();
  });

  it('started at the same instant, they never send a key twice', async () => {
    const state = join(tempDir(), 'state.db');
    const runs = [spawnCli(applyArgs(state), env()), spawnCli(applyArgs(state), env())];
    const results = await Promise.all(runs.map((run) => run.result));
    expect(results.some((result) => result.code === 0)).toBe(true);
    for (const result of results) {
      if (result.code !== 0) expect(result.stderr).toContain('Another followup run holds the lock');
    }
    expectExactlyOnce();
  });
});
