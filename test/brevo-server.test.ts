import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import axios, { type AxiosInstance } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrevoCompany, BrevoContact, BrevoDeal } from '../src/types/records.js';
import {
  DEFAULT_PIPELINE,
  DEFAULT_TASK_TYPES,
  seedFromDirectory,
  startBrevoServer,
  type BrevoServer,
  type BrevoServerOptions,
} from './brevo-server/server.js';

const API_KEY = 'test-api-key';
const HEX_ID = /^[0-9a-f]{24}$/;
const EMAIL_TYPE_ID = DEFAULT_TASK_TYPES[0]!.id;
const CALL_TYPE_ID = DEFAULT_TASK_TYPES[1]!.id;
const QUALIFIED_STAGE_ID = DEFAULT_PIPELINE.stages[1]!.id;
const DEMO_STAGE_ID = DEFAULT_PIPELINE.stages[2]!.id;

const DEAL_OLD = '6a0000000000000000000001';
const DEAL_NEW = '6a0000000000000000000002';
const COMPANY_IDS = ['6b0000000000000000000001', '6b0000000000000000000002', '6b0000000000000000000003'];
const OWNER_EMAIL = 'anna@example.com';

const deals: BrevoDeal[] = [
  {
    id: DEAL_OLD,
    attributes: {
      deal_name: 'Old deal',
      deal_stage: QUALIFIED_STAGE_ID,
      pipeline: DEFAULT_PIPELINE.pipeline,
      deal_owner: OWNER_EMAIL,
      created_at: '2026-01-01T09:00:00.000Z',
      last_updated_date: '2026-01-02T09:00:00.000Z',
    },
    linkedCompaniesIds: [COMPANY_IDS[0]!],
    linkedContactsIds: [1],
  },
  {
    id: DEAL_NEW,
    attributes: {
      deal_name: 'New deal',
      deal_stage: DEMO_STAGE_ID,
      pipeline: DEFAULT_PIPELINE.pipeline,
      deal_owner: '5faab4b7f195bb3c4c31e62a',
      created_at: '2026-03-01T09:00:00.000Z',
      last_updated_date: '2026-03-05T12:00:00.000+02:00',
    },
    linkedCompaniesIds: [COMPANY_IDS[1]!],
    linkedContactsIds: [2],
  },
];

const companies: BrevoCompany[] = COMPANY_IDS.map((id, index) => ({
  id,
  attributes: {
    name: `Company ${index + 1}`,
    owner: index === 0 ? OWNER_EMAIL : '5faab4b7f195bb3c4c31e62a',
    created_at: `2026-0${index + 1}-01T00:00:00.000Z`,
    last_updated_at: `2026-0${index + 1}-15T00:00:00.000Z`,
  },
  linkedContactsIds: [index + 1],
}));

const contacts: BrevoContact[] = [1, 2, 3, 4, 5].map((id) => ({
  id,
  email: `contact${id}@example.com`,
  attributes: { FIRSTNAME: `Contact ${id}` },
  createdAt: `2026-01-0${id}T00:00:00.000Z`,
  modifiedAt: `2026-02-0${id}T00:00:00.000Z`,
}));

const servers: BrevoServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: BrevoServerOptions = {}): Promise<{ server: BrevoServer; api: AxiosInstance }> {
  const server = await startBrevoServer({ seed: { deals, companies, contacts }, ...options });
  servers.push(server);
  return { server, api: client(server) };
}

/** Creates an axios client that resolves on every status. With `apiKey` null it sends no api-key header. */
function client(server: BrevoServer, apiKey: string | null = API_KEY, timeout = 0): AxiosInstance {
  return axios.create({
    baseURL: server.url,
    headers: apiKey === null ? {} : { 'api-key': apiKey },
    validateStatus: () => true,
    timeout,
  });
}

function validTask(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Call Anna',
    taskTypeId: CALL_TYPE_ID,
    date: '2026-05-04T10:00:00.000Z',
    duration: 1_800_000,
    notes: 'Ask about the renewal',
    assignToId: OWNER_EMAIL,
    contactsIds: [1],
    dealsIds: [DEAL_OLD],
    companiesIds: [COMPANY_IDS[0]],
    reminder: { value: 30, unit: 'minutes', types: ['email'] },
    ...overrides,
  };
}

describe('authentication', () => {
  it('rejects a request without api-key with 401', async () => {
    const { server } = await start();
    const response = await client(server, null).get('/crm/tasktypes');
    expect(response.status).toBe(401);
    expect(response.data).toEqual({ code: 'unauthorized', message: 'Key not found' });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(server.requests[0]?.apiKeyPresent).toBe(false);
  });

  it('rejects a wrong api-key with 401', async () => {
    const { server } = await start();
    const response = await client(server, 'wrong-key').get('/crm/tasktypes');
    expect(response.status).toBe(401);
    expect(response.data).toEqual({ code: 'unauthorized', message: 'Key not found' });
    expect(server.requests[0]?.apiKeyPresent).toBe(true);
  });

  it('accepts a custom key, never records it', async () => {
    const { server } = await start({ apiKey: 'secret-value-123' });
    const response = await client(server, 'secret-value-123').get('/crm/tasktypes');
    expect(response.status).toBe(200);
    expect(JSON.stringify(server.requests)).not.toContain('secret-value-123');
  });
});

