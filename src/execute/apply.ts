/**
 * The executor: the one place that writes to Brevo. It puts the plan's new
 * tasks into the outbox, then sends the outbox one task at a time, moving
 * each confirmed key into the ledger. Before sending a task whose earlier
 * send was never confirmed, it looks for the key marker in Brevo and adopts
 * the task it finds instead of creating a second one.
 */
import type { BrevoClient } from '../brevo/client.js';
import { BrevoApiError } from '../brevo/errors.js';
import { keyMarker } from '../evaluate/render-task.js';
import type { Logger } from '../log/logger.js';
import type { MirrorRecord, OutboxEntry, StateStore } from '../state/store.js';
import type { RecordRef } from '../types/diagnostics.js';
import type { Plan } from '../types/plan.js';

export type ApplyOutcome = 'created' | 'adopted' | 'failed' | 'pending';

export interface ApplyResult {
  key: string;
  rule: string;
  record: RecordRef;
  name: string;
  outcome: ApplyOutcome;
  taskId?: string;
  /** Brevo's message or the network error, for `failed` and `pending`. */
  error?: string;
  status?: number | null;
}

export type StopReason = 'auth' | 'budget';

export interface ApplyReport {
  results: ApplyResult[];
  created: number;
  adopted: number;
  exists: number;
  failed: number;
  pending: number;
  requests: number;
  stopped?: StopReason;
  stopMessage?: string;
}

export interface ApplyOptions {
  store: StateStore;
  client: BrevoClient;
  logger: Logger;
  /** Records to remember in the mirror once their tasks are in the outbox. */
  seen: MirrorRecord[];
  /** Stop cleanly after this many HTTP requests; the rest stays in the outbox. */
  maxRequests?: number;
  clock?: () => Date;
}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyReport> {
  const clock = options.clock ?? (() => new Date());
  const stamp = () => clock().toISOString();
  const { store, logger } = options;
  const report: ApplyReport = { results: [], created: 0, adopted: 0, exists: plan.summary.exists, failed: 0, pending: 0, requests: 0 };

  const planned = plan.items.filter((item) => item.action === 'create');
  store.enqueue(
    planned.map((item) => ({ key: item.key, task: item.task, rule: item.rule, recordType: item.record.type, recordId: item.record.id })),
    options.seen,
    stamp(),
  );
  const plannedKeys = new Set(planned.map((item) => item.key));
  const names = new Map(plan.items.map((item) => [item.key, item.record] as const));
  const queue = store.outbox().filter((entry) => entry.status !== 'failed' || plannedKeys.has(entry.key));
  if (queue.length === 0) return report;

  const budget = new RequestBudget(options.maxRequests, report);
  const sender = new Sender(options.client, store, logger, budget, stamp);
  try {
    await sender.loadTaskTypes();
    for (const entry of queue) {
      const record = names.get(entry.key) ?? { type: entry.recordType, id: entry.recordId };
      const result = await sender.send(entry, record);
      report.results.push(result);
      report[result.outcome]++;
    }
  } catch (error) {
    if (!(error instanceof StopRun)) throw error;
    report.stopped = error.reason;
    report.stopMessage = error.message;
    logger.warn({ reason: error.reason }, 'apply stopped early');
  }
  report.pending += queue.length - report.results.length;
  return report;
}

class StopRun extends Error {
  constructor(readonly reason: StopReason, message: string) {
    super(message);
  }
}

class RequestBudget {
  constructor(private readonly max: number | undefined, private readonly report: ApplyReport) {}

  /** Count one request, or stop the run when the budget is spent. */
  take(): void {
    if (this.max !== undefined && this.report.requests >= this.max) {
      throw new StopRun('budget', `request budget of ${this.max} spent`);
    }
    this.report.requests++;
  }
}

class Sender {
  private taskTypeIds = new Map<string, string>();

  constructor(
    private readonly client: BrevoClient,
    private readonly store: StateStore,
    private readonly logger: Logger,
    private readonly budget: RequestBudget,
    private readonly stamp: () => string,
  ) {}

