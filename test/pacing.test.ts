/**
 * The client against rate limits and failing reads: pacing by the
 * `x-sib-ratelimit-*` headers, waiting for the reset or `Retry-After` after
 * a 429, a saved window from an earlier run, the run budget with its stop
 * and deadline, and retries with backoff. Real HTTP to the test server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BudgetSpentError, RunBudget } from '../src/brevo/budget.js';
import { sleepUnlessAborted } from '../src/time/sleep.js';
import { BrevoClient } from '../src/brevo/client.js';
import { BrevoApiError } from '../src/brevo/errors.js';
import { RateLimitPacer } from '../src/brevo/rate-limit.js';
import type { RetryOptions } from '../src/brevo/retry.js';
import { DEFAULT_TASK_TYPES, startBrevoServer, type BrevoServer, type BrevoServerOptions } from './brevo-server/server.js';
import { FAST_RETRY } from './support/apply-env.js';

const API_KEY = 'pacing-test-key';
const servers: BrevoServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: BrevoServerOptions = {}): Promise<BrevoServer> {
  const server = await startBrevoServer({ apiKey: API_KEY, ...options });
  servers.push(server);
  return server;
}

function client(server: BrevoServer, extra: { budget?: RunBudget; timeoutMs?: number; pacer?: RateLimitPacer; retry?: RetryOptions } = {}): BrevoClient {
  return new BrevoClient({ apiKey: API_KEY, baseUrl: server.url, retry: FAST_RETRY, timeoutMs: extra.timeoutMs ?? 2_000, ...extra });
}

/** A pacer on a clock that moves only when it sleeps, recording each wait it computes. */
function recordingPacer(): { pacer: RateLimitPacer; waits: number[]; clock: () => number } {
  const waits: number[] = [];
  let now = 1_000_000;
  const clock = () => now;
  const pacer = new RateLimitPacer({
    clock,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  });
  return { pacer, waits, clock };
}

/** Creates a pacer that really sleeps. `waiting` resolves with the length of its first wait once that wait starts. */
function watchedPacer(): { pacer: RateLimitPacer; waiting: Promise<number> } {
  let started: (ms: number) => void = () => undefined;
  const waiting = new Promise<number>((resolve) => (started = resolve));
  const pacer = new RateLimitPacer({
    sleep: (ms, signal) => {
      started(ms);
      return sleepUnlessAborted(ms, signal);
    },
  });
  return { pacer, waiting };
}

/** Headers that blank out the test server's rate-limit headers, as a 429 from a proxy or gateway would lack them. */
const NO_RATE_LIMIT_HEADERS = { 'x-sib-ratelimit-limit': '', 'x-sib-ratelimit-remaining': '', 'x-sib-ratelimit-reset': '' };

const statuses = (server: BrevoServer) => server.requests.map((request) => request.status);
const validTask = () => ({ name: 'Call Anna', taskTypeId: DEFAULT_TASK_TYPES[1]!.id, date: '2026-12-02T09:00:00.000Z' });

