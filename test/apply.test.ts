import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BrevoClient } from '../src/brevo/client.js';
import { applyPlan } from '../src/execute/apply.js';
import { silentLogger } from '../src/log/logger.js';
import { makePlan } from '../src/plan/make-plan.js';
import { StateStore } from '../src/state/store.js';
import { startBrevoServer, type BrevoServer } from './brevo-server/server.js';
import { ROOT, tempDir } from './support/cli.js';

const EXAMPLE = join(ROOT, 'examples/crm');
const RULES = join(ROOT, 'rules');
const API_KEY = 'apply-test-key-6f1c';

let server: BrevoServer;

beforeAll(async () => {
  server = await startBrevoServer({ apiKey: API_KEY });
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

async function planAndApply(statePath: string, options: { maxRequests?: number } = {}) {
  const run = await makePlan({ rulesDir: RULES, dataDir: EXAMPLE, lang: 'en', statePath });
  if (!run.ok) throw new Error(`rules invalid: ${JSON.stringify(run.diagnostics)}`);
  const store = StateStore.openForWrite(statePath);
  try {
    const client = new BrevoClient({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 2_000 });
    const report = await applyPlan(run.plan, { store, client, logger: silentLogger, seen: run.seen, ...options });
    return { plan: run.plan, report };
  } finally {
    store.close();
  }
}

const posts = () => server.requests.filter((request) => request.method === 'POST');

describe('apply against the Brevo-compatible server', () => {
  it('creates exactly the planned tasks, with the planned bodies', async () => {
    const { plan, report } = await planAndApply(join(tempDir(), 'state.db'));

    expect(plan.summary.create).toBeGreaterThan(20);
    expect(report.created).toBe(plan.summary.create);
    expect(report.failed).toBe(0);
    expect(report.requests).toBe(plan.summary.requests);
    const stored = server.tasks();
    expect(stored).toHaveLength(plan.summary.create);
    for (const item of plan.items) {
      const task = stored.find((candidate) => candidate.notes?.includes(`[followup:${item.key}]`));
      expect(task, item.key).toBeDefined();
      expect(task!.name).toBe(item.task.name);
      expect(task!.date).toBe(item.task.date);
      expect(task!.duration).toBe(item.task.duration);
      expect(task!.dealsIds).toEqual(item.task.dealsIds);
    }
  });

  it('creates nothing on a second apply of the same inputs', async () => {
    const state = join(tempDir(), 'state.db');
    const first = await planAndApply(state);
    const postsAfterFirst = posts().length;

    const second = await planAndApply(state);
    // Stage entries are now in the mirror and do not fire again; date and
    // event occurrences still do, and the ledger marks them as existing.
    expect(second.plan.summary.create).toBe(0);
    expect(second.plan.summary.exists).toBeGreaterThan(0);
    expect(second.report.created).toBe(0);
    expect(second.report.requests).toBe(0);
    expect(posts().length).toBe(postsAfterFirst);
    expect(server.tasks()).toHaveLength(first.plan.summary.create);
  });

  it('fails one task with Brevo\'s 400 message and still sends the rest', async () => {
    server.faults.add({
      method: 'POST',
      path: '/crm/tasks',
      kind: 'status',
      status: 400,
      body: { code: 'invalid_parameter', message: 'Not valid data.' },
    });
    const { plan, report } = await planAndApply(join(tempDir(), 'state.db'));

    expect(report.failed).toBe(1);
    expect(report.created).toBe(plan.summary.create - 1);
    const failure = report.results.find((result) => result.outcome === 'failed')!;
    expect(failure.error).toBe('Not valid data.');
    expect(failure.status).toBe(400);
    expect(server.tasks()).toHaveLength(plan.summary.create - 1);
  });

  it('retries a failed task on the next apply and creates it once', async () => {
    const state = join(tempDir(), 'state.db');
    server.faults.add({ method: 'POST', path: '/crm/tasks', kind: 'status', status: 400, body: { code: 'invalid_parameter', message: 'Not valid data.' } });
    const first = await planAndApply(state);
    const second = await planAndApply(state);

    expect(second.report.created).toBe(1);
    expect(server.tasks()).toHaveLength(first.plan.summary.create);
  });

  it('adopts a task whose creation was never confirmed instead of posting it again', async () => {
    const state = join(tempDir(), 'state.db');
    server.faults.add({ method: 'POST', path: '/crm/tasks', kind: 'resetAfterCreate' });
    const first = await planAndApply(state);
    expect(first.report.pending).toBe(1);
    expect(server.tasks()).toHaveLength(first.plan.summary.create);

    const second = await planAndApply(state);
    expect(second.report.adopted).toBe(1);
    expect(second.report.created).toBe(0);
    expect(server.tasks()).toHaveLength(first.plan.summary.create);
  });

  it('stops at once when Brevo rejects the key', async () => {
    const run = await makePlan({ rulesDir: RULES, dataDir: EXAMPLE, lang: 'en', statePath: join(tempDir(), 'none.db') });
    if (!run.ok) throw new Error('rules invalid');
    const store = StateStore.openForWrite(join(tempDir(), 'state.db'));
    const client = new BrevoClient({ apiKey: 'wrong-key', baseUrl: server.url });
    const report = await applyPlan(run.plan, { store, client, logger: silentLogger, seen: run.seen });
    store.close();

    expect(report.stopped).toBe('auth');
    expect(report.requests).toBe(1);
    expect(report.pending).toBe(run.plan.summary.create);
    expect(server.tasks()).toHaveLength(0);
  });

  it('stops cleanly when the request budget is spent and continues next run', async () => {
    const state = join(tempDir(), 'state.db');
    const first = await planAndApply(state, { maxRequests: 5 });
    expect(first.report.stopped).toBe('budget');
    expect(first.report.created).toBe(4);
    expect(first.report.pending).toBe(first.plan.summary.create - 4);

    const second = await planAndApply(state);
    expect(second.report.created).toBe(first.plan.summary.create - 4);
    expect(server.tasks()).toHaveLength(first.plan.summary.create);
  });
});
