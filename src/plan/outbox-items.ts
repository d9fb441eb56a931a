/**
 * The outbox as the plan and the reports show it: plain data, one item per
 * task that an earlier run left behind.
 */
import type { OutboxEntry } from '../state/store.js';
import type { OutboxItem } from '../types/plan.js';

/** Converts the entries to items, oldest first, leaving out the keys in `except`. */
export function outboxItems(entries: readonly OutboxEntry[], except: ReadonlySet<string> = new Set()): OutboxItem[] {
  return entries.filter((entry) => !except.has(entry.key)).map(outboxItem);
}

/** Splits items into those apply sends (pending and unconfirmed) and those Brevo rejected. */
export function splitOutbox(items: readonly OutboxItem[]): { waiting: OutboxItem[]; rejected: OutboxItem[] } {
  return { waiting: items.filter((item) => item.status !== 'failed'), rejected: items.filter((item) => item.status === 'failed') };
}

export function outboxItem(entry: OutboxEntry): OutboxItem {
  return {
    key: entry.key,
    rule: entry.rule,
    record: { type: entry.recordType, id: entry.recordId },
    name: entry.task.name,
    taskType: entry.task.taskType,
    date: entry.task.date,
    assignToId: entry.task.assignToId,
    status: entry.status,
    attempts: entry.attempts,
    lastError: entry.lastError,
  };
}