describe('pacing by rate-limit headers', () => {
  it('spends each window without a 429', async () => {
    const server = await start({ rateLimit: { limit: 4, windowSeconds: 1 } });
    const brevo = client(server);
    for (let i = 0; i < 10; i++) await brevo.getTaskTypes();

    expect(statuses(server).filter((status) => status === 429)).toEqual([]);
    const windows = server.rateLimitWindows();
    expect(windows.length).toBeGreaterThanOrEqual(3);
    expect(windows.every((window) => window.accepted <= 4 && window.rejected === 0)).toBe(true);
    expect(windows.reduce((sum, window) => sum + window.accepted, 0)).toBe(10);
    expect(brevo.requests).toBe(10);
  });

  it('waits for the reset after a 429 when headers hide the limit', async () => {
    const server = await start({ rateLimit: { limit: 3, windowSeconds: 1 }, honestHeaders: false });
    const brevo = client(server);
    for (let i = 0; i < 7; i++) await brevo.getTaskTypes();

    const rateLimited = statuses(server).filter((status) => status === 429).length;
    expect(rateLimited).toBeGreaterThan(0);
    // One 429 per spent window at most: after it the pacer waits for the reset.
    expect(rateLimited).toBeLessThanOrEqual(server.rateLimitWindows().length);
    expect(brevo.requests).toBe(7 + rateLimited);
  });

  it('waits for the reset a 429 states', async () => {
    const server = await start();
    server.faults.add({
      kind: 'status',
      status: 429,
      path: '/crm/tasktypes',
      headers: { 'x-sib-ratelimit-limit': '10', 'x-sib-ratelimit-remaining': '0', 'x-sib-ratelimit-reset': '1' },
    });
    const { pacer, waits } = recordingPacer();
    const response = await client(server, { pacer }).getTaskTypes();

    expect(response.data).toEqual(DEFAULT_TASK_TYPES);
    expect(statuses(server)).toEqual([429, 200]);
    expect(waits).toEqual([1000]);
  });

  it('retries a create that got 429, and creates it once', async () => {
    const server = await start();
    server.faults.add({ kind: 'status', status: 429, method: 'POST', headers: { 'x-sib-ratelimit-remaining': '0', 'x-sib-ratelimit-reset': '1' } });
    const id = await client(server).createTask({ ...validTask(), done: false, assignToId: 'anna@example.com', dealsIds: [], companiesIds: [], contactsIds: [] });

    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(statuses(server)).toEqual([429, 201]);
    expect(server.tasks()).toHaveLength(1);
  });

  it('keeps the contacts bucket apart from the CRM bucket', async () => {
    const server = await start({ contactsRateLimit: { limit: 2, windowSeconds: 60 } });
    const brevo = client(server, { budget: new RunBudget({ maxDurationMs: 20_000 }) });
    await brevo.listContacts({ offset: 0, limit: 10 });
    await brevo.listContacts({ offset: 10, limit: 10 });
    // The contacts window is spent, but CRM requests need not wait for it.
    await brevo.getTaskTypes();
    await brevo.listDeals({ offset: 0, limit: 10 });

    await expect(brevo.listContacts({ offset: 20, limit: 10 })).rejects.toBeInstanceOf(BudgetSpentError);
    expect(server.rateLimitWindows('contacts').map((window) => window.accepted)).toEqual([2]);
    expect(statuses(server).filter((status) => status === 429)).toEqual([]);
  });
});

describe('429 without rate-limit headers', () => {
  it('waits for Retry-After seconds, not a stale reset', async () => {
    const server = await start({ rateLimit: { limit: 100, windowSeconds: 3600 } });
    const { pacer, waits } = recordingPacer();
    const brevo = client(server, { pacer });
    // This response states a reset an hour away.
    await brevo.getTaskTypes();
    server.faults.add({ kind: 'status', status: 429, path: '/crm/tasktypes', headers: { ...NO_RATE_LIMIT_HEADERS, 'retry-after': '7' } });
    await brevo.getTaskTypes();

    expect(statuses(server)).toEqual([200, 429, 200]);
    expect(waits).toEqual([7_000]);
  });

  it('waits for a Retry-After date by the server clock', async () => {
    const serverNow = Date.UTC(2026, 0, 5, 9, 0, 0);
    const server = await start({ now: () => serverNow });
    server.faults.add({
      kind: 'status',
      status: 429,
      path: '/crm/tasktypes',
      headers: { ...NO_RATE_LIMIT_HEADERS, 'retry-after': new Date(serverNow + 10_000).toUTCString() },
    });
    const { pacer, waits } = recordingPacer();
    await client(server, { pacer }).getTaskTypes();

    expect(statuses(server)).toEqual([429, 200]);
    expect(waits).toEqual([10_000]);
  });

  it('backs off instead of waiting for a stale reset', async () => {
    const server = await start({ rateLimit: { limit: 100, windowSeconds: 3600 } });
    const { pacer, waits } = recordingPacer();
    const brevo = client(server, { pacer });
    await brevo.getTaskTypes();
    server.faults.add({ kind: 'status', status: 429, path: '/crm/tasktypes', headers: NO_RATE_LIMIT_HEADERS });
    await brevo.getTaskTypes();

    expect(statuses(server)).toEqual([200, 429, 200]);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeLessThanOrEqual(FAST_RETRY.maxDelayMs!);
  });
});

