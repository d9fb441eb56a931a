/**
 * The outbox as text, for the plan, the apply report and `followup outbox`:
 * tasks still on their way to Brevo, then the tasks Brevo rejected, which
 * wait for someone to retry or drop them.
 */
import Table from 'cli-table3';
import { t, type Lang } from '../i18n/index.js';
import { splitOutbox } from '../plan/outbox-items.js';
import type { OutboxItem } from '../types/plan.js';
import { COMPACT_ROWS, formatDate, truncate } from './plan-text.js';

export interface OutboxTextOptions {
  lang: Lang;
  /** Rule id → IANA zone, so due dates show in the rule's own time; UTC otherwise. */
  zones?: Map<string, string>;
  color?: boolean;
}

const MAX_CELL = 40;

/** Renders both sections, each only when it has items; an empty array when the outbox is empty. */
export function renderOutboxSections(items: readonly OutboxItem[], options: OutboxTextOptions): string[] {
  return [...renderWaiting(items, options), ...renderRejected(items, options)];
}

/** Renders the tasks apply will send: pending and unconfirmed ones. */
function renderWaiting(items: readonly OutboxItem[], options: OutboxTextOptions): string[] {
  const { lang } = options;
  const { waiting } = splitOutbox(items);
  if (waiting.length === 0) return [];
  const table = newTable(['status', 'key', 'rule', 'record', 'task', 'due'], options);
  for (const item of waiting) {
    const due = formatDate(item.date, options.zones?.get(item.rule) ?? 'UTC', lang);
    table.push([t(lang, `outbox.status.${item.status}`), item.key, item.rule, recordOf(item), cell(item.name), due]);
  }
  const lines = ['', t(lang, 'outbox.waiting', { count: waiting.length }), table.toString()];
  if (waiting.some((item) => item.status === 'sending')) lines.push(t(lang, 'outbox.unconfirmedNote'));
  return lines;
}

/** Renders the tasks Brevo rejected, with Brevo's error message. */
export function renderRejected(items: readonly OutboxItem[], options: OutboxTextOptions): string[] {
  const { lang } = options;
  const { rejected } = splitOutbox(items);
  if (rejected.length === 0) return [];
  const table = newTable(['key', 'rule', 'record', 'task', 'answer'], options);
  for (const item of rejected) table.push([item.key, item.rule, recordOf(item), cell(item.name), cell(item.lastError ?? '')]);
  return ['', t(lang, 'outbox.rejected', { count: rejected.length }), table.toString()];
}

function newTable(columns: string[], options: OutboxTextOptions): Table.Table {
  const head = columns.map((column) => t(options.lang, ['status', 'key', 'answer'].includes(column) ? `outbox.column.${column}` : `plan.column.${column}`));
  return new Table({ head, chars: COMPACT_ROWS, style: { head: options.color ? ['cyan'] : [], border: options.color ? ['grey'] : [] } });
}

function recordOf(item: OutboxItem): string {
  return cell(`${item.record.type} ${item.record.name ?? item.record.id}`);
}

function cell(text: string): string {
  return truncate(text, MAX_CELL);
}
