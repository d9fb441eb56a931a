import { parseZonedDateTime } from './dates.js';
import { invalidParameter, NOT_VALID_DATA } from './errors.js';
import { isContactId, isHexId } from './ids.js';
import { readIdList, type SortKey } from './query.js';
import type { BrevoStore, StoredTask } from './store.js';

type TaskPredicate = (task: StoredTask) => boolean;

const DAY_MS = 24 * 60 * 60 * 1000;
const SORTABLE_FIELDS = new Set(['name', 'date', 'duration', 'done', 'createdAt', 'updatedAt', 'taskTypeId', 'assignToId']);
const TIME_FIELDS = new Set(['date', 'createdAt', 'updatedAt']);

/**
 * Builds the predicates for GET /crm/tasks from its singular `filter[...]`
 * parameters. Id lists are comma-separated and a task matches when it links
 * any of them. `filter[assignTo]` accepts a user id or an account email.
 */
export function taskFilters(query: URLSearchParams, store: BrevoStore, now: number): TaskPredicate[] {
  const predicates: TaskPredicate[] = [];
  const type = query.get('filter[type]');
  if (type !== null) predicates.push((task) => task.taskTypeId === type);

  const status = query.get('filter[status]');
  if (status !== null) {
    if (status !== 'done' && status !== 'undone') throw invalidParameter(NOT_VALID_DATA);
    predicates.push((task) => task.done === (status === 'done'));
  }

  const assignTo = query.get('filter[assignTo]');
  if (assignTo !== null) {
    const userId = store.userIdFor(assignTo);
    predicates.push((task) => task.assignToId === userId);
  }

  const contacts = query.get('filter[contacts]');
  if (contacts !== null) {
    const ids = readIdList(contacts, 'filter[contacts]', (part) => (/^\d+$/.test(part) && isContactId(Number(part)) ? Number(part) : undefined));
    predicates.push((task) => task.contactsIds.some((id) => ids.includes(id)));
  }
  for (const [name, field] of [['filter[deals]', 'dealsIds'], ['filter[companies]', 'companiesIds']] as const) {
    const text = query.get(name);
    if (text === null) continue;
    const ids = readIdList(text, name, (part) => (isHexId(part) ? part : undefined));
    predicates.push((task) => task[field].some((id) => ids.includes(id)));
  }

  const date = dateFilter(query, now);
  if (date) predicates.push(date);
  return predicates;
}

/**
 * `filter[date]`: overdue, today, tomorrow, week or range. Days are UTC days,
 * `week` is today and the six days after it, and `range` reads `dateFrom` and
 * `dateTo` as epoch milliseconds, both inclusive.
 * NOTE: Brevo documents neither the time zone of these days nor what `week` spans.
 */
function dateFilter(query: URLSearchParams, now: number): TaskPredicate | undefined {
  const kind = query.get('filter[date]');
  if (kind === null) {
    if (query.has('dateFrom') || query.has('dateTo')) throw invalidParameter('dateFrom and dateTo need filter[date]=range');
    return undefined;
  }
  const startOfToday = Math.floor(now / DAY_MS) * DAY_MS;
  const dueBetween = (from: number, to: number): TaskPredicate => (task) => {
    const due = parseZonedDateTime(task.date) ?? Number.NaN;
    return due >= from && due < to;
  };
  switch (kind) {
    case 'overdue':
      return (task) => !task.done && (parseZonedDateTime(task.date) ?? Number.POSITIVE_INFINITY) < now;
    case 'today':
      return dueBetween(startOfToday, startOfToday + DAY_MS);
    case 'tomorrow':
      return dueBetween(startOfToday + DAY_MS, startOfToday + 2 * DAY_MS);
    case 'week':
      return dueBetween(startOfToday, startOfToday + 7 * DAY_MS);
    case 'range': {
      const from = readEpochMs(query, 'dateFrom') ?? Number.NEGATIVE_INFINITY;
      const to = readEpochMs(query, 'dateTo') ?? Number.POSITIVE_INFINITY;
      return dueBetween(from, to + 1);
    }
    default:
      throw invalidParameter(NOT_VALID_DATA);
  }
}

function readEpochMs(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null) return undefined;
  if (!/^\d+$/.test(text)) throw invalidParameter(`${name} "${text}" is invalid: expected epoch milliseconds`);
  return Number(text);
}

/** Returns the sort key function for `sortBy`, by default the creation time. */
export function taskSortKey(sortBy: string | null): (task: StoredTask) => SortKey {
  const field = sortBy ?? 'createdAt';
  if (!SORTABLE_FIELDS.has(field)) throw invalidParameter(`sortBy "${field}" is invalid: expected one of ${[...SORTABLE_FIELDS].join(', ')}`);
  if (TIME_FIELDS.has(field)) return (task) => parseZonedDateTime(task[field as 'date']);
  return (task) => task[field as keyof StoredTask] as SortKey;
}