describe('window saved by an earlier run', () => {
  it('waits for its reset before the first request', async () => {
    const server = await start();
    const { pacer, waits, clock } = recordingPacer();
    pacer.resume({ bucket: 'crm', limit: 10, remaining: 0, windowSeconds: 60, observedAt: clock() - 30_000, resetAt: clock() + 30_000 });
    await client(server, { pacer }).getTaskTypes();

    expect(waits).toEqual([30_000]);
    expect(statuses(server)).toEqual([200]);
  });

  it('is ignored once it has reset', async () => {
    const server = await start();
    const { pacer, waits, clock } = recordingPacer();
    pacer.resume({ bucket: 'crm', limit: 10, remaining: 0, windowSeconds: 60, observedAt: clock() - 60_000, resetAt: clock() - 1 });
    await client(server, { pacer }).getTaskTypes();

    expect(waits).toEqual([]);
    expect(statuses(server)).toEqual([200]);
  });
});

describe('run budget', () => {
  it('stops before a wait that would pass the deadline', async () => {
    const server = await start({ rateLimit: { limit: 2, windowSeconds: 60 } });
    const brevo = client(server, { budget: new RunBudget({ maxDurationMs: 20_000 }) });
    await brevo.getTaskTypes();
    await brevo.getTaskTypes();

    const error = await brevo.getTaskTypes().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetSpentError);
    expect((error as BudgetSpentError).kind).toBe('duration');
    expect(server.requests).toHaveLength(2);
  });

  it('counts every attempt, retries included', async () => {
    const server = await start();
    server.faults.add({ kind: 'status', status: 503, path: '/crm/tasktypes', times: 3 });
    const brevo = client(server, { budget: new RunBudget({ maxRequests: 2 }) });

    const error = await brevo.getTaskTypes().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetSpentError);
    expect((error as BudgetSpentError).kind).toBe('requests');
    expect(server.requests).toHaveLength(2);
    expect(brevo.requests).toBe(2);
  });
});

describe('run budget before a wait', () => {
  it('stops at a spent request budget without waiting', async () => {
    const server = await start({ rateLimit: { limit: 1, windowSeconds: 60 } });
    const { pacer, waits } = recordingPacer();
    const brevo = client(server, { pacer, budget: new RunBudget({ maxRequests: 1 }) });
    await brevo.getTaskTypes();

    const error = await brevo.getTaskTypes().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetSpentError);
    expect((error as BudgetSpentError).kind).toBe('requests');
    expect(waits).toEqual([]);
  });
});

describe('stop during a wait', () => {
  it('ends a wait for the window reset', async () => {
    const server = await start({ rateLimit: { limit: 1, windowSeconds: 600 } });
    const budget = new RunBudget();
    const { pacer, waiting } = watchedPacer();
    const brevo = client(server, { pacer, budget });
    await brevo.getTaskTypes();

    const pending = brevo.getTaskTypes().catch((caught: unknown) => caught);
    expect(await waiting).toBeGreaterThan(60_000);
    budget.stop();
    const error = await pending;
    expect(error).toBeInstanceOf(BudgetSpentError);
    expect((error as BudgetSpentError).kind).toBe('signal');
    expect(server.requests).toHaveLength(1);
  });

  it('ends the backoff before a retry', async () => {
    const server = await start();
    server.faults.add({ kind: 'status', status: 503, path: '/crm/tasktypes' });
    const budget = new RunBudget();
    const { pacer, waiting } = watchedPacer();
    const brevo = client(server, { pacer, budget, retry: { baseDelayMs: 60_000, maxDelayMs: 600_000 } });

    const pending = brevo.getTaskTypes().catch((caught: unknown) => caught);
    expect(await waiting).toBeGreaterThanOrEqual(60_000);
    budget.stop();
    const error = await pending;
    expect(error).toBeInstanceOf(BudgetSpentError);
    expect((error as BudgetSpentError).kind).toBe('signal');
    expect(statuses(server)).toEqual([503]);
  });
});