describe('POST /crm/tasks', () => {
  it('answers 201 with only a 24-hex id', async () => {
    const { api } = await start();
    const response = await api.post('/crm/tasks', validTask());
    expect(response.status).toBe(201);
    expect(Object.keys(response.data as object)).toEqual(['id']);
    expect(response.data.id).toMatch(HEX_ID);
  });

  it('stores createdAt, updatedAt and done false', async () => {
    const now = Date.parse('2026-04-01T08:00:00.000Z');
    const { server, api } = await start({ now: () => now });
    const { data } = await api.post('/crm/tasks', validTask());
    const [task] = server.tasks();
    expect(task?.id).toBe(data.id);
    expect(task?.createdAt).toBe('2026-04-01T08:00:00.000Z');
    expect(task?.updatedAt).toBe('2026-04-01T08:00:00.000Z');
    expect(task?.done).toBe(false);
    expect(task?.duration).toBe(1_800_000);
    expect(task?.reminder).toEqual({ value: 30, unit: 'minutes', types: ['email'] });
  });

  it('stores an assignee email as its user id', async () => {
    const { server, api } = await start();
    await api.post('/crm/tasks', validTask());
    const assignToId = server.tasks()[0]?.assignToId;
    expect(assignToId).toMatch(HEX_ID);
    expect(assignToId).toBe(server.userIdFor(OWNER_EMAIL));
  });

  it('stores the due date in UTC', async () => {
    const { server, api } = await start();
    await api.post('/crm/tasks', validTask({ date: '2026-05-04T10:00:00+02:00' }));
    expect(server.tasks()[0]?.date).toBe('2026-05-04T08:00:00.000Z');
  });

  const invalidBodies: [string, Record<string, unknown>, string][] = [
    ['missing name', validTask({ name: undefined }), 'missing_parameter'],
    ['empty name', validTask({ name: '  ' }), 'invalid_parameter'],
    ['missing taskTypeId', validTask({ taskTypeId: undefined }), 'missing_parameter'],
    ['unknown taskTypeId', validTask({ taskTypeId: 'ffffffffffffffffffffffff' }), 'invalid_parameter'],
    ['task type name as taskTypeId', validTask({ taskTypeId: 'Call' }), 'invalid_parameter'],
    ['missing date', validTask({ date: undefined }), 'missing_parameter'],
    ['date without zone', validTask({ date: '2026-05-04T10:00:00' }), 'invalid_parameter'],
    ['date that does not exist', validTask({ date: '2026-02-30T10:00:00Z' }), 'invalid_parameter'],
    ['duration as string', validTask({ duration: '1800' }), 'invalid_parameter'],
    ['negative duration', validTask({ duration: -1 }), 'invalid_parameter'],
    ['fractional duration', validTask({ duration: 1.5 }), 'invalid_parameter'],
    ['done as string', validTask({ done: 'false' }), 'invalid_parameter'],
    ['notes as null', validTask({ notes: null }), 'invalid_parameter'],
    ['assignToId neither id nor email', validTask({ assignToId: 'anna' }), 'invalid_parameter'],
    ['contactsIds as strings', validTask({ contactsIds: ['1'] }), 'invalid_parameter'],
    ['dealsIds with a prefixed id', validTask({ dealsIds: ['deal_abc123def456'] }), 'invalid_parameter'],
    ['companiesIds as a string', validTask({ companiesIds: COMPANY_IDS[0] }), 'invalid_parameter'],
    ['reminder without types', validTask({ reminder: { value: 30, unit: 'minutes' } }), 'missing_parameter'],
    ['reminder with empty types', validTask({ reminder: { value: 30, unit: 'minutes', types: [] } }), 'invalid_parameter'],
    ['reminder with unknown type', validTask({ reminder: { value: 30, unit: 'minutes', types: ['sms'] } }), 'invalid_parameter'],
    ['reminder with unknown unit', validTask({ reminder: { value: 30, unit: 'seconds', types: ['email'] } }), 'invalid_parameter'],
    ['reminder with extra field', validTask({ reminder: { value: 30, unit: 'minutes', types: ['email'], at: 1 } }), 'invalid_parameter'],
    ['unknown field assignTo', validTask({ assignToId: undefined, assignTo: OWNER_EMAIL }), 'invalid_parameter'],
    ['unknown field taskType', validTask({ taskTypeId: CALL_TYPE_ID, taskType: 'call' }), 'invalid_parameter'],
  ];

  it.each(invalidBodies)('rejects a body with %s with 400', async (_case, body, code) => {
    const { server, api } = await start();
    const response = await api.post('/crm/tasks', body);
    expect(response.status).toBe(400);
    expect(response.data.code).toBe(code);
    expect(typeof response.data.message).toBe('string');
    expect(server.tasks()).toEqual([]);
  });

  it('names assignToId in the assignTo message', async () => {
    const { api } = await start();
    const response = await api.post('/crm/tasks', validTask({ assignTo: OWNER_EMAIL }));
    expect(response.data.message).toContain('assignToId');
  });

  it('rejects invalid JSON with 400', async () => {
    const { server, api } = await start();
    const response = await api.post('/crm/tasks', '{"name": ', {
      headers: { 'content-type': 'application/json' },
      transformRequest: [(data: unknown) => data], // send the broken text as is
    });
    expect(response.status).toBe(400);
    expect(response.data.code).toBe('bad_request');
    expect(server.tasks()).toEqual([]);
  });

  it('rejects a JSON array body with 400', async () => {
    const { api } = await start();
    const response = await api.post('/crm/tasks', [validTask()]);
    expect(response.status).toBe(400);
  });

  it('ignores unknown fields when unknownFields is ignore', async () => {
    const { server, api } = await start({ unknownFields: 'ignore' });
    const response = await api.post('/crm/tasks', validTask({ taskType: 'call', priority: true }));
    expect(response.status).toBe(201);
    expect(server.tasks()[0]).not.toHaveProperty('taskType');
    expect(server.tasks()[0]).not.toHaveProperty('priority');
  });

  it('checks links only with checkLinks', async () => {
    const missingDeal = { dealsIds: ['6affffffffffffffffffffff'] };
    const lenient = await start();
    expect((await lenient.api.post('/crm/tasks', validTask(missingDeal))).status).toBe(201);

    const strict = await start({ checkLinks: true });
    const response = await strict.api.post('/crm/tasks', validTask(missingDeal));
    expect(response.status).toBe(404);
    expect(response.data).toEqual({ code: 'document_not_found', message: 'Document not found' });
    expect((await strict.api.post('/crm/tasks', validTask())).status).toBe(201);
  });
});

