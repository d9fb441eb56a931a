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
  if (linked) return searchPages(client, linked, keyMarker(entry.key), () => false);

  const since = Date.parse(entry.firstSentAt ?? '') - UNLINKED_SKEW_MS;
  const olderThanAttempt = (task: { createdAt?: unknown }): boolean => {
    const created = Date.parse(String(task.createdAt ?? ''));
    return !Number.isNaN(since) && !Number.isNaN(created) && created < since;
  };
  return searchPages(client, { assignTo: entry.task.assignToId }, keyMarker(entry.key), olderThanAttempt);
}

async function searchPages(
  client: BrevoClient,
  filter: TaskListFilter,
  marker: string,
  isBeforeWindow: (task: { createdAt?: unknown }) => boolean,
): Promise<string | null> {
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const response = await client.listTasks(filter, { offset, limit: PAGE_SIZE, sort: 'desc' });
    const page = listOf(response.data, 'items', '/crm/tasks') as { id?: unknown; notes?: unknown; createdAt?: unknown }[];
    const match = page.find((task) => typeof task?.notes === 'string' && task.notes.includes(marker) && typeof task.id === 'string');
    if (match) return match.id as string;
    if (page.length < PAGE_SIZE || page.some((task) => task !== null && isBeforeWindow(task))) return null;
  }
}

function linkFilter(entry: OutboxEntry): TaskListFilter | null {
  const { dealsIds, companiesIds, contactsIds } = entry.task;
  if (dealsIds[0]) return { deals: dealsIds[0] };
  if (companiesIds[0]) return { companies: companiesIds[0] };
  if (contactsIds[0] !== undefined) return { contacts: String(contactsIds[0]) };
  return null;
}
