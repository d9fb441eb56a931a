/**
 * Apply under injected faults: each run plans the example account and
 * applies it against the test server, and every test checks that Brevo ends
 * up with exactly one task per planned key.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StateStore } from '../src/state/store.js';
import { seedFromDirectory, startBrevoServer, type BrevoServer } from './brevo-server/server.js';
import { EXAMPLE, keysNotExactlyOnce, planAndApply } from './support/apply-env.js';
import { tempDir } from './support/cli.js';

const API_KEY = 'faults-test-key-2b7e';
const TASKS = '/crm/tasks';

let server: BrevoServer;
let seededTasks: number;

beforeAll(async () => {
  server = await startBrevoServer({ apiKey: API_KEY, seed: await seedFromDirectory(EXAMPLE) });
  seededTasks = server.tasks().length;
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

// Long enough that a loaded machine does not time out healthy requests, short enough for the hang faults.
const settings = { apiKey: API_KEY, timeoutMs: 1_000 };
const createdTasks = () => server.tasks().length - seededTasks;
const postsSent = () => server.requests.filter((request) => request.method === 'POST').length;
const searches = () => server.requests.filter((request) => request.method === 'GET' && request.path === TASKS);

function expectExactlyOnce(keys: string[]): void {
  expect(keysNotExactlyOnce(server, keys)).toEqual({});
  expect(createdTasks()).toBe(keys.length);
}

const plannedKeys = (plan: { items: { key: string; action: string }[] }) => plan.items.filter((item) => item.action === 'create').map((item) => item.key);

describe('apply under faults', () => {
  it('creates each task once through a burst of 5xx on create', async () => {
    server.faults.add({ kind: 'status', status: 503, method: 'POST', path: TASKS, times: 3 });
    const { plan, report } = await planAndApply(server, join(tempDir(), 'state.db'), settings);

    expect(report.created).toBe(plan.summary.create);
    expect(report.stopped).toBeUndefined();
    // A 5xx may come after Brevo stored the task, so each retry searched first.
    expect(searches()).toHaveLength(3);
    expect(postsSent()).toBe(plan.summary.create + 3);
    expectExactlyOnce(plannedKeys(plan));
  });

  it('retries a burst of 5xx on the task type lookup', async () => {
    server.faults.add({ kind: 'status', status: 500, method: 'GET', path: '/crm/tasktypes', times: 2 });
    const { plan, report } = await planAndApply(server, join(tempDir(), 'state.db'), settings);

    expect(report.created).toBe(plan.summary.create);
    expect(report.requests).toBe(plan.summary.requests + 2);
    expectExactlyOnce(plannedKeys(plan));
  });

  it('sends again after a reset once the search finds nothing', async () => {
    server.faults.add({ kind: 'reset', method: 'POST', path: TASKS, times: 2 });
    const { plan, report } = await planAndApply(server, join(tempDir(), 'state.db'), settings);

    expect(report.created).toBe(plan.summary.create);
    expect(report.adopted).toBe(0);
    expectExactlyOnce(plannedKeys(plan));
  });

  it('adopts tasks stored before the connection reset', async () => {
    server.faults.add({ kind: 'resetAfterCreate', times: 3 });
    const { plan, report } = await planAndApply(server, join(tempDir(), 'state.db'), settings);

    expect(report.adopted).toBe(3);
    expect(report.created).toBe(plan.summary.create - 3);
    expectExactlyOnce(plannedKeys(plan));
  });

  it('sends again after a timeout before the task was stored', async () => {
    server.faults.add({ kind: 'hang', method: 'POST', path: TASKS });
    const { plan, report } = await planAndApply(server, join(tempDir(), 'state.db'), settings);

    expect(report.created).toBe(plan.summary.create);
    expect(server.requests.filter((request) => request.fault === 'hang')).toHaveLength(1);
    expectExactlyOnce(plannedKeys(plan));
  });

  it('adopts a task stored before the timeout', async () => {
    server.faults.add({ kind: 'hangAfterCreate' });
    const { plan, report } = await planAndApply(server, join(tempDir(), 'state.db'), settings);

    expect(report.adopted).toBe(1);
    expectExactlyOnce(plannedKeys(plan));
  });

  it('adopts a task whose response body stalled', async () => {
    server.faults.add({ kind: 'stallBody', method: 'POST', path: TASKS });
    const { plan, report } = await planAndApply(server, join(tempDir(), 'state.db'), settings);

    expect(report.adopted).toBe(1);
    expectExactlyOnce(plannedKeys(plan));
  });

  it('waits out a 429 on create with headers and creates once', async () => {
    server.faults.add({
      kind: 'status',
      status: 429,
      method: 'POST',
      path: TASKS,
      headers: { 'x-sib-ratelimit-remaining': '0', 'x-sib-ratelimit-reset': '1' },
    });
    const { plan, report } = await planAndApply(server, join(tempDir(), 'state.db'), settings);

    expect(report.created).toBe(plan.summary.create);
    expect(searches()).toHaveLength(0);
    expectExactlyOnce(plannedKeys(plan));
  });

  it('counts the grace period from a retry sent after Retry-After', async () => {
    // The first POST meets a 429; the retry leaves a second later and Brevo stores it 1.5 s after that, past the 1 s timeout.
    server.faults.add({ method: 'POST', path: TASKS, kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: { code: 'too_many_requests', message: 'slow down' } });
    server.faults.add({ method: 'POST', path: TASKS, kind: 'latency', ms: 1_500 });
    const { plan, report } = await planAndApply(server, join(tempDir(), 'state.db'), settings);

    expect(report.adopted).toBe(1);
    expectExactlyOnce(plannedKeys(plan));
  });

  it('stops on a server that never answers, and the next run finishes', async () => {
    const state = join(tempDir(), 'state.db');
    server.faults.add({ kind: 'hang', method: 'POST', path: TASKS, times: Infinity });
    const first = await planAndApply(server, state, settings, { createAttempts: 2 });

    expect(first.report.stopped).toBe('unavailable');
    expect(first.report.pending).toBe(first.plan.summary.create);
    const store = StateStore.openForWrite(state);
    expect(store.outbox().filter((entry) => entry.status === 'sending')).toHaveLength(1);
    store.close();

    server.faults.clear();
    const second = await planAndApply(server, state, settings);
    expect(second.report.stopped).toBeUndefined();
    expect(second.report.created).toBe(first.plan.summary.create);
    expectExactlyOnce(plannedKeys(first.plan));
  });

  it('stops on a refused connection without losing work', async () => {
    const state = join(tempDir(), 'state.db');
    const closed = await startBrevoServer({ apiKey: API_KEY });
    await closed.close();
    const first = await planAndApply(closed, state, settings);

    expect(first.report.stopped).toBe('unavailable');
    expect(first.report.stopMessage).toContain('ECONNREFUSED');
    expect(first.report.pending).toBe(first.plan.summary.create);

    const second = await planAndApply(server, state, settings);
    expect(second.report.created).toBe(first.plan.summary.create);
    expectExactlyOnce(plannedKeys(first.plan));
  });

  it('keeps the unconfirmed entry when the marker search fails', async () => {
    const state = join(tempDir(), 'state.db');
    server.faults.add({ kind: 'resetAfterCreate' });
    server.faults.add({ kind: 'status', status: 500, method: 'GET', path: TASKS, times: Infinity });
    const first = await planAndApply(server, state, settings);

    expect(first.report.stopped).toBe('unavailable');
    expect(createdTasks()).toBe(1);

    server.faults.clear();
    const second = await planAndApply(server, state, settings);
    expect(second.report.adopted).toBe(1);
    expectExactlyOnce(plannedKeys(first.plan));
  });
});