describe('/crm/tasks/{id}', () => {
  it('returns a stored task by id', async () => {
    const { api } = await start();
    const { data } = await api.post('/crm/tasks', validTask());
    const response = await api.get(`/crm/tasks/${data.id}`);
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ id: data.id, name: 'Call Anna', taskTypeId: CALL_TYPE_ID, done: false });
    expect(response.data.createdAt).toEqual(expect.any(String));
  });

  it('rejects malformed id 400, unknown 404', async () => {
    const { api } = await start();
    const malformed = await api.get('/crm/tasks/task_xyz789');
    expect(malformed.status).toBe(400);
    expect(malformed.data).toEqual({ code: 'invalid_parameter', message: 'Route attribute id is not valid.' });
    const unknown = await api.get('/crm/tasks/0123456789abcdef01234567');
    expect(unknown.status).toBe(404);
    expect(unknown.data).toEqual({ code: 'document_not_found', message: 'Document not found' });
  });

  it('PATCH updates and responds 204 empty', async () => {
    let now = Date.parse('2026-04-01T08:00:00.000Z');
    const { server, api } = await start({ now: () => now });
    const { data } = await api.post('/crm/tasks', validTask());
    now += 60_000;
    const response = await api.patch(`/crm/tasks/${data.id}`, { done: true, dealsIds: [DEAL_NEW] });
    expect(response.status).toBe(204);
    expect(response.data).toBe('');
    const task = server.tasks()[0];
    expect(task?.done).toBe(true);
    expect(task?.dealsIds).toEqual([DEAL_NEW]);
    expect(task?.updatedAt).toBe('2026-04-01T08:01:00.000Z');
    expect(task?.name).toBe('Call Anna');
  });

  it('rejects an invalid PATCH body with 400', async () => {
    const { api } = await start();
    const { data } = await api.post('/crm/tasks', validTask());
    const response = await api.patch(`/crm/tasks/${data.id}`, { done: 'yes' });
    expect(response.status).toBe(400);
  });

  it('DELETE responds 204, then 404', async () => {
    const { api } = await start();
    const { data } = await api.post('/crm/tasks', validTask());
    const deleted = await api.delete(`/crm/tasks/${data.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.data).toBe('');
    expect((await api.get(`/crm/tasks/${data.id}`)).status).toBe(404);
    expect((await api.delete(`/crm/tasks/${data.id}`)).status).toBe(404);
  });
});

describe('GET /crm/tasks', () => {
  async function startWithTasks(count: number): Promise<{ server: BrevoServer; api: AxiosInstance; ids: string[] }> {
    let now = Date.parse('2026-04-01T08:00:00.000Z');
    const started = await start({ now: () => now });
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      now += 1000;
      const { data } = await started.api.post('/crm/tasks', validTask({ name: `Task ${index}` }));
      ids.push(data.id);
    }
    return { ...started, ids };
  }

  it('pages with offset and limit and sends no total', async () => {
    const { api, ids } = await startWithTasks(5);
    const first = await api.get('/crm/tasks', { params: { limit: 2, offset: 0, sort: 'asc' } });
    expect(first.status).toBe(200);
    expect(Object.keys(first.data as object)).toEqual(['items']);
    expect(first.data.items.map((task: { id: string }) => task.id)).toEqual(ids.slice(0, 2));
    const last = await api.get('/crm/tasks', { params: { limit: 2, offset: 4, sort: 'asc' } });
    expect(last.data.items.map((task: { id: string }) => task.id)).toEqual(ids.slice(4));
  });

  it('sorts newest first by default', async () => {
    const { api, ids } = await startWithTasks(3);
    const response = await api.get('/crm/tasks');
    expect(response.data.items.map((task: { id: string }) => task.id)).toEqual([...ids].reverse());
  });

  it('defaults limit to 50, caps at 100', async () => {
    const { api } = await startWithTasks(51);
    expect((await api.get('/crm/tasks')).data.items).toHaveLength(50);
    expect((await api.get('/crm/tasks', { params: { limit: 100 } })).data.items).toHaveLength(51);
    expect((await api.get('/crm/tasks', { params: { limit: 101 } })).status).toBe(400);
    expect((await api.get('/crm/tasks', { params: { limit: 0 } })).status).toBe(400);
    expect((await api.get('/crm/tasks', { params: { offset: -1 } })).status).toBe(400);
  });

  it('filters by status, type, assignee, links', async () => {
    const { server, api } = await start();
    const first = await api.post('/crm/tasks', validTask({ done: true }));
    const second = await api.post('/crm/tasks', validTask({ taskTypeId: EMAIL_TYPE_ID, assignToId: 'bob@example.com', contactsIds: [2], dealsIds: [DEAL_NEW] }));
    const idsFor = async (params: Record<string, string>): Promise<string[]> =>
      (await api.get('/crm/tasks', { params })).data.items.map((task: { id: string }) => task.id);

    expect(await idsFor({ 'filter[status]': 'done' })).toEqual([first.data.id]);
    expect(await idsFor({ 'filter[status]': 'undone' })).toEqual([second.data.id]);
    expect(await idsFor({ 'filter[type]': EMAIL_TYPE_ID })).toEqual([second.data.id]);
    expect(await idsFor({ 'filter[assignTo]': OWNER_EMAIL })).toEqual([first.data.id]);
    expect(await idsFor({ 'filter[assignTo]': server.userIdFor('bob@example.com') })).toEqual([second.data.id]);
    expect(await idsFor({ 'filter[contacts]': '2,3' })).toEqual([second.data.id]);
    expect(await idsFor({ 'filter[deals]': `${DEAL_OLD},${DEAL_NEW}` })).toHaveLength(2);
    expect(await idsFor({ 'filter[companies]': COMPANY_IDS[0]! })).toHaveLength(2);
  });

  it('filters by due date range', async () => {
    const { api } = await start();
    await api.post('/crm/tasks', validTask({ date: '2026-05-01T10:00:00Z' }));
    const inMay = await api.post('/crm/tasks', validTask({ date: '2026-05-20T10:00:00Z' }));
    const params = { 'filter[date]': 'range', dateFrom: String(Date.parse('2026-05-10T00:00:00Z')), dateTo: String(Date.parse('2026-05-31T00:00:00Z')) };
    const response = await api.get('/crm/tasks', { params });
    expect(response.data.items.map((task: { id: string }) => task.id)).toEqual([inMay.data.id]);
  });

  const simplifiedQueries: [string, Record<string, string>][] = [
    ['filters[done]', { 'filters[done]': 'false' }],
    ['filters[taskType]', { 'filters[taskType]': 'call' }],
    ['filters[type]', { 'filters[type]': CALL_TYPE_ID }],
  ];

  it.each(simplifiedQueries)('rejects plural %s with 400 Not valid data', async (_name, params) => {
    const { api } = await start({ unknownFields: 'ignore' });
    const response = await api.get('/crm/tasks', { params });
    expect(response.status).toBe(400);
    expect(response.data).toEqual({ code: 'invalid_parameter', message: 'Not valid data.' });
  });

  it('rejects vendor sort and unknown parameters', async () => {
    const { api } = await start();
    expect((await api.get('/crm/tasks', { params: { sort: 'date:asc' } })).status).toBe(400);
    expect((await api.get('/crm/tasks', { params: { 'filter[status]': 'open' } })).status).toBe(400);
    expect((await api.get('/crm/tasks', { params: { page: 1 } })).status).toBe(400);
    expect((await api.get('/crm/tasks', { params: { sortBy: 'priority' } })).status).toBe(400);
  });
});

describe('GET /crm/deals', () => {
  const dealIds = (response: { data: { items: BrevoDeal[] } }): string[] => response.data.items.map((deal) => deal.id);

  it('filters by modifiedSince on last_updated_date', async () => {
    const { api } = await start();
    const response = await api.get('/crm/deals', { params: { modifiedSince: '2026-03-01T00:00:00.000Z' } });
    expect(response.status).toBe(200);
    expect(Object.keys(response.data as object)).toEqual(['items']);
    expect(dealIds(response)).toEqual([DEAL_NEW]);
    const later = await api.get('/crm/deals', { params: { modifiedSince: '2026-03-05T10:00:00.001Z' } });
    expect(dealIds(later)).toEqual([]);
    expect((await api.get('/crm/deals', { params: { modifiedSince: 'yesterday' } })).status).toBe(400);
  });

  it('filters by stage, pipeline, owner, links', async () => {
    const { api } = await start();
    const idsFor = async (params: Record<string, string>): Promise<string[]> => dealIds(await api.get('/crm/deals', { params }));
    expect(await idsFor({ 'filters[attributes.deal_stage]': DEMO_STAGE_ID })).toEqual([DEAL_NEW]);
    expect(await idsFor({ 'filters[attributes.deal_stage]': 'Demo' })).toEqual([]);
    expect(await idsFor({ 'filters[attributes.pipeline]': DEFAULT_PIPELINE.pipeline })).toEqual([DEAL_NEW, DEAL_OLD]);
    expect(await idsFor({ 'filters[attributes.deal_owner]': OWNER_EMAIL })).toEqual([DEAL_OLD]);
    expect(await idsFor({ 'filters[linkedCompaniesIds]': COMPANY_IDS[1]! })).toEqual([DEAL_NEW]);
    expect(await idsFor({ 'filters[linkedContactsIds]': '1' })).toEqual([DEAL_OLD]);
  });

  it('sorts newest first unless sort=asc', async () => {
    const { api } = await start();
    expect(dealIds(await api.get('/crm/deals'))).toEqual([DEAL_NEW, DEAL_OLD]);
    expect(dealIds(await api.get('/crm/deals', { params: { sort: 'asc' } }))).toEqual([DEAL_OLD, DEAL_NEW]);
    expect((await api.get('/crm/deals', { params: { sort: 'attributes.amount:desc' } })).status).toBe(400);
  });

  it('deal by id: 200, 400 malformed, 404 unknown', async () => {
    const { api } = await start();
    expect((await api.get(`/crm/deals/${DEAL_OLD}`)).data.id).toBe(DEAL_OLD);
    const malformed = await api.get('/crm/deals/deal_abc123def456');
    expect(malformed.status).toBe(400);
    expect(malformed.data.message).toBe('Route attribute id is not valid.');
    expect((await api.get('/crm/deals/6affffffffffffffffffffff')).status).toBe(404);
  });
});

describe('GET /companies', () => {
  const companyIds = (response: { data: { items: BrevoCompany[] } }): string[] => response.data.items.map((company) => company.id);

  it('pages with a 1-based page number', async () => {
    const { api } = await start();
    const params = { limit: 2, sort: 'asc' };
    expect(companyIds(await api.get('/companies', { params: { ...params, page: 1 } }))).toEqual(COMPANY_IDS.slice(0, 2));
    expect(companyIds(await api.get('/companies', { params: { ...params, page: 2 } }))).toEqual(COMPANY_IDS.slice(2));
    expect((await api.get('/companies', { params: { ...params, page: 0 } })).status).toBe(400);
    const response = await api.get('/companies', { params: { ...params, page: 3 } });
    expect(response.data).toEqual({ items: [] });
  });

  it('filters in JSON and bracket form', async () => {
    const { api } = await start();
    const json = await api.get('/companies', { params: { filters: JSON.stringify({ 'attributes.name': 'Company 2' }) } });
    expect(companyIds(json)).toEqual([COMPANY_IDS[1]]);
    const owner = await api.get('/companies', { params: { 'filters[attributes.owner]': OWNER_EMAIL } });
    expect(companyIds(owner)).toEqual([COMPANY_IDS[0]]);
    expect((await api.get('/companies', { params: { filters: '{not json' } })).status).toBe(400);
  });

  it('filters by modifiedSince on last_updated_at', async () => {
    const { api } = await start();
    const response = await api.get('/companies', { params: { modifiedSince: '2026-02-15T00:00:00Z', sort: 'asc' } });
    expect(companyIds(response)).toEqual(COMPANY_IDS.slice(1));
  });

  it('company by id: 200, 400 malformed, 404 unknown', async () => {
    const { api } = await start();
    const malformed = await api.get('/companies/comp_123456789');
    expect(malformed.status).toBe(400);
    expect(malformed.data).toEqual({ code: 'invalid_parameter', message: 'Route company id is not valid.' });
    expect((await api.get('/companies/6bffffffffffffffffffffff')).status).toBe(404);
    expect((await api.get(`/companies/${COMPANY_IDS[2]}`)).data.id).toBe(COMPANY_IDS[2]);
  });
});

describe('GET /contacts', () => {
  it('returns {contacts, count} with the total', async () => {
    const { api } = await start();
    const response = await api.get('/contacts', { params: { limit: 2, offset: 1, sort: 'asc' } });
    expect(response.status).toBe(200);
    expect(response.data.count).toBe(5);
    expect(response.data.contacts.map((contact: BrevoContact) => contact.id)).toEqual([2, 3]);
  });

  it('counts only modifiedSince matches', async () => {
    const { api } = await start();
    const response = await api.get('/contacts', { params: { modifiedSince: '2026-02-04T00:00:00Z' } });
    expect(response.data.count).toBe(2);
    expect(response.data.contacts.map((contact: BrevoContact) => contact.id)).toEqual([5, 4]);
  });

  it('accepts a limit up to 1000 and rejects 1001', async () => {
    const { api } = await start();
    expect((await api.get('/contacts', { params: { limit: 1000 } })).status).toBe(200);
    expect((await api.get('/contacts', { params: { limit: 1001 } })).status).toBe(400);
  });
});

describe('task types and pipelines', () => {
  it('lists the seven default task types as an array', async () => {
    const { api } = await start();
    const response = await api.get('/crm/tasktypes');
    expect(response.data.map((type: { title: string }) => type.title)).toEqual(['Email', 'Call', 'Meeting', 'Todo', 'Lunch', 'Deadline', 'LinkedIn']);
    for (const type of response.data) expect(type.id).toMatch(HEX_ID);
  });

  it('returns pipelines, one as an array', async () => {
    const { api } = await start();
    expect((await api.get('/crm/pipeline/details/all')).data).toEqual([DEFAULT_PIPELINE]);
    expect((await api.get(`/crm/pipeline/details/${DEFAULT_PIPELINE.pipeline}`)).data).toEqual([DEFAULT_PIPELINE]);
  });

  it('rejects an unknown pipeline with 400', async () => {
    const { api } = await start();
    const response = await api.get('/crm/pipeline/details/5effffffffffffffffffffff');
    expect(response.status).toBe(400);
    expect(response.data).toEqual({ code: 'invalid_parameter', message: 'Pipeline not found' });
  });
});

describe('routing', () => {
  it('responds 404 to an unknown path', async () => {
    const { api } = await start();
    const response = await api.get('/crm/notes');
    expect(response.status).toBe(404);
    expect(response.data.code).toBe('not_found');
    const outsideBase = await axios.get(`http://127.0.0.1:${(await start()).server.port}/crm/tasks`, { headers: { 'api-key': API_KEY }, validateStatus: () => true });
    expect(outsideBase.status).toBe(404);
  });

  it('responds 405 with Allow to a wrong method', async () => {
    const { api } = await start();
    const response = await api.put('/crm/tasks', validTask());
    expect(response.status).toBe(405);
    expect(response.data.code).toBe('method_not_allowed');
    expect(response.headers.allow).toBe('GET, POST');
  });

  it('records method, path, query, body and status', async () => {
    const { server, api } = await start();
    await api.get('/crm/tasks', { params: { limit: 10 } });
    await api.post('/crm/tasks', validTask());
    expect(server.requests).toEqual([
      { method: 'GET', path: '/crm/tasks', query: { limit: '10' }, body: undefined, status: 200, apiKeyPresent: true },
      { method: 'POST', path: '/crm/tasks', query: {}, body: validTask(), status: 201, apiKeyPresent: true },
    ]);
  });

  it('reset restores the initial state', async () => {
    const { server, api } = await start({ rateLimit: { limit: 2, windowSeconds: 60 } });
    await api.post('/crm/tasks', validTask());
    server.faults.add({ kind: 'status', status: 503 });
    await api.get('/crm/tasktypes');
    server.faults.add({ kind: 'status', status: 503 });
    server.reset();
    expect(server.tasks()).toEqual([]);
    expect(server.requests).toEqual([]);
    const response = await api.get('/crm/tasktypes');
    expect(response.status).toBe(200);
    expect(response.headers['x-sib-ratelimit-remaining']).toBe('1');
  });
});

