import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BrevoClient } from '../src/brevo/client.js';
import { applyPlan } from '../src/execute/apply.js';
import { silentLogger } from '../src/log/logger.js';
import { makePlan } from '../src/plan/make-plan.js';
import { StateStore } from '../src/state/store.js';
import { seedFromDirectory, startBrevoServer, type BrevoServer } from './brevo-server/server.js';
import { EXAMPLE, keysNotExactlyOnce, planAndApply, RULES } from './support/apply-env.js';
import { tempDir } from './support/cli.js';

const API_KEY = 'apply-test-key-6f1c';

let server: BrevoServer;

beforeAll(async () => {
  server = await startBrevoServer({ apiKey: API_KEY, seed: await seedFromDirectory(EXAMPLE), checkLinks: true });
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

const posts = () => server.requests.filter((request) => request.method === 'POST');
const seededTasks = () => server.tasks().filter((task) => !task.id.startsWith('65f0')).length;
const createdTasks = () => server.tasks().length - seededTasks();

describe('apply against the Brevo-compatible server', () => {
  it('creates exactly the planned tasks, with the planned bodies', async () => {
    const { plan, report } = await planAndApply(server, join(tempDir(), 'state.db'), { apiKey: API_KEY });

    expect(plan.summary.create).toBeGreaterThan(20);
    expect(report.created).toBe(plan.summary.create);
    expect(report.failed).toBe(0);
    expect(report.requests).toBe(plan.summary.requests);
    expect(createdTasks()).toBe(plan.summary.create);
    for (const item of plan.items.filter((candidate) => candidate.action === 'create')) {
      const task = server.tasks().find((candidate) => candidate.notes?.includes(`[followup:${item.key}]`));
      expect(task, item.key).toBeDefined();
      expect(task!.name).toBe(item.task.name);
      expect(task!.date).toBe(item.task.date);
      expect(task!.duration).toBe(item.task.duration);
      expect(task!.dealsIds).toEqual(item.task.dealsIds);
    }
  });

  it('creates nothing on a second apply of the same inputs', async () => {
    const state = join(tempDir(), 'state.db');
    const first = await planAndApply(server, state, { apiKey: API_KEY });
    const postsAfterFirst = posts().length;

    const second = await planAndApply(server, state, { apiKey: API_KEY });
    // Stage entries are now in the mirror and do not fire again; date and
    // event occurrences still do, and the ledger marks them as existing.
    expect(second.plan.summary.create).toBe(0);
    expect(second.plan.summary.exists).toBeGreaterThan(0);
    expect(second.report.created).toBe(0);
    expect(second.report.requests).toBe(0);
    expect(posts().length).toBe(postsAfterFirst);
    expect(createdTasks()).toBe(first.plan.summary.create);
  });

  it("fails one task with Brevo's 400 message and still sends the rest", async () => {
    server.faults.add({
      method: 'POST',
      path: '/crm/tasks',
      kind: 'status',
      status: 400,
      body: { code: 'invalid_parameter', message: 'Not valid data.' },
    });
    const { plan, report } = await planAndApply(server, join(tempDir(), 'state.db'), { apiKey: API_KEY });

    expect(report.failed).toBe(1);
    expect(report.created).toBe(plan.summary.create - 1);
    const failure = report.results.find((result) => result.outcome === 'failed')!;
    expect(failure.error).toBe('Not valid data.');
    expect(failure.status).toBe(400);
    expect(createdTasks()).toBe(plan.summary.create - 1);
  });

  it('retries a failed task on the next apply and creates it once', async () => {
    const state = join(tempDir(), 'state.db');
    server.faults.add({ method: 'POST', path: '/crm/tasks', kind: 'status', status: 400, body: { code: 'invalid_parameter', message: 'Not valid data.' } });
    const first = await planAndApply(server, state, { apiKey: API_KEY });
    const second = await planAndApply(server, state, { apiKey: API_KEY });

    expect(second.report.created).toBe(1);
    expect(createdTasks()).toBe(first.plan.summary.create);
  });

  it('adopts an unconfirmed creation within the same run', async () => {
    server.faults.add({ method: 'POST', path: '/crm/tasks', kind: 'resetAfterCreate' });
    const { plan, report } = await planAndApply(server, join(tempDir(), 'state.db'), { apiKey: API_KEY });

    expect(report.adopted).toBe(1);
    expect(report.pending).toBe(0);
    expect(report.created).toBe(plan.summary.create - 1);
    expect(createdTasks()).toBe(plan.summary.create);
    expect(keysNotExactlyOnce(server, plan.items.map((item) => item.key))).toEqual({});
  });

  it('adopts an unconfirmed creation on the next run', async () => {
    const state = join(tempDir(), 'state.db');
    server.faults.add({ method: 'POST', path: '/crm/tasks', kind: 'resetAfterCreate' });
    // One attempt per task: the run stops with the entry still unconfirmed.
    const first = await planAndApply(server, state, { apiKey: API_KEY }, { createAttempts: 1 });
    expect(first.report.stopped).toBe('unavailable');
    expect(first.report.pending).toBe(first.plan.summary.create);
    expect(createdTasks()).toBe(1);

    const second = await planAndApply(server, state, { apiKey: API_KEY });
    expect(second.report.adopted).toBe(1);
    expect(second.report.created).toBe(first.plan.summary.create - 1);
    expect(createdTasks()).toBe(first.plan.summary.create);
    expect(keysNotExactlyOnce(server, first.plan.items.map((item) => item.key))).toEqual({});
  });

  it('sends other tasks while one settles', async () => {
    const state = join(tempDir(), 'state.db');
    server.faults.add({ method: 'POST', path: '/crm/tasks', kind: 'resetAfterCreate' });
    const first = await planAndApply(server, state, { apiKey: API_KEY }, { createAttempts: 1 });
    expect(first.report.stopped).toBe('unavailable');
    const requestsBefore = server.requests.length;

    // The next run starts at once, well within the grace period of the unconfirmed POST.
    const second = await planAndApply(server, state, { apiKey: API_KEY }, { graceMs: 3_000 });
    const requests = server.requests.slice(requestsBefore);
    const search = requests.findIndex((request) => request.method === 'GET' && request.path === '/crm/tasks');
    expect(requests.slice(0, search).filter((request) => request.method === 'POST')).toHaveLength(first.plan.summary.create - 1);
    expect(requests.slice(search).filter((request) => request.method === 'POST')).toEqual([]);
    expect(second.report.adopted).toBe(1);
    expect(keysNotExactlyOnce(server, first.plan.items.map((item) => item.key))).toEqual({});
  });

  it('stops at once when Brevo rejects the key', async () => {
    const run = await makePlan({ rulesDir: RULES, dataDir: EXAMPLE, lang: 'en', statePath: join(tempDir(), 'none.db') });
    if (!run.ok) throw new Error('rules invalid');
    const store = StateStore.openForWrite(join(tempDir(), 'state.db'));
    const client = new BrevoClient({ apiKey: 'wrong-key', baseUrl: server.url });
    const report = await applyPlan(run.plan, { store, client, logger: silentLogger, seen: run.seen });
    store.close();

    expect(report.stopped).toBe('auth');
    expect(report.stopMessage).toBe('Key not found');
    expect(report.requests).toBe(1);
    expect(report.pending).toBe(run.plan.summary.create);
    expect(createdTasks()).toBe(0);
  });

  it('stops at once on 403 in the middle of a run', async () => {
    const state = join(tempDir(), 'state.db');
    server.faults.add({ method: 'POST', path: '/crm/tasks', kind: 'status', status: 403, body: { code: 'permission_denied', message: 'Permission denied' } });
    const { plan, report } = await planAndApply(server, state, { apiKey: API_KEY });

    expect(report.stopped).toBe('auth');
    expect(report.stopMessage).toBe('Permission denied');
    expect(report.created).toBe(0);
    expect(report.pending).toBe(plan.summary.create);
    // Only the refused POST was sent after the task type lookup.
    expect(posts()).toHaveLength(1);
  });

  it('stops cleanly when the request budget is spent and continues next run', async () => {
    const state = join(tempDir(), 'state.db');
    const first = await planAndApply(server, state, { apiKey: API_KEY, maxRequests: 5 });
    expect(first.report.stopped).toBe('budget');
    expect(first.report.budget).toEqual({ kind: 'requests', limit: 5 });
    expect(first.report.created).toBe(4);
    expect(first.report.pending).toBe(first.plan.summary.create - 4);

    const second = await planAndApply(server, state, { apiKey: API_KEY });
    expect(second.report.created).toBe(first.plan.summary.create - 4);
    expect(createdTasks()).toBe(first.plan.summary.create);
  });

  it('skips a task whose linked record is gone and keeps skipping it', async () => {
    const state = join(tempDir(), 'state.db');
    const run = await makePlan({ rulesDir: RULES, dataDir: EXAMPLE, lang: 'en', statePath: state });
    if (!run.ok) throw new Error('rules invalid');
    // A date trigger fires on every run, so the second plan meets the same key again.
    const victim = run.plan.items.find((item) => item.occurrence.trigger === 'dateApproaching' && item.task.companiesIds.length > 0)!;
    expect(victim).toBeDefined();
    expect(server.deleteRecord('company', victim.task.companiesIds[0]!)).toBe(true);

    const first = await planAndApply(server, state, { apiKey: API_KEY });
    const skipped = first.report.results.filter((result) => result.outcome === 'skipped');
    expect(skipped.map((result) => result.key)).toContain(victim.key);
    expect(first.report.failed).toBe(0);
    expect(first.report.problems.map((problem) => problem.code)).toContain('APPLY_LINKED_RECORD_MISSING');
    expect(first.report.created).toBe(first.plan.summary.create - skipped.length);

    const postsBefore = posts().length;
    const again = await planAndApply(server, state, { apiKey: API_KEY });
    const item = again.plan.items.find((candidate) => candidate.key === victim.key);
    expect(item?.action).toBe('skip');
    expect(item?.notes.map((note) => note.code)).toContain('APPLY_SKIPPED_BEFORE');
    expect(posts().length).toBe(postsBefore);
  });
});
