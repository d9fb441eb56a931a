/**
 * The search for an unconfirmed task by its key marker, against the
 * Brevo-compatible server: a task linked to no record is searched among
 * its assignee's newest tasks, on Brevo's clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BrevoClient } from '../src/brevo/client.js';
import { findMarkedTask } from '../src/execute/marker-search.js';
import type { OutboxEntry } from '../src/state/store.js';
import { DEFAULT_TASK_TYPES, startBrevoServer, type BrevoServer } from './brevo-server/server.js';
import { FAST_RETRY } from './support/apply-env.js';

const API_KEY = 'marker-search-key-2c8d';
const ASSIGNEE = 'revops@example.com';
const KEY = 'fu-0123456789abcdef0123';
const servers: BrevoServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function unlinkedEntry(firstSentAt: string): OutboxEntry {
  const task = { name: 'Renewal', taskType: 'Deadline', taskTypeId: '', date: '2027-01-04T08:00:00.000Z', done: false, assignToId: ASSIGNEE, dealsIds: [], companiesIds: [], contactsIds: [] };
  return { key: KEY, task, rule: 'unlinked', recordType: 'company', recordId: 'c1', status: 'sending', attempts: 1, lastError: null, firstSentAt, updatedAt: firstSentAt, graceMs: 2_000 };
}

async function createTask(client: BrevoClient, name: string, notes: string): Promise<string> {
  return client.createTask({ name, notes, taskTypeId: DEFAULT_TASK_TYPES[0]!.id, date: '2027-01-04T08:00:00.000Z', done: false, assignToId: ASSIGNEE, dealsIds: [], companiesIds: [], contactsIds: [] });
}

describe('marker search of an unlinked task', () => {
  it('pages past newer tasks when Brevo runs 11 minutes behind', async () => {
    const server = await startBrevoServer({ apiKey: API_KEY, now: () => Date.now() - 11 * 60_000 });
    servers.push(server);
    const client = new BrevoClient({ apiKey: API_KEY, baseUrl: server.url, retry: FAST_RETRY });
    const firstSentAt = new Date().toISOString();
    const stored = await createTask(client, 'Renewal', `Renew the contract. [followup:${KEY}]`);
    for (let i = 0; i < 60; i++) await createTask(client, `Other task ${i}`, 'unrelated');

    expect(await findMarkedTask(client, unlinkedEntry(firstSentAt))).toBe(stored);
  });

  it('stops at tasks Brevo created well before the first attempt', async () => {
    const server = await startBrevoServer({ apiKey: API_KEY });
    servers.push(server);
    const client = new BrevoClient({ apiKey: API_KEY, baseUrl: server.url, retry: FAST_RETRY });
    for (let i = 0; i < 60; i++) await createTask(client, `Older task ${i}`, 'unrelated');
    const later = new Date(Date.now() + 20 * 60_000).toISOString();

    expect(await findMarkedTask(client, unlinkedEntry(later))).toBeNull();
    expect(server.requests.filter((request) => request.method === 'GET')).toHaveLength(1);
  });
});