describe('rate limiting', () => {
  it('sends rate-limit headers on every response', async () => {
    const { server, api } = await start({ rateLimit: { limit: 10, windowSeconds: 60 } });
    const responses = [await api.get('/crm/tasktypes'), await api.get('/crm/tasks/nope'), await client(server, null).get('/crm/tasks')];
    for (const response of responses) {
      expect(response.headers['x-sib-ratelimit-limit']).toBe('10');
      expect(response.headers['x-sib-ratelimit-remaining']).toMatch(/^\d+$/);
      expect(response.headers['x-sib-ratelimit-reset']).toMatch(/^\d+$/);
    }
    expect(responses[1]?.headers['x-sib-ratelimit-remaining']).toBe('8');
    // A rejected key does not spend the account's requests.
    expect(responses[2]?.headers['x-sib-ratelimit-remaining']).toBe('8');
  });

  it('responds 429 when spent, recovers after window', async () => {
    let now = 1_000_000;
    const { api } = await start({ rateLimit: { limit: 2, windowSeconds: 60 }, now: () => now });
    expect((await api.get('/crm/tasktypes')).headers['x-sib-ratelimit-remaining']).toBe('1');
    now += 10_500;
    const second = await api.get('/crm/tasktypes');
    expect(second.headers['x-sib-ratelimit-remaining']).toBe('0');
    expect(second.headers['x-sib-ratelimit-reset']).toBe('50');

    const limited = await api.post('/crm/tasks', validTask());
    expect(limited.status).toBe(429);
    expect(limited.data).toEqual({ code: 'too_many_requests', message: 'Too many requests' });
    expect(limited.headers['x-sib-ratelimit-remaining']).toBe('0');
    expect(limited.headers['x-sib-ratelimit-reset']).toBe('50');

    now += 49_499;
    expect((await api.get('/crm/tasktypes')).status).toBe(429);
    now += 1;
    const recovered = await api.get('/crm/tasktypes');
    expect(recovered.status).toBe(200);
    expect(recovered.headers['x-sib-ratelimit-remaining']).toBe('1');
    expect(recovered.headers['x-sib-ratelimit-reset']).toBe('60');
  });

  it('lies in headers when honestHeaders is false', async () => {
    const { api } = await start({ rateLimit: { limit: 1, windowSeconds: 60 }, honestHeaders: false, now: () => 0 });
    expect((await api.get('/crm/tasktypes')).status).toBe(200);
    const limited = await api.get('/crm/tasktypes');
    expect(limited.status).toBe(429);
    expect(limited.headers['x-sib-ratelimit-remaining']).toBe('1');
  });
});

