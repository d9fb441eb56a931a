/**
 * The executor: the one place that writes to Brevo. It puts the plan's new
 * tasks into the outbox (with the records seen, in one transaction), then
 * sends the outbox one task at a time, oldest first, moving each confirmed
 * key into the ledger. A run that stops early (budget, rate limit, Brevo
 * unavailable, rejected key) leaves the rest in the outbox, and the next
 * run sends it before anything new.
 */
import { BudgetSpentError, type RunBudget } from '../brevo/budget.js';
import type { BrevoClient } from '../brevo/client.js';
import { BrevoApiError } from '../brevo/errors.js';
import type { Logger } from '../log/logger.js';
import { SourceError } from '../source/errors.js';
import type { MirrorRecord, OutboxEntry, StateStore, SyncUpdate } from '../state/store.js';
import type { RecordRef } from '../types/diagnostics.js';
import type { OutboxItem, Plan } from '../types/plan.js';
import { outboxItems } from '../plan/outbox-items.js';
import { emptyReport, type ApplyReport } from './report.js';
import { Sender, settlesAt, StopRun } from './sender.js';
import { TaskTypeIds } from './task-types.js';

export type { ApplyOutcome, ApplyReport, ApplyResult, StopReason } from './report.js';

export interface SendOptions {
  store: StateStore;
  client: BrevoClient;
  logger: Logger;
  clock?: () => Date;
  /** POSTs per task and run while the outcome stays unknown. Default 4. */
  createAttempts?: number;
  /**
   * Milliseconds after an unconfirmed POST left before its marker is
   * searched and the POST perhaps sent again. Default: twice the request timeout.
   */
  graceMs?: number;
  /**
   * `wait` (default): wait for unconfirmed entries to settle before the run ends.
   * `leave`: leave unsettled entries for a later send, without counting them as pending.
   */
  unsettled?: 'wait' | 'leave';
  /** Records by key, for names in the report; entries from earlier runs show only the record id. */
  records?: Map<string, RecordRef>;
  /** Called before the first task and after each one, with the tasks handled and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface ApplyOptions extends SendOptions {
  /** Records to remember in the mirror once their tasks are in the outbox. */
  seen: MirrorRecord[];
  /** Followup tasks the source found in Brevo: key → task id. */
  markers?: Map<string, string>;
  /** Sync state from a live read, stored with the outbox entries. */
  sync?: SyncUpdate;
}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyReport> {
  enqueuePlan(plan, options);
  const records = new Map(plan.items.map((item) => [item.key, item.record] as const));
  return sendOutbox({ ...options, records: new Map([...(options.records ?? []), ...records]) }, plan.summary.exists);
}

/**
 * Stores the plan's new tasks in the outbox, the records seen in the mirror,
 * the existing Followup tasks the plan found, and the sync state, in one
 * transaction.
 */
export function enqueuePlan(plan: Plan, options: ApplyOptions): void {
  const clock = options.clock ?? (() => new Date());
  const markers = new Map(options.markers ?? []);
  for (const item of plan.items) {
    if (item.action === 'exists' && item.existingTaskId) markers.set(item.key, item.existingTaskId);
  }
  const entries = plan.items
    .filter((item) => item.action === 'create')
    .map((item) => ({ key: item.key, task: item.task, rule: item.rule, recordType: item.record.type, recordId: item.record.id }));
  options.store.enqueue({ entries, seen: options.seen, markers, ...(options.sync ? { sync: options.sync } : {}) }, clock().toISOString());
}

/**
 * Sends every outbox entry that is not marked failed, oldest first. An entry
 * whose POST went unconfirmed waits until it settles (see sender.ts); the
 * other entries go first meanwhile. `exists` is copied into the report.
 */