  /** Task type ids differ between accounts, so they are looked up where the tasks go. */
  async loadTaskTypes(): Promise<void> {
    this.budget.take();
    const types = await this.call(() => this.client.getTaskTypes());
    this.taskTypeIds = new Map(types.map((type) => [type.title.toLowerCase(), type.id]));
  }

  async send(entry: OutboxEntry, record: RecordRef): Promise<ApplyResult> {
    const base = { key: entry.key, rule: entry.rule, record, name: entry.task.name };
    if (entry.status === 'sending') {
      let adopted: string | null;
      try {
        adopted = await this.findMarkedTask(entry);
      } catch (error) {
        if (!(error instanceof BrevoApiError)) throw error;
        // Still unconfirmed: keep "sending" so no later run posts it blindly.
        this.logger.error({ key: entry.key, err: error.toJSON() }, 'marker search failed');
        return { ...base, outcome: 'pending', error: error.message, status: error.status };
      }
      if (adopted) {
        this.store.recordCreated(entry, adopted, this.stamp());
        this.logger.info({ key: entry.key, taskId: adopted }, 'adopted task from an unconfirmed send');
        return { ...base, outcome: 'adopted', taskId: adopted };
      }
    }

    const taskTypeId = this.taskTypeIds.get(entry.task.taskType.toLowerCase());
    if (!taskTypeId) {
      const message = `task type "${entry.task.taskType}" does not exist in this Brevo account`;
      this.store.markFailed(entry.key, message, this.stamp());
      return { ...base, outcome: 'failed', error: message, status: null };
    }

    const { taskType: _title, ...body } = entry.task;
    this.budget.take();
    this.store.markSending(entry.key, this.stamp());
    try {
      const taskId = await this.call(() => this.client.createTask({ ...body, taskTypeId }));
      this.store.recordCreated(entry, taskId, this.stamp());
      this.logger.info({ key: entry.key, taskId, rule: entry.rule }, 'task created');
      return { ...base, outcome: 'created', taskId };
    } catch (error) {
      return this.handleSendError(error, entry, base);
    }
  }

  private handleSendError(error: unknown, entry: OutboxEntry, base: Omit<ApplyResult, 'outcome'>): ApplyResult {
    if (!(error instanceof BrevoApiError)) throw error;
    this.logger.error({ key: entry.key, err: error.toJSON() }, 'task creation failed');
    if (error.outcomeUnknown) {
      // Left in "sending": the next run searches for the marker before sending again.
      return { ...base, outcome: 'pending', error: error.message, status: error.status };
    }
    if (error.status === 429 || (error.status ?? 0) >= 500) {
      this.store.markPending(entry.key, error.message, this.stamp());
      return { ...base, outcome: 'pending', error: error.message, status: error.status };
    }
    this.store.markFailed(entry.key, error.message, this.stamp());
    return { ...base, outcome: 'failed', error: error.message, status: error.status };
  }

  /**
   * Search the tasks linked to the entry's first linked record for the key marker.
   * NOTE: a task linked to no record cannot be searched this way and is sent again.
   */
  private async findMarkedTask(entry: OutboxEntry): Promise<string | null> {
    const filter = markerSearchFilter(entry);
    if (!filter) return null;
    const marker = keyMarker(entry.key);
    const limit = 50;
    for (let offset = 0; ; offset += limit) {
      this.budget.take();
      const page = await this.call(() => this.client.listTasks(filter, offset, limit));
      const match = page.find((task) => task.notes?.includes(marker));
      if (match) return match.id;
      if (page.length < limit) return null;
    }
  }

  /** Authentication failures end the run: no other request can succeed. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof BrevoApiError && error.isAuthFailure) {
        throw new StopRun('auth', error.message);
      }
      throw error;
    }
  }
}

function markerSearchFilter(entry: OutboxEntry): Record<string, string> | null {
  const { dealsIds, companiesIds, contactsIds } = entry.task;
  if (dealsIds[0]) return { deals: dealsIds[0] };
  if (companiesIds[0]) return { companies: companiesIds[0] };
  if (contactsIds[0] !== undefined) return { contacts: String(contactsIds[0]) };
  return null;
}