describe('fault injection', () => {
  it('resets the connection without storing the task', async () => {
    const { server, api } = await start();
    server.faults.add({ kind: 'reset', method: 'POST', path: '/crm/tasks' });
    await expect(api.post('/crm/tasks', validTask())).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(server.tasks()).toEqual([]);
    expect(server.requests[0]).toMatchObject({ status: 0, fault: 'reset' });
    expect((await api.post('/crm/tasks', validTask())).status).toBe(201);
  });

  it('resetAfterCreate stores the task', async () => {
    const { server, api } = await start();
    server.faults.add({ kind: 'resetAfterCreate' });
    await expect(api.get('/crm/tasktypes')).resolves.toMatchObject({ status: 200 });
    await expect(api.post('/crm/tasks', validTask())).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(server.tasks()).toHaveLength(1);
    expect(server.tasks()[0]?.name).toBe('Call Anna');
  });

  it('hangs until the client times out', async () => {
    const { server } = await start();
    server.faults.add({ kind: 'hang', path: '/crm/tasktypes' });
    const impatient = client(server, API_KEY, 200);
    await expect(impatient.get('/crm/tasktypes')).rejects.toMatchObject({ code: 'ECONNABORTED' });
    expect((await impatient.get('/crm/tasktypes')).status).toBe(200);
  });

  it('hangAfterCreate stores the task', async () => {
    const { server } = await start();
    server.faults.add({ kind: 'hangAfterCreate' });
    await expect(client(server, API_KEY, 200).post('/crm/tasks', validTask())).rejects.toMatchObject({ code: 'ECONNABORTED' });
    expect(server.tasks()).toHaveLength(1);
  });

  it('closes with a request still hanging', async () => {
    const server = await startBrevoServer();
    server.faults.add({ kind: 'hang' });
    const pending = client(server).get('/crm/tasktypes').catch((error: unknown) => error);
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('responds normally after latency', async () => {
    const { server, api } = await start();
    server.faults.add({ kind: 'latency', ms: 150 });
    const started = performance.now();
    const response = await api.get('/crm/tasktypes');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
  });

  it('injects status 503 twice', async () => {
    const { server, api } = await start();
    server.faults.add({ kind: 'status', status: 503, times: 2, path: /^\/crm\/tasks/ });
    const first = await api.post('/crm/tasks', validTask());
    expect(first.status).toBe(503);
    expect(first.data).toEqual({ code: 'service_unavailable', message: 'Service Unavailable' });
    expect(first.headers['x-sib-ratelimit-limit']).toBeDefined();
    expect((await api.get('/crm/tasks')).status).toBe(503);
    expect((await api.get('/crm/tasks')).status).toBe(200);
    expect(server.tasks()).toEqual([]);
  });

  it('sends a custom fault body and headers', async () => {
    const { server, api } = await start();
    server.faults.add({ kind: 'status', status: 429, body: { message: 'slow down' }, headers: { 'x-sib-ratelimit-reset': '7' } });
    const response = await api.get('/crm/deals');
    expect(response.status).toBe(429);
    expect(response.data).toEqual({ message: 'slow down' });
    expect(response.headers['x-sib-ratelimit-reset']).toBe('7');
  });

  it('leaves non-matching requests alone', async () => {
    const { server, api } = await start();
    server.faults.add({ kind: 'status', status: 500, method: 'GET', path: '/v3/crm/deals' });
    expect((await api.post('/crm/tasks', validTask())).status).toBe(201);
    expect((await api.get('/crm/deals')).status).toBe(500);
    server.faults.add({ kind: 'status', status: 500 });
    server.faults.clear();
    expect((await api.get('/crm/deals')).status).toBe(200);
  });
});

describe('rate-limit buckets and windows', () => {
  it('counts /contacts apart from the CRM endpoints', async () => {
    const { server, api } = await start({ rateLimit: { limit: 5, windowSeconds: 60 }, contactsRateLimit: { limit: 2, windowSeconds: 60 } });
    await api.get('/contacts');
    await api.get('/contacts');
    expect((await api.get('/contacts')).status).toBe(429);
    const crm = await api.get('/crm/tasktypes');
    expect(crm.status).toBe(200);
    expect(crm.headers['x-sib-ratelimit-limit']).toBe('5');
    expect(crm.headers['x-sib-ratelimit-remaining']).toBe('4');
    expect(server.rateLimitWindows('contacts')).toEqual([{ start: expect.any(Number), accepted: 2, rejected: 1 }]);
    expect(server.rateLimitWindows('crm')).toEqual([{ start: expect.any(Number), accepted: 1, rejected: 0 }]);
  });

  it('logs one entry per window opened', async () => {
    let now = 5_000_000;
    const { server, api } = await start({ rateLimit: { limit: 1, windowSeconds: 10 }, now: () => now });
    await api.get('/crm/tasktypes');
    await api.get('/crm/tasktypes');
    now += 10_000;
    await api.get('/crm/tasktypes');
    expect(server.rateLimitWindows()).toEqual([
      { start: 5_000_000, accepted: 1, rejected: 1 },
      { start: 5_010_000, accepted: 1, rejected: 0 },
    ]);
    server.reset();
    expect(server.rateLimitWindows()).toEqual([]);
  });

  it('sends the Date header from its clock', async () => {
    const { api } = await start({ now: () => Date.parse('2026-12-01T08:00:00.000Z') });
    const response = await api.get('/crm/tasktypes');
    expect(response.headers.date).toBe('Tue, 01 Dec 2026 08:00:00 GMT');
  });
});

describe('changing records', () => {
  it('putRecord stamps the modification time and reset restores the seed', async () => {
    const { server, api } = await start({ now: () => Date.parse('2026-06-01T00:00:00.000Z') });
    server.putRecord('deal', { ...deals[0]!, attributes: { ...deals[0]!.attributes, deal_name: 'Renamed' } });
    server.putRecord('contact', { id: 9, email: 'new@example.com', attributes: {} });

    const changed = await api.get('/crm/deals', { params: { modifiedSince: '2026-05-31T00:00:00.000Z' } });
    expect(changed.data.items).toHaveLength(1);
    expect(changed.data.items[0].attributes).toMatchObject({ deal_name: 'Renamed', last_updated_date: '2026-06-01T00:00:00.000Z' });
    expect((await api.get('/contacts', { params: { modifiedSince: '2026-05-31T00:00:00.000Z' } })).data.count).toBe(1);

    server.reset();
    expect((await api.get('/crm/deals', { params: { modifiedSince: '2026-05-31T00:00:00.000Z' } })).data.items).toEqual([]);
    expect((await api.get('/contacts')).data.count).toBe(contacts.length);
  });

  it('deleteRecord removes a record, so a task linking it gets 404 with checkLinks', async () => {
    const { server, api } = await start({ checkLinks: true });
    expect(server.deleteRecord('deal', DEAL_OLD)).toBe(true);
    expect(server.deleteRecord('deal', DEAL_OLD)).toBe(false);
    expect((await api.get(`/crm/deals/${DEAL_OLD}`)).status).toBe(404);
    expect((await api.post('/crm/tasks', validTask())).status).toBe(404);
  });
});

describe('request events', () => {
  it('fires request before acting and response after sending', async () => {
    const { server, api } = await start();
    const seen: string[] = [];
    server.on('request', (request) => seen.push(`request ${request.method} ${request.status}`));
    server.on('response', (request) => seen.push(`response ${request.method} ${request.status}`));
    await api.post('/crm/tasks', validTask());
    expect(seen).toEqual(['request POST 0', 'response POST 201']);
  });
});

describe('stalled bodies', () => {
  it('stallBody stores the task and never finishes the response', async () => {
    const { server } = await start();
    server.faults.add({ kind: 'stallBody', method: 'POST', path: '/crm/tasks' });
    const controller = new AbortController();
    const pending = client(server).post('/crm/tasks', validTask(), { signal: controller.signal }).catch((error: unknown) => error);
    while (server.tasks().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();

    expect(await pending).toMatchObject({ code: 'ERR_CANCELED' });
    expect(server.tasks()).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ status: 201, fault: 'stallBody' });
  });
});

describe('seeding from a data directory', () => {
  it('reads every data file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'brevo-seed-'));
    try {
      const pipeline = { pipeline: '5ea675e3da0dd085acaea611', pipeline_name: 'Renewals', stages: [{ id: '11111111-2222-4333-8444-555555555555', name: 'Due' }] };
      const task = { id: '6c0000000000000000000001', name: 'Seeded', taskTypeId: 'custom-type', date: '2026-01-01T00:00:00Z' };
      await writeFile(join(dir, 'deals.json'), JSON.stringify({ items: deals }));
      await writeFile(join(dir, 'companies.json'), JSON.stringify({ items: companies }));
      await writeFile(join(dir, 'contacts.json'), JSON.stringify({ contacts, count: contacts.length }));
      await writeFile(join(dir, 'pipelines.json'), JSON.stringify([pipeline]));
      await writeFile(join(dir, 'tasktypes.json'), JSON.stringify([{ id: 'custom-type', title: 'Renewal' }]));
      await writeFile(join(dir, 'tasks.json'), JSON.stringify({ items: [task] }));

      const { api } = await start({ seed: await seedFromDirectory(dir) });
      expect((await api.get('/crm/deals')).data.items).toHaveLength(2);
      expect((await api.get('/contacts')).data.count).toBe(5);
      expect((await api.get('/crm/pipeline/details/all')).data).toEqual([pipeline]);
      expect((await api.get('/crm/tasktypes')).data).toEqual([{ id: 'custom-type', title: 'Renewal' }]);
      expect((await api.get(`/crm/tasks/${task.id}`)).data).toMatchObject({ ...task, done: false });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a seed with a malformed deal id', async () => {
    await expect(startBrevoServer({ seed: { deals: [{ id: 'deal_1', attributes: {} }] } })).rejects.toThrow(/deal id "deal_1" is invalid/);
  });
});

describe('standalone runner', () => {
  it('prints the base URL and serves until SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/brevo-server/main.ts', '--api-key', 'runner-key', '--rate-limit', '5', '--rate-window', '60'], {
      cwd: join(import.meta.dirname, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const url = await new Promise<string>((resolve) => lines.once('line', resolve));
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3$/);
      const response = await axios.get(`${url}/crm/tasktypes`, { headers: { 'api-key': 'runner-key' }, validateStatus: () => true });
      expect(response.status).toBe(200);
      expect(response.headers['x-sib-ratelimit-limit']).toBe('5');
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 20_000);
});
