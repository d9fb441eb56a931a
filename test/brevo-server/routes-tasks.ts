import { documentNotFound, invalidParameter, NOT_VALID_DATA } from './errors.js';
import { isHexId } from './ids.js';
import { checkQueryNames, readInteger, readSortDirection, sortByKey } from './query.js';
import type { Route, RouteContext } from './router.js';
import type { StoredTask } from './store.js';
import { readTaskBody } from './task-body.js';
import { taskFilters, taskSortKey } from './task-filters.js';

// NOTE: Brevo documents no maximum `limit` for CRM lists, so 100 is an assumption.
// A larger limit is rejected, so that a client relying on more fails loudly.
export const CRM_LIST_MAX_LIMIT = 100;

const TASK_LIST_PARAMETERS = new Set([
  'filter[type]', 'filter[status]', 'filter[date]', 'filter[assignTo]', 'filter[contacts]',
  'filter[deals]', 'filter[companies]', 'dateFrom', 'dateTo', 'offset', 'limit', 'sort', 'sortBy',
]);

export const taskRoutes: Route[] = [
  { method: 'GET', path: '/crm/tasks', handle: listTasks },
  { method: 'POST', path: '/crm/tasks', handle: createTask },
  { method: 'GET', path: '/crm/tasks/:id', handle: (context) => ({ status: 200, body: findTask(context) }) },
  { method: 'PATCH', path: '/crm/tasks/:id', handle: updateTask },
  { method: 'DELETE', path: '/crm/tasks/:id', handle: deleteTask },
];

/** Lists tasks as `{items}` without a total, as Brevo does, so clients page until a short page. */
function listTasks({ query, store, rules, now }: RouteContext): { status: number; body: { items: StoredTask[] } } {
  // The plural `filters[...]` is the deals syntax and the simplified vendor shape, so on tasks it is always a 400.
  if ([...query.keys()].some((name) => name === 'filters' || name.startsWith('filters['))) {
    throw invalidParameter(NOT_VALID_DATA);
  }
  checkQueryNames(query, (name) => TASK_LIST_PARAMETERS.has(name), rules.unknownFields === 'reject');
  const offset = readInteger(query, 'offset', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
  const limit = readInteger(query, 'limit', { min: 1, max: CRM_LIST_MAX_LIMIT, fallback: 50 });
  const direction = readSortDirection(query);
  const sortKey = taskSortKey(query.get('sortBy'));
  const predicates = taskFilters(query, store, now());

  const matching = [...store.tasks.values()].filter((task) => predicates.every((matches) => matches(task)));
  const page = sortByKey(matching, sortKey, direction).slice(offset, offset + limit);
  return { status: 200, body: { items: structuredClone(page) } };
}

/** Creates a task. The 201 response contains only the new id, as Brevo does not echo the task. */
function createTask({ body, store, rules }: RouteContext): { status: number; body: { id: string } } {
  const fields = readTaskBody(body, 'create', store, rules);
  const { name, taskTypeId, date } = fields;
  if (name === undefined || taskTypeId === undefined || date === undefined) {
    throw new Error('readTaskBody let a create body through without name, taskTypeId or date');
  }
  return { status: 201, body: { id: store.createTask({ ...fields, name, taskTypeId, date }) } };
}

/** Replaces each field sent, including whole id lists, and responds with 204. */
function updateTask(context: RouteContext): { status: number } {
  const task = findTask(context);
  context.store.updateTask(task, readTaskBody(context.body, 'patch', context.store, context.rules));
  return { status: 204 };
}

function deleteTask(context: RouteContext): { status: number } {
  const task = findTask(context);
  context.store.tasks.delete(task.id);
  return { status: 204 };
}

function findTask({ params, store }: RouteContext): StoredTask {
  const id = params.id;
  if (!isHexId(id)) throw invalidParameter('Route attribute id is not valid.');
  const task = store.tasks.get(id);
  if (!task) throw documentNotFound();
  return task;
}
