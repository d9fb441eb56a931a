/**
 * Writes an account as a data directory: one file per Brevo list endpoint,
 * each holding the response body that endpoint returns.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountSnapshot } from '../../src/types/records.js';

/**
 * Writes `snapshot.json`, `deals.json`, `companies.json`, `contacts.json`,
 * `pipelines.json`, `tasktypes.json`, `tasks.json` and `loyalty-events.ndjson`
 * into `dir`, creating it when missing and replacing those files. Lists are
 * newest first, the default order of Brevo's list endpoints.
 */
export async function writeDataDirectory(
  dir: string,
  account: AccountSnapshot,
  source = 'generated',
): Promise<void> {
  await mkdir(dir, { recursive: true });

  const files: Record<string, string> = {
    'snapshot.json': toJson({ capturedAt: account.capturedAt, source }),
    'deals.json': toJson({ items: newestFirst(account.deals, (deal) => deal.attributes.created_at) }),
    'companies.json': toJson({ items: newestFirst(account.companies, (company) => company.attributes.created_at) }),
    'contacts.json': toJson({
      contacts: newestFirst(account.contacts, (contact) => contact.createdAt),
      count: account.contacts.length,
    }),
    'pipelines.json': toJson(account.pipelines),
    'tasktypes.json': toJson(account.taskTypes),
    'tasks.json': toJson({ items: newestFirst(account.tasks, (task) => task.createdAt) }),
    'loyalty-events.ndjson': account.loyaltyEvents.map((event) => JSON.stringify(event) + '\n').join(''),
  };

  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(dir, name), text, 'utf8');
  }
}

function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Returns a copy sorted by creation time, newest first. Records without a parseable time go last. */
function newestFirst<T>(records: readonly T[], createdAt: (record: T) => unknown): T[] {
  const time = (record: T): number => {
    const parsed = Date.parse(String(createdAt(record)));
    return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
  };
  return [...records].sort((a, b) => time(b) - time(a));
}
