/**
 * The file source: a directory of Brevo API responses, exactly as Brevo
 * returns them, plus `snapshot.json` with the capture time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../types/diagnostics.js';
import type {
  AccountSnapshot,
  BrevoCompany,
  BrevoContact,
  BrevoDeal,
  BrevoPipeline,
  BrevoTask,
  BrevoTaskType,
  LoyaltyEvent,
} from '../types/records.js';
import { SourceError } from './errors.js';
import { keepValidRecords } from './record-checks.js';

export interface SourceResult {
  snapshot: AccountSnapshot;
  problems: Diagnostic[];
}

/** Read a data directory; missing optional files count as empty. */
export function readDataDirectory(dir: string): SourceResult {
  if (!existsSync(dir)) throw new SourceError('SOURCE_DIR_MISSING', { dir });
  const problems: Diagnostic[] = [];
  const read = (name: string, optional = false): unknown => readJsonFile(dir, name, optional);

  const deals = listItems<BrevoDeal>(read('deals.json'), 'items', 'deals.json');
  const companies = listItems<BrevoCompany>(read('companies.json'), 'items', 'companies.json');
  const contacts = listItems<BrevoContact>(read('contacts.json', true) ?? { contacts: [] }, 'contacts', 'contacts.json');
  const pipelines = listArray<BrevoPipeline>(read('pipelines.json'), 'pipelines.json');
  const taskTypes = listArray<BrevoTaskType>(read('tasktypes.json'), 'tasktypes.json');
  const tasks = listItems<BrevoTask>(read('tasks.json', true) ?? { items: [] }, 'items', 'tasks.json');
  const loyaltyEvents = readEvents(join(dir, 'loyalty-events.ndjson'), problems);
  const capturedAt = readCaptureTime(read('snapshot.json', true));

  const snapshot: AccountSnapshot = {
    capturedAt,
    deals: keepValidRecords('deal', deals, problems),
    companies: keepValidRecords('company', companies, problems),
    contacts: keepValidRecords('contact', contacts, problems),
    pipelines,
    taskTypes,
    tasks,
    loyaltyEvents,
  };
  return { snapshot, problems };
}

function readJsonFile(dir: string, name: string, optional: boolean): unknown {
  const path = join(dir, name);
  if (!existsSync(path)) {
    if (optional) return undefined;
    throw new SourceError('SOURCE_FILE_MISSING', { file: path });
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SourceError('SOURCE_FILE_INVALID', { file: path, detail: (error as Error).message });
  }
}

function listItems<T>(body: unknown, key: string, file: string): T[] {
  const list = (body as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) throw new SourceError('SOURCE_FILE_SHAPE', { file, expected: `{ "${key}": [...] }` });
  return list as T[];
}

function listArray<T>(body: unknown, file: string): T[] {
  if (!Array.isArray(body)) throw new SourceError('SOURCE_FILE_SHAPE', { file, expected: '[...]' });
  return body as T[];
}

function readCaptureTime(body: unknown): string {
  const value = (body as { capturedAt?: unknown } | undefined)?.capturedAt;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  return new Date().toISOString();
}

/** Parse NDJSON events; a bad line is a problem, not the end of the file. */
function readEvents(path: string, problems: Diagnostic[]): LoyaltyEvent[] {
  if (!existsSync(path)) return [];
  const events: LoyaltyEvent[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const event = parseEventLine(line);
    if (event) {
      events.push(event);
      return;
    }
    problems.push({
      code: 'EVENT_INVALID',
      severity: 'warning',
      params: { file: path, line: index + 1 },
      position: { file: path, line: index + 1, col: 1 },
    });
  });
  return events;
}

function parseEventLine(line: string): LoyaltyEvent | null {
  try {
    const value = JSON.parse(line) as Partial<LoyaltyEvent>;
    const valid =
      typeof value.id === 'string' &&
      typeof value.type === 'string' &&
      typeof value.occurredAt === 'string' &&
      !Number.isNaN(Date.parse(value.occurredAt));
    return valid ? (value as LoyaltyEvent) : null;
  } catch {
    return null;
  }
}
