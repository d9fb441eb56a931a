import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  BrevoCompany,
  BrevoContact,
  BrevoDeal,
  BrevoPipeline,
  BrevoTask,
  BrevoTaskType,
} from '../../src/types/records.js';
import { isContactId, isHexId, isUuid } from './ids.js';

/** A CRM user: tasks and deals assigned by email read back with this id. */
export interface BrevoUser {
  id: string;
  email: string;
}

/** The account contents at start, in Brevo's response shapes. */
export interface BrevoSeed {
  taskTypes: BrevoTaskType[];
  pipelines: BrevoPipeline[];
  deals: BrevoDeal[];
  companies: BrevoCompany[];
  contacts: BrevoContact[];
  tasks: BrevoTask[];
  users: BrevoUser[];
}

/** The task types Brevo creates for a new account, with fixed ids for tests. */
export const DEFAULT_TASK_TYPES: readonly BrevoTaskType[] = [
  { id: '6650a1e0c0ffee0000000001', title: 'Email' },
  { id: '6650a1e0c0ffee0000000002', title: 'Call' },
  { id: '6650a1e0c0ffee0000000003', title: 'Meeting' },
  { id: '6650a1e0c0ffee0000000004', title: 'Todo' },
  { id: '6650a1e0c0ffee0000000005', title: 'Lunch' },
  { id: '6650a1e0c0ffee0000000006', title: 'Deadline' },
  { id: '6650a1e0c0ffee0000000007', title: 'LinkedIn' },
];

export const DEFAULT_PIPELINE: BrevoPipeline = {
  pipeline: '5ea675e3da0dd085acaea610',
  pipeline_name: 'Sales Pipeline',
  stages: [
    { id: '9e577ff7-8e42-4ab3-be26-2b5e01b42518', name: 'Lead' },
    { id: '2c1d4b6e-0f3a-4e5b-9a7c-1d2e3f4a5b01', name: 'Qualified' },
    { id: '2c1d4b6e-0f3a-4e5b-9a7c-1d2e3f4a5b02', name: 'Demo' },
    { id: '2c1d4b6e-0f3a-4e5b-9a7c-1d2e3f4a5b03', name: 'Proposal' },
    { id: '2c1d4b6e-0f3a-4e5b-9a7c-1d2e3f4a5b04', name: 'Negotiation' },
    { id: '2c1d4b6e-0f3a-4e5b-9a7c-1d2e3f4a5b05', name: 'Closed Won' },
    { id: '2c1d4b6e-0f3a-4e5b-9a7c-1d2e3f4a5b06', name: 'Closed Lost' },
  ],
};

/** Fills the missing parts of `partial` with the defaults and checks every id format. */
export function completeSeed(partial: Partial<BrevoSeed> = {}): BrevoSeed {
  const seed: BrevoSeed = structuredClone({
    taskTypes: partial.taskTypes ?? [...DEFAULT_TASK_TYPES],
    pipelines: partial.pipelines ?? [DEFAULT_PIPELINE],
    deals: partial.deals ?? [],
    companies: partial.companies ?? [],
    contacts: partial.contacts ?? [],
    tasks: partial.tasks ?? [],
    users: partial.users ?? [],
  });
  checkSeedIds(seed);
  return seed;
}

/**
 * Reads a data directory of Brevo API responses: `deals.json` `{items}`,
 * `companies.json` `{items}`, `contacts.json` `{contacts, count}`,
 * `pipelines.json` (array), `tasktypes.json` (array) and `tasks.json` `{items}`.
 * A missing file leaves that part to `completeSeed`: defaults for task types
 * and pipelines, empty lists for the rest.
 */
export async function seedFromDirectory(dir: string): Promise<BrevoSeed> {
  const deals = await readJsonFile(dir, 'deals.json');
  const companies = await readJsonFile(dir, 'companies.json');
  const contacts = await readJsonFile(dir, 'contacts.json');
  const pipelines = await readJsonFile(dir, 'pipelines.json');
  const taskTypes = await readJsonFile(dir, 'tasktypes.json');
  const tasks = await readJsonFile(dir, 'tasks.json');

  return completeSeed({
    deals: deals === undefined ? undefined : listProperty<BrevoDeal>(deals, 'items', 'deals.json'),
    companies: companies === undefined ? undefined : listProperty<BrevoCompany>(companies, 'items', 'companies.json'),
    contacts: contacts === undefined ? undefined : listProperty<BrevoContact>(contacts, 'contacts', 'contacts.json'),
    pipelines: pipelines === undefined ? undefined : topLevelList<BrevoPipeline>(pipelines, 'pipelines.json'),
    taskTypes: taskTypes === undefined ? undefined : topLevelList<BrevoTaskType>(taskTypes, 'tasktypes.json'),
    tasks: tasks === undefined ? undefined : listProperty<BrevoTask>(tasks, 'items', 'tasks.json'),
  });
}

async function readJsonFile(dir: string, name: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(join(dir, name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${join(dir, name)} is not valid JSON: ${(error as Error).message}`);
  }
}

function listProperty<T>(value: unknown, key: string, file: string): T[] {
  const list = (value as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) throw new Error(`${file} must be an object with an array "${key}"`);
  return list as T[];
}

function topLevelList<T>(value: unknown, file: string): T[] {
  if (!Array.isArray(value)) throw new Error(`${file} must be a JSON array`);
  return value as T[];
}

function checkSeedIds(seed: BrevoSeed): void {
  const expect = (ok: boolean, recordType: string, id: unknown, format: string): void => {
    if (!ok) throw new Error(`seed ${recordType} id ${JSON.stringify(id)} is invalid: expected ${format}`);
  };
  for (const deal of seed.deals) expect(isHexId(deal.id), 'deal', deal.id, '24 hex digits');
  for (const company of seed.companies) expect(isHexId(company.id), 'company', company.id, '24 hex digits');
  for (const task of seed.tasks) expect(isHexId(task.id), 'task', task.id, '24 hex digits');
  for (const user of seed.users) expect(isHexId(user.id), 'user', user.id, '24 hex digits');
  for (const contact of seed.contacts) expect(isContactId(contact.id), 'contact', contact.id, 'a positive integer');
  for (const pipeline of seed.pipelines) {
    expect(isHexId(pipeline.pipeline), 'pipeline', pipeline.pipeline, '24 hex digits');
    for (const stage of pipeline.stages) expect(isUuid(stage.id), 'stage', stage.id, 'a UUID');
  }
}
