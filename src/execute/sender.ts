/**
 * Sends one outbox entry, so that Brevo ends up with exactly one task for
 * its key. The entry is marked `sending` (committed) as each POST leaves,
 * after any wait for the rate limit.
 * A POST's outcome can be unknown (timeout, reset, 5xx), or a run can crash
 * while the entry is `sending`. Brevo may still be working on such a POST,
 * so the entry settles first: nothing is sent for it until a grace period
 * after its last POST left. Then its key marker is searched in Brevo:
 * a task found is adopted, and only when there is none is the POST sent again.
 * NOTE: the grace is twice the request timeout. A POST that Brevo stores
 * later still can give a second task; Brevo offers no idempotency key to
 * close that window for good.
 */
import { BudgetSpentError } from '../brevo/budget.js';
import type { BrevoClient } from '../brevo/client.js';
import { BrevoApiError } from '../brevo/errors.js';
import type { Logger } from '../log/logger.js';
import type { OutboxEntry, StateStore } from '../state/store.js';
import type { Diagnostic, RecordRef } from '../types/diagnostics.js';
import { findMarkedTask } from './marker-search.js';
import type { ApplyResult, StopReason } from './report.js';
import type { TaskTypeIds } from './task-types.js';

/** Ends the run; the entries not sent yet stay in the outbox. */
export class StopRun extends Error {
  constructor(
    readonly reason: Exclude<StopReason, 'budget'>,
    message: string,
  ) {
    super(message);
    this.name = 'StopRun';
  }
}

export interface SenderOptions {
  client: BrevoClient;
  store: StateStore;
  logger: Logger;
  clock: () => Date;
  taskTypes: TaskTypeIds;
  /** POSTs per task and run while the outcome stays unknown, each after a marker search. */
  createAttempts: number;
  /** Milliseconds after an unconfirmed POST left before its marker is searched. */
  graceMs: number;
  /** Problems met while sending, such as tasks skipped for a missing record. */
  problems: Diagnostic[];
}

type ResultBase = Pick<ApplyResult, 'key' | 'rule' | 'record' | 'name'>;

/** A POST whose outcome is unknown: the entry is `sending` and settles at `settlesAt`. */
export interface Unsettled {
  outcome: 'unsettled';
  entry: OutboxEntry;
  /** Epoch milliseconds. */
  settlesAt: number;
}

/**
 * Returns when an entry's marker may be searched: a grace period after its
 * last POST left, the longer of this run's and the sending run's.
 */
export function settlesAt(entry: OutboxEntry, graceMs: number): number {
  if (entry.status !== 'sending') return Number.NEGATIVE_INFINITY;
  const sent = Date.parse(entry.updatedAt);
  return Number.isNaN(sent) ? Number.NEGATIVE_INFINITY : sent + Math.max(graceMs, entry.graceMs ?? 0);
}

export class Sender {
  /** Unconfirmed POSTs per key in this run. */
  private readonly unconfirmed = new Map<string, number>();

  constructor(private readonly options: SenderOptions) {}

  /** Sends a settled entry: an unconfirmed one is searched for first. */
  async send(entry: OutboxEntry, record: RecordRef): Promise<ApplyResult | Unsettled> {
    const base: ResultBase = { key: entry.key, rule: entry.rule, record, name: entry.task.name };
    if (entry.status === 'sending') {
      const adopted = await this.adoptIfFound(entry, base);
      if (adopted) return adopted;
    }

    const taskTypeId = await this.call(() => this.options.taskTypes.idFor(entry.task.taskType));
    if (!taskTypeId) return this.failUnknownType(entry, base);
    const { taskType: _title, ...body } = entry.task;
    let sends = 0;
    let sentAt = this.stamp();
    const onSend = (): void => {
      sends++;
      sentAt = this.stamp();
      this.options.store.markSending(entry.key, sentAt, this.options.graceMs);
    };
    const outcome = await this.post(entry, base, { ...body, taskTypeId }, onSend);
    if (outcome !== 'unknown') return outcome;

    const attempts = (this.unconfirmed.get(entry.key) ?? 0) + 1;
    this.unconfirmed.set(entry.key, attempts);
    if (attempts >= this.options.createAttempts) {
      throw new StopRun('unavailable', `creating task ${entry.key} gave no confirmation after ${attempts} attempts`);
    }
    const sent: OutboxEntry = {
      ...entry,
      status: 'sending',
      attempts: entry.attempts + sends,
      updatedAt: sentAt,
      firstSentAt: entry.firstSentAt ?? sentAt,
      graceMs: this.options.graceMs,
    };
    return { outcome: 'unsettled', entry: sent, settlesAt: settlesAt(sent, this.options.graceMs) };
  }

