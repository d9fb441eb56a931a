/**
 * The live source (`--brevo`) and `followup snapshot` against the test
 * server: each list's own paging and filter syntax, incremental rereads,
 * the mirror, the catalog cache, and bad responses.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makePlan } from '../src/plan/make-plan.js';
import { SourceError } from '../src/source/errors.js';
import { readLiveAccount } from '../src/source/live-source.js';
import { EMPTY_STATE, StateStore } from '../src/state/store.js';
import type { BrevoDeal, BrevoPipeline } from '../src/types/records.js';
import type { Plan } from '../src/types/plan.js';
import { seedFromDirectory, startBrevoServer, type BrevoSeed, type BrevoServer } from './brevo-server/server.js';
import { EXAMPLE, EXAMPLE_NOW, planAndApply, RULES, testClient } from './support/apply-env.js';
import { runCli, tempDir } from './support/cli.js';

const API_KEY = 'live-test-key-5c0a';
const SMALL_PAGES = { deal: 10, company: 5, contact: 15, task: 5 };
const settings = { apiKey: API_KEY };

/** The server clock: an hour after the example's capture time, moved on by `advance`. */
const clock = { base: Date.parse('2026-12-01T08:00:00.000Z'), started: Date.now(), offset: 0 };
const serverNow = () => clock.base + (Date.now() - clock.started) + clock.offset;
const advance = (minutes: number) => (clock.offset += minutes * 60_000);

let server: BrevoServer;
let seed: BrevoSeed;