export async function sendOutbox(options: SendOptions, exists = 0): Promise<ApplyReport> {
  const { store, client, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const graceMs = options.graceMs ?? 2 * client.timeoutMs;
  const leave = options.unsettled === 'leave';
  const report = emptyReport(exists);
  const now = clock().getTime();
  const queue = store.outbox().filter((entry) => entry.status !== 'failed' && !(leave && settlesAt(entry, graceMs) > now));
  if (queue.length === 0) return report;

  const requestsBefore = client.requests;
  logger.info({ tasks: queue.length, unconfirmed: queue.filter((entry) => entry.status === 'sending').length }, 'sending outbox');
  const sender = new Sender({
    client,
    store,
    logger,
    clock,
    taskTypes: new TaskTypeIds(client, store, clock),
    createAttempts: options.createAttempts ?? 4,
    graceMs,
    problems: report.problems,
  });
  const waiting = new SettleQueue();
  const ready: OutboxEntry[] = [];
  for (const entry of queue) {
    const at = settlesAt(entry, graceMs);
    if (at > now) waiting.add(entry, at);
    else ready.push(entry);
  }
  let left = 0;
  try {
    options.onProgress?.(0, queue.length);
    for (;;) {
      const entry = ready.shift() ?? (leave ? undefined : await waiting.next(client.budget, clock, logger));
      if (!entry) break;
      const record = options.records?.get(entry.key) ?? { type: entry.recordType, id: entry.recordId };
      let result = await sender.send(entry, record);
      // An unconfirmed POST may be a sign of trouble at Brevo: its search comes next, before any other POST.
      while (result.outcome === 'unsettled' && !leave) {
        await pauseUntil(result.settlesAt, client.budget, clock, logger, entry.key);
        result = await sender.send(result.entry, record);
      }
      if (result.outcome === 'unsettled') {
        left++;
        continue;
      }
      report.results.push(result);
      report[result.outcome]++;
      options.onProgress?.(report.results.length, queue.length);
    }
  } catch (error) {
    recordStop(report, error);
    logger.warn({ reason: report.stopped, detail: report.stopMessage }, 'apply stopped early');
  }
  report.pending += queue.length - report.results.length - left;
  report.requests = client.requests - requestsBefore;
  rememberRateLimit(store, client);
  logger.info({ created: report.created, adopted: report.adopted, failed: report.failed, pending: report.pending, requests: report.requests }, 'outbox sent');
  return report;
}

/** Unconfirmed entries in the order they settle. */
class SettleQueue {
  private readonly entries: { entry: OutboxEntry; at: number }[] = [];

  add(entry: OutboxEntry, at: number): void {
    this.entries.push({ entry, at });
    this.entries.sort((a, b) => a.at - b.at);
  }

  /** Waits until the first entry settles and returns it; undefined when none is left. */
  async next(budget: RunBudget, clock: () => Date, logger: Logger): Promise<OutboxEntry | undefined> {
    const first = this.entries.shift();
    if (first) await pauseUntil(first.at, budget, clock, logger, first.entry.key);
    return first?.entry;
  }
}

async function pauseUntil(at: number, budget: RunBudget, clock: () => Date, logger: Logger, key: string): Promise<void> {
  const wait = at - clock().getTime();
  if (wait <= 0) return;
  logger.info({ key, waitMs: Math.round(wait) }, 'waiting for an unconfirmed task to settle');
  await budget.sleep(wait, 'settle');
}

/** Returns the rejected tasks still in the outbox, named by `records` where it has the key. */
export function rejectedTasks(store: StateStore, records: ReadonlyMap<string, RecordRef> = new Map()): OutboxItem[] {
  const rejected = store.outbox().filter((entry) => entry.status === 'failed');
  return outboxItems(rejected).map((item) => ({ ...item, record: records.get(item.key) ?? item.record }));
}

function recordStop(report: ApplyReport, error: unknown): void {
  if (error instanceof BudgetSpentError) {
    report.stopped = 'budget';
    report.budget = { kind: error.kind, limit: error.limit, ...(error.wait ? { wait: error.wait } : {}) };
    return;
  }
  if (error instanceof StopRun) {
    report.stopped = error.reason;
    report.stopMessage = error.message;
    return;
  }
  // A failed task type lookup: the client already retried it.
  if (error instanceof BrevoApiError || error instanceof SourceError) {
    report.stopped = 'unavailable';
    report.stopMessage = error.message;
    return;
  }
  throw error;
}

/** Keeps the CRM bucket's limit for the next plan's time estimate, and its window for the next run's pacer. */
function rememberRateLimit(store: StateStore, client: BrevoClient): void {
  const crm = client.pacer.states().find((state) => state.bucket === 'crm');
  if (!crm) return;
  store.saveRateLimit({
    limit: crm.limit,
    windowSeconds: crm.windowSeconds,
    remaining: crm.remaining,
    observedAt: new Date(crm.observedAt).toISOString(),
    ...(crm.resetAt !== null ? { resetAt: new Date(crm.resetAt).toISOString() } : {}),
  });
}