  /** Sends one POST and returns the result, or `unknown` when Brevo may or may not have stored the task. */
  private async post(entry: OutboxEntry, base: ResultBase, body: Parameters<BrevoClient['createTask']>[0], onSend: () => void): Promise<ApplyResult | 'unknown'> {
    const { store, logger } = this.options;
    try {
      const taskId = await this.options.client.createTask(body, onSend);
      store.recordCreated(entry, taskId, this.stamp());
      logger.info({ key: entry.key, taskId, rule: entry.rule }, 'task created');
      return { ...base, outcome: 'created', taskId };
    } catch (error) {
      if (error instanceof BudgetSpentError) {
        // Nothing left: the client throws this before a request goes out, and retries only requests Brevo refused.
        store.markPending(entry.key, null, this.stamp());
        throw error;
      }
      if (!(error instanceof BrevoApiError)) throw error;
      return this.handleError(error, entry, base);
    }
  }

  private handleError(error: BrevoApiError, entry: OutboxEntry, base: ResultBase): ApplyResult | 'unknown' {
    const { store, logger } = this.options;
    if (error.outcomeUnknown) {
      // Not an error yet: the marker search after the grace period decides.
      logger.warn({ key: entry.key, err: error.toJSON() }, 'task creation unconfirmed');
      return 'unknown';
    }
    logger.error({ key: entry.key, err: error.toJSON() }, 'task creation failed');
    if (error.isAuthFailure) {
      store.markPending(entry.key, error.message, this.stamp());
      throw new StopRun('auth', error.message);
    }
    if (error.status === 429) {
      store.markPending(entry.key, error.message, this.stamp());
      throw new StopRun('rateLimit', error.message);
    }
    if (error.status === 404) return this.skip(entry, base, error);
    if (error.status === null) {
      // The client's retries could not reach Brevo at all.
      store.markPending(entry.key, error.message, this.stamp());
      throw new StopRun('unavailable', error.message);
    }
    store.markFailed(entry.key, error.message, this.stamp());
    return { ...base, outcome: 'failed', error: error.message, status: error.status };
  }

  /** Skips the key for good after a 404 on create, because a record the task links no longer exists in Brevo. */
  private skip(entry: OutboxEntry, base: ResultBase, error: BrevoApiError): ApplyResult {
    this.options.store.recordSkipped(entry, error.message, this.stamp());
    this.options.problems.push({
      code: 'APPLY_LINKED_RECORD_MISSING',
      severity: 'warning',
      params: { task: entry.task.name, detail: error.message },
      rule: entry.rule,
      record: base.record,
    });
    this.options.logger.warn({ key: entry.key, rule: entry.rule, recordId: entry.recordId }, 'task skipped: a linked record is missing');
    return { ...base, outcome: 'skipped', error: error.message, status: 404 };
  }

  private failUnknownType(entry: OutboxEntry, base: ResultBase): ApplyResult {
    const message = `task type "${entry.task.taskType}" not found in the Brevo account`;
    this.options.store.markFailed(entry.key, message, this.stamp());
    this.options.problems.push({
      code: 'APPLY_TASK_TYPE_MISSING',
      severity: 'error',
      params: { type: entry.task.taskType, task: entry.task.name },
      rule: entry.rule,
      record: base.record,
    });
    return { ...base, outcome: 'failed', error: message, status: null };
  }

  /** Searches the marker; adopts the task found. A failed search ends the run, because sending blind could double the task. */
  private async adoptIfFound(entry: OutboxEntry, base: ResultBase): Promise<ApplyResult | null> {
    let taskId: string | null;
    try {
      taskId = await this.call(() => findMarkedTask(this.options.client, entry));
    } catch (error) {
      if (error instanceof StopRun || error instanceof BudgetSpentError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger.error({ key: entry.key, err: error instanceof BrevoApiError ? error.toJSON() : { message } }, 'marker search failed');
      throw new StopRun('unavailable', message);
    }
    if (!taskId) return null;
    this.options.store.recordCreated(entry, taskId, this.stamp());
    this.options.logger.info({ key: entry.key, taskId, attempts: entry.attempts }, 'adopted task from an unconfirmed send');
    return { ...base, outcome: 'adopted', taskId };
  }

  /** Authentication failures end the run: no other request can succeed. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof BrevoApiError && error.isAuthFailure) throw new StopRun('auth', error.message);
      throw error;
    }
  }

  private stamp(): string {
    return this.options.clock().toISOString();
  }
}
