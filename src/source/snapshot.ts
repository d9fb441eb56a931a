/**
 * `followup snapshot`: the whole live account written as a data directory
 * that the file source reads, each file in the shape Brevo returned it.
 * Entries are written as received, bad ones included, so the directory shows
 * the account as it is and the file source reports the bad ones.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrevoClient } from '../brevo/client.js';
import type { SyncKind } from '../state/store.js';
import { arrayOf } from './live-shapes.js';
import { readCompanies, readContacts, readDeals, readTasks } from './live-pages.js';
import { DEFAULT_PAGE_SIZES, withSourceErrors } from './live-source.js';

export interface AccountDump {
  capturedAt: string;
  deals: unknown[];
  companies: unknown[];
  contacts: unknown[];
  tasks: unknown[];
  pipelines: unknown[];
  taskTypes: unknown[];
}

export async function readAccountDump(client: BrevoClient, options: { pageSizes?: Partial<Record<SyncKind, number>>; clock?: () => number } = {}): Promise<AccountDump> {
  const sizes = { ...DEFAULT_PAGE_SIZES, ...options.pageSizes };
  const capturedAt = new Date((options.clock ?? Date.now)()).toISOString();
  return withSourceErrors(async () => ({
    capturedAt,
    taskTypes: arrayOf((await client.getTaskTypes()).data, '/crm/tasktypes'),
    pipelines: arrayOf((await client.getPipelines()).data, '/crm/pipeline/details/all'),
    deals: (await readDeals(client, sizes.deal)).items,
    companies: (await readCompanies(client, sizes.company)).items,
    contacts: (await readContacts(client, sizes.contact)).items,
    tasks: (await readTasks(client, sizes.task)).items,
  }));
}

/** Writes each file through a temporary name and a rename, so a reader never sees half a file. */
export function writeDataDirectory(dir: string, dump: AccountDump): void {
  mkdirSync(dir, { recursive: true });
  const files: [string, unknown][] = [
    ['deals.json', { items: dump.deals }],
    ['companies.json', { items: dump.companies }],
    ['contacts.json', { contacts: dump.contacts, count: dump.contacts.length }],
    ['pipelines.json', dump.pipelines],
    ['tasktypes.json', dump.taskTypes],
    ['tasks.json', { items: dump.tasks }],
    ['snapshot.json', { capturedAt: dump.capturedAt, source: 'brevo' }],
  ];
  for (const [name, body] of files) {
    const path = join(dir, name);
    writeFileSync(`${path}.tmp`, `${JSON.stringify(body, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
  }
}