beforeAll(async () => {
  seed = await seedFromDirectory(EXAMPLE);
  server = await startBrevoServer({ apiKey: API_KEY, seed, now: serverNow });
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

const requestsTo = (path: string) => server.requests.filter((request) => request.method === 'GET' && request.path === path);
const pagesPerList = () => Object.fromEntries(['/crm/deals', '/companies', '/contacts', '/crm/tasks'].map((path) => [path, requestsTo(path).length]));

function pagesFor(count: number, limit: number, hasTotal: boolean): number {
  // Without a total, a list is read until a short page, so a full last page needs one more, empty one.
  return hasTotal ? Math.max(1, Math.ceil(count / limit)) : Math.floor(count / limit) + 1;
}

describe('live reads', () => {
  it('use each list its own paging and filter syntax', async () => {
    const read = await readLiveAccount({ client: testClient(server, settings), state: EMPTY_STATE, pageSizes: SMALL_PAGES });

    const deals = requestsTo('/crm/deals');
    expect(deals).toHaveLength(pagesFor(seed.deals.length, 10, false));
    deals.forEach((request, index) => expect(request.query).toEqual({ offset: String(index * 10), limit: '10' }));
    const companies = requestsTo('/companies');
    expect(companies).toHaveLength(pagesFor(seed.companies.length, 5, false));
    companies.forEach((request, index) => expect(request.query).toEqual({ page: String(index + 1), limit: '5' }));
    const contacts = requestsTo('/contacts');
    expect(contacts).toHaveLength(pagesFor(seed.contacts.length, 15, true));
    contacts.forEach((request, index) => expect(request.query).toEqual({ offset: String(index * 15), limit: '15' }));
    for (const request of requestsTo('/crm/tasks')) expect(request.query).toMatchObject({ limit: '5', sort: 'desc' });

    expect(read.snapshot.deals.length + read.problems.filter((problem) => problem.params.kind === 'deal').length).toBe(seed.deals.length);
    expect(read.snapshot.companies).toHaveLength(seed.companies.length);
    expect(read.snapshot.contacts).toHaveLength(seed.contacts.length);
    expect(read.snapshot.tasks).toHaveLength(seed.tasks.length);
    expect(read.snapshot.taskTypes).toEqual(seed.taskTypes);
    expect(read.sync.fullKinds).toEqual(['deal', 'company', 'contact']);
  });

  it('reread an unchanged account with at most one page per kind', async () => {
    const state = join(tempDir(), 'state.db');
    const first = await planAndApply(server, state, settings, { source: 'brevo', pageSizes: SMALL_PAGES });
    expect(first.report.created).toBeGreaterThan(0);
    expect(Math.max(...Object.values(pagesPerList()))).toBeGreaterThan(1);

    advance(15);
    server.reset();
    const second = await planAndApply(server, state, settings, { source: 'brevo', pageSizes: SMALL_PAGES });
    expect(pagesPerList()).toEqual({ '/crm/deals': 1, '/companies': 1, '/contacts': 1, '/crm/tasks': 1 });
    // Task types and pipelines come from the cache.
    expect(requestsTo('/crm/tasktypes')).toHaveLength(0);
    expect(requestsTo('/crm/pipeline/details/all')).toHaveLength(0);
    expect(requestsTo('/crm/deals')[0]!.query.modifiedSince).toBeDefined();
    expect(second.plan.summary.create).toBe(0);
    expect(second.report.requests).toBe(0);
  });

  it('pick up a changed deal and fire its stage trigger', async () => {
    const state = join(tempDir(), 'state.db');
    await planAndApply(server, state, settings, { source: 'brevo' });
    const deal = leadDealWithOwner();
    const demo = stageId(seed.pipelines, 'Sales Pipeline', 'Demo');

    advance(15);
    server.putRecord('deal', { ...deal, attributes: { ...deal.attributes, deal_stage: demo } });
    const second = await planAndApply(server, state, settings, { source: 'brevo' });

    const fired = second.plan.items.filter((item) => item.record.id === deal.id && item.occurrence.trigger === 'dealStageEntered');
    expect(fired.map((item) => item.occurrence.details.stage)).toEqual(['Demo']);
    expect(fired.every((item) => item.action === 'create')).toBe(true);
    expect(second.report.created).toBe(second.plan.summary.create);
    const store = StateStore.openForWrite(state);
    expect(store.mirrorRecords().deals.find((record) => record.id === deal.id)?.attributes.deal_stage).toBe(demo);
    store.close();
  });

  it('forget records Brevo no longer has only on a full sync', async () => {
    const state = join(tempDir(), 'state.db');
    await planAndApply(server, state, settings, { source: 'brevo' });
    const gone = seed.companies[0]!.id;
    server.deleteRecord('company', gone);

    advance(15);
    await planAndApply(server, state, settings, { source: 'brevo' });
    expect(mirroredCompanyIds(state)).toContain(gone);

    advance(15);
    await planAndApply(server, state, settings, { source: 'brevo', fullSync: true });
    expect(mirroredCompanyIds(state)).not.toContain(gone);
    expect(mirroredCompanyIds(state)).toHaveLength(seed.companies.length - 1);
  });

  it('refresh a cached catalog that lacks a task type a rule names', async () => {
    const state = join(tempDir(), 'state.db');
    const store = StateStore.openForWrite(state);
    const stale = seed.taskTypes.filter((type) => type.title.toLowerCase() !== 'meeting');
    store.saveCatalog({ taskTypes: { fetchedAt: new Date().toISOString(), items: stale }, pipelines: { fetchedAt: new Date().toISOString(), items: seed.pipelines } });
    const run = await makePlan({ rulesDir: RULES, source: { kind: 'brevo', client: testClient(server, settings) }, lang: 'en', state: store, now: EXAMPLE_NOW });
    store.close();

    expect(run.ok).toBe(true);
    expect(requestsTo('/crm/tasktypes')).toHaveLength(1);
    if (run.ok) expect(run.sync?.catalog.taskTypes?.items).toEqual(seed.taskTypes);
  });

  it('report a bad record in a list response and keep the rest', async () => {
    const good = seed.deals[0]!;
    server.faults.add({ kind: 'status', status: 200, path: '/crm/deals', body: { items: [good, { id: 'deal_1', attributes: {} }, 'junk', { id: '6a0000000000000000000abc' }] } });
    const read = await readLiveAccount({ client: testClient(server, settings), state: EMPTY_STATE, pageSizes: SMALL_PAGES });

    expect(read.snapshot.deals.map((deal) => deal.id)).toEqual([good.id]);
    const invalid = read.problems.filter((problem) => problem.code === 'RECORD_INVALID');
    expect(invalid.map((problem) => problem.params.field)).toEqual(['id', '(record)', 'attributes']);
  });

  it('reject a list response in the wrong shape', async () => {
    server.faults.add({ kind: 'status', status: 200, path: '/companies', body: { companies: [] } });
    const error = await readLiveAccount({ client: testClient(server, settings), state: EMPTY_STATE }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).code).toBe('SOURCE_BREVO_SHAPE');
    expect((error as SourceError).params.path).toBe('/companies');
  });

  it('stop paging a server that ignores the offset', async () => {
    const page = { items: seed.deals.slice(0, 10) };
    server.faults.add({ kind: 'status', status: 200, path: '/crm/deals', body: page, times: 3 });
    const error = await readLiveAccount({ client: testClient(server, settings), state: EMPTY_STATE, pageSizes: SMALL_PAGES }).catch((caught: unknown) => caught);

    expect((error as SourceError).code).toBe('SOURCE_BREVO_PAGING');
    expect(requestsTo('/crm/deals')).toHaveLength(2);
  });
});

describe('followup plan --brevo and snapshot', () => {
  const env = () => ({ BREVO_API_URL: server.url, BREVO_API_KEY: API_KEY });

  it('plan --brevo writes nothing, not even the state store', async () => {
    const fresh = join(tempDir(), 'fresh.db');
    const result = await runCli(['plan', '--brevo', '--now', EXAMPLE_NOW, '--state', fresh, '--format', 'json'], env());
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(fresh)).toBe(false);
    expect(existsSync(`${fresh}.lock`)).toBe(false);

    const state = join(tempDir(), 'state.db');
    await planAndApply(server, state, settings, { source: 'brevo' });
    const before = fileHash(state);
    const requestsBefore = server.requests.length;
    server.putRecord('deal', { ...seed.deals[1]!, attributes: { ...seed.deals[1]!.attributes, amount: 1 } });
    const again = await runCli(['plan', '--brevo', '--now', EXAMPLE_NOW, '--state', state], env());
    expect(again.code, again.stderr).toBe(0);
    expect(fileHash(state)).toBe(before);
    expect(server.requests.slice(requestsBefore).filter((request) => request.method !== 'GET')).toHaveLength(0);
  });

  it('plan states the requests apply needs and how long they take', async () => {
    const result = await runCli(['plan', '--brevo', '--now', EXAMPLE_NOW, '--state', join(tempDir(), 's.db'), '--format', 'json'], env());
    const plan = JSON.parse(result.stdout) as Plan;
    const reads = server.requests.length;

    expect(plan.summary.requests).toBe(reads + plan.summary.create);
    expect(plan.pacing).toMatchObject({ limit: 100_000, basis: 'account', seconds: 0 });
    // The window length is estimated from the longest reset seen, in whole seconds.
    expect(plan.pacing!.windowSeconds).toBeGreaterThan(3590);
    expect(plan.pacing!.windowSeconds).toBeLessThanOrEqual(3600);

    const text = await runCli(['plan', '--brevo', '--now', EXAMPLE_NOW, '--state', join(tempDir(), 's.db')], env());
    expect(text.stdout).toMatch(/Apply needs \d+ API requests\./);
    expect(text.stdout).toContain("At this account's limit of 100000 requests per 1 h, they fit into one rate-limit window.");
  });

  it('snapshot writes a directory that plans like the live account', async () => {
    const dir = join(tempDir(), 'snapshot');
    const result = await runCli(['snapshot', '--out', dir], env());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${seed.deals.length} deals`);
    for (const file of ['deals.json', 'companies.json', 'contacts.json', 'pipelines.json', 'tasktypes.json', 'tasks.json', 'snapshot.json']) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(dir, 'contacts.json'), 'utf8')).count).toBe(seed.contacts.length);

    const fromFiles = await runCli(['plan', '--data', dir, '--now', EXAMPLE_NOW, '--state', join(tempDir(), 'a.db'), '--format', 'json'], env());
    const live = await runCli(['plan', '--brevo', '--now', EXAMPLE_NOW, '--state', join(tempDir(), 'b.db'), '--format', 'json'], env());
    const keys = (output: string) => (JSON.parse(output) as Plan).items.map((item) => item.key).sort();
    expect(keys(fromFiles.stdout)).toEqual(keys(live.stdout));
    expect(keys(live.stdout).length).toBeGreaterThan(0);
  });

  it('names BREVO_API_KEY when Brevo rejects the key', async () => {
    const wrongKey = 'wrong-key-4f7d9e';
    const result = await runCli(['plan', '--brevo', '--state', join(tempDir(), 's.db')], { BREVO_API_URL: server.url, BREVO_API_KEY: wrongKey });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('BREVO_API_KEY');
    expect(result.stderr).toContain('HTTP 401');
    expect(result.stderr + result.stdout).not.toContain(wrongKey);
  });

  it('rejects --data together with --brevo', async () => {
    const result = await runCli(['plan', '--brevo', '--data', EXAMPLE], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--data and --brevo cannot be used together');
  });
});

function leadDealWithOwner(): BrevoDeal {
  const lead = stageId(seed.pipelines, 'Sales Pipeline', 'Lead');
  const deal = seed.deals.find((candidate) => candidate.attributes.deal_stage === lead && typeof candidate.attributes.deal_owner === 'string');
  if (!deal) throw new Error('the example account has no Lead deal with an owner');
  return deal;
}

function stageId(pipelines: BrevoPipeline[], pipelineName: string, stageName: string): string {
  const stage = pipelines.find((pipeline) => pipeline.pipeline_name === pipelineName)?.stages.find((candidate) => candidate.name === stageName);
  if (!stage) throw new Error(`no stage ${stageName} in ${pipelineName}`);
  return stage.id;
}

function mirroredCompanyIds(state: string): string[] {
  const store = StateStore.openForWrite(state);
  try {
    return store.mirrorRecords().companies.map((company) => company.id);
  } finally {
    store.close();
  }
}

function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
