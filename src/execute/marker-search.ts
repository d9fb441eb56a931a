/**
 * Finds a task whose creation was never confirmed. Brevo has no idempotency
 * key for tasks, so every task carries `[followup:<key>]` in its notes, and
 * this search looks for that marker among the tasks linked to the task's
 * first deal, company or contact. A task linked to nothing is searched among
 * the tasks of its assignee created since shortly before the first attempt.
 */
import type { BrevoClient, TaskListFilter } from '../brevo/client.js';
import { keyMarker } from '../evaluate/render-task.js';
import { listOf } from '../source/live-shapes.js';
import type { OutboxEntry } from '../state/store.js';

const PAGE_SIZE = 50;

/** How far before the first attempt the search of an unlinked task starts, for clock skew between Followup and Brevo. */
const UNLINKED_SKEW_MS = 10 * 60_000;

/**
 * Returns the id of the task carrying the entry's marker, or null when Brevo has none.
 * NOTE: this assumes Brevo lists a new task as soon as the POST that created it is done, which Brevo does not document.
 */
export async function findMarkedTask(client: BrevoClient, entry: OutboxEntry): Promise<string | null> {
  const linked = linkFilter(entry);
  if (linked) return searchPages(client, linked, keyMarker(entry.key), null);
  return searchPages(client, { assignTo: entry.task.assignToId }, keyMarker(entry.key), Date.parse(entry.firstSentAt ?? ''));
}

/**
 * Pages through the tasks, newest first. With `firstSentAt` (host clock,
 * epoch milliseconds), the search stops at the first page that reaches tasks
 * Brevo created well before that time. The `Date` header of the first page
 * moves the time onto Brevo's clock, so a skewed host clock does not cut the search short.
 */
async function searchPages(client: BrevoClient, filter: TaskListFilter, marker: string, firstSentAt: number | null): Promise<string | null> {
  let since: number | null = null;
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const requestedAt = Date.now();
    const response = await client.listTasks(filter, { offset, limit: PAGE_SIZE, sort: 'desc' });
    if (offset === 0 && firstSentAt !== null && !Number.isNaN(firstSentAt)) {
      const skew = response.serverTime === null ? 0 : response.serverTime - requestedAt;
      since = firstSentAt + skew - UNLINKED_SKEW_MS;
    }
    const page = listOf(response.data, 'items', '/crm/tasks') as { id?: unknown; notes?: unknown; createdAt?: unknown }[];
    const match = page.find((task) => typeof task?.notes === 'string' && task.notes.includes(marker) && typeof task.id === 'string');
    if (match) return match.id as string;
    if (page.length < PAGE_SIZE || (since !== null && page.some((task) => task !== null && createdBefore(task, since!)))) return null;
  }
}

function createdBefore(task: { createdAt?: unknown }, since: number): boolean {
  const created = Date.parse(String(task.createdAt ?? ''));
  return !Number.isNaN(created) && created < since;
}

function linkFilter(entry: OutboxEntry): TaskListFilter | null {
  const { dealsIds, companiesIds, contactsIds } = entry.task;
  if (dealsIds[0]) return { deals: dealsIds[0] };
  if (companiesIds[0]) return { companies: companiesIds[0] };
  if (contactsIds[0] !== undefined) return { contacts: String(contactsIds[0]) };
  return null;
}