describe('deadline of the run', () => {
  it('sends nothing with less than a second left', async () => {
    const server = await start();
    const brevo = client(server, { budget: new RunBudget({ maxDurationMs: 500 }) });

    const error = await brevo.getTaskTypes().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetSpentError);
    expect((error as BudgetSpentError).kind).toBe('duration');
    expect(server.requests).toHaveLength(0);
  });

  it('cuts a hanging read short of its timeout', async () => {
    const server = await start();
    server.faults.add({ kind: 'hang', path: '/crm/tasktypes' });
    // The timeout outlasts the test; only the deadline can end the request.
    const brevo = client(server, { timeoutMs: 120_000, budget: new RunBudget({ maxDurationMs: 1_500 }) });

    const error = await brevo.getTaskTypes().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetSpentError);
    expect((error as BudgetSpentError).kind).toBe('duration');
    expect(server.requests).toHaveLength(1);
  });

  it('leaves a cut create with an unknown outcome', async () => {
    const server = await start();
    server.faults.add({ kind: 'hangAfterCreate' });
    const brevo = client(server, { timeoutMs: 120_000, budget: new RunBudget({ maxDurationMs: 1_500 }) });
    const body = { ...validTask(), done: false, assignToId: 'anna@example.com', dealsIds: [], companiesIds: [], contactsIds: [] };

    const error = await brevo.createTask(body).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BrevoApiError);
    expect((error as BrevoApiError).kind).toBe('timeout');
    expect((error as BrevoApiError).outcomeUnknown).toBe(true);
    expect((error as BrevoApiError).message).toContain('time budget');
    expect(server.tasks()).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });
});

describe('retries of reads', () => {
  it('retries a burst of 5xx until it passes', async () => {
    const server = await start();
    server.faults.add({ kind: 'status', status: 503, path: '/crm/deals', times: 2 });
    server.faults.add({ kind: 'status', status: 502, path: '/crm/deals', times: 1 });
    const response = await client(server).listDeals({ offset: 0, limit: 10 });

    expect(response.data).toEqual({ items: [] });
    expect(statuses(server)).toEqual([503, 503, 502, 200]);
  });

  it('gives up after the retries with a BrevoApiError', async () => {
    const server = await start();
    server.faults.add({ kind: 'status', status: 500, path: '/crm/deals', times: Infinity });
    const error = await client(server).listDeals({ offset: 0, limit: 10 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BrevoApiError);
    expect((error as BrevoApiError).status).toBe(500);
    expect(server.requests).toHaveLength(5);
  });

  it('retries a reset connection', async () => {
    const server = await start();
    server.faults.add({ kind: 'reset', path: '/crm/tasktypes', times: 2 });
    await client(server).getTaskTypes();
    expect(server.requests.map((request) => request.fault ?? request.status)).toEqual(['reset', 'reset', 200]);
  });

  it('times out a hanging read and retries it', async () => {
    const server = await start();
    server.faults.add({ kind: 'hang', path: '/crm/tasktypes' });
    const response = await client(server, { timeoutMs: 500 }).getTaskTypes();
    expect(response.data).toEqual(DEFAULT_TASK_TYPES);
    expect(server.requests.map((request) => request.fault ?? request.status)).toEqual(['hang', 200]);
  });

  it('ends a response whose body stalls after the headers', async () => {
    const server = await start();
    server.faults.add({ kind: 'stallBody', path: '/crm/tasktypes' });
    const response = await client(server, { timeoutMs: 500 }).getTaskTypes();
    expect(response.data).toEqual(DEFAULT_TASK_TYPES);
    expect(server.requests).toHaveLength(2);
  });

  it('reports a refused connection as a network error', async () => {
    const server = await start();
    const url = server.url;
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const brevo = new BrevoClient({ apiKey: API_KEY, baseUrl: url, retry: FAST_RETRY });

    const error = await brevo.getTaskTypes().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BrevoApiError);
    expect((error as BrevoApiError).kind).toBe('network');
    expect((error as BrevoApiError).message).toContain('ECONNREFUSED');
    expect(brevo.requests).toBe(5);
  });
});

describe('creates whose outcome is unknown', () => {
  it('are not sent again by the client', async () => {
    const server = await start();
    server.faults.add({ kind: 'status', status: 503, method: 'POST' });
    const body = { ...validTask(), done: false, assignToId: 'anna@example.com', dealsIds: [], companiesIds: [], contactsIds: [] };
    const error = await client(server).createTask(body).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BrevoApiError);
    expect((error as BrevoApiError).outcomeUnknown).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('include a timeout after the request was sent', async () => {
    const server = await start();
    server.faults.add({ kind: 'hangAfterCreate' });
    const body = { ...validTask(), done: false, assignToId: 'anna@example.com', dealsIds: [], companiesIds: [], contactsIds: [] };
    const error = await client(server, { timeoutMs: 500 }).createTask(body).catch((caught: unknown) => caught);

    expect((error as BrevoApiError).kind).toBe('timeout');
    expect((error as BrevoApiError).outcomeUnknown).toBe(true);
    expect(server.tasks()).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });
});
