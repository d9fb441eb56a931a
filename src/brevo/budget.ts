/**
 * The budget of one run: a number of HTTP requests and a time span. The
 * client takes one request from the budget before each attempt it sends,
 * retries included, and checks the deadline before every wait. A spent
 * request budget or a stop stops the run between requests. The deadline is
 * hard: the client also cuts a request still in flight when it passes.
 */
import { sleepUnlessAborted } from '../time/sleep.js';

/** `signal`: the run was asked to stop (SIGTERM, SIGINT) and finishes the request in flight. */
export type BudgetKind = 'requests' | 'duration' | 'signal';

/** The reason for a wait: the rate-limit window, a retry delay, or an unconfirmed task to settle. */
export type WaitCause = 'rateLimit' | 'retry' | 'settle';

/**
 * Thrown before a request leaves or a wait starts that the budget does not
 * cover, when the run is stopped during a wait, and when the deadline cuts
 * a read in flight.
 */
export class BudgetSpentError extends Error {
  constructor(
    readonly kind: BudgetKind,
    /** The limit that was reached: a request count or milliseconds. */
    readonly limit: number,
    /** For `duration`: the wait that would have passed the deadline, when a wait did. */
    readonly wait?: { ms: number; cause: WaitCause },
  ) {
    super(budgetMessage(kind, limit));
    this.name = 'BudgetSpentError';
  }
}

function budgetMessage(kind: BudgetKind, limit: number): string {
  if (kind === 'requests') return `request budget of ${limit} spent`;
  if (kind === 'duration') return `time budget of ${limit} ms spent`;
  return 'stop requested';
}

export interface RunBudgetOptions {
  maxRequests?: number;
  maxDurationMs?: number;
  /** Epoch milliseconds; the deadline counts from the moment the budget is made, or from `restartClock()`. */
  clock?: () => number;
}

export class RunBudget {
  private used = 0;
  private readonly stopController = new AbortController();
  private deadline: number;
  private readonly clock: () => number;

  constructor(private readonly options: RunBudgetOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.deadline = options.maxDurationMs === undefined ? Number.POSITIVE_INFINITY : this.clock() + options.maxDurationMs;
  }

  /** Starts the time budget again from now, for example once the run holds the lock it waited for. */
  restartClock(): void {
    if (this.options.maxDurationMs !== undefined) this.deadline = this.clock() + this.options.maxDurationMs;
  }

  /** HTTP requests sent so far. */
  get requests(): number {
    return this.used;
  }

  /** The time budget in milliseconds, or undefined when the run has none. */
  get maxDurationMs(): number | undefined {
    return this.options.maxDurationMs;
  }

  /** Aborted by stop(), so that every wait of the run can end at once. */
  get signal(): AbortSignal {
    return this.stopController.signal;
  }

  /** Ends the run: a wait ends at once, and no further request starts. The request in flight still completes. */
  stop(): void {
    this.stopController.abort();
  }

  /** Milliseconds until the deadline, Infinity without a time budget. */
  remainingMs(): number {
    return this.deadline - this.clock();
  }

  /**
   * Counts one request, or throws when the request or time budget is spent.
   * `reserveMs` is the time the request needs at least, so it does not start
   * when less than that is left.
   */
  take(reserveMs = 0): void {
    this.ensureRequest();
    this.ensureTime(reserveMs);
    this.used += 1;
  }

  /** Throws when the run was stopped or its request budget is spent, without counting a request. */
  ensureRequest(): void {
    this.throwIfStopped();
    if (this.options.maxRequests !== undefined && this.used >= this.options.maxRequests) {
      throw new BudgetSpentError('requests', this.options.maxRequests);
    }
  }

  /**
   * Throws when the run was stopped, or when `ms` from now would pass the
   * deadline. `cause` names a wait, so that the error can say what would have run over.
   */
  ensureTime(ms: number, cause?: WaitCause): void {
    this.throwIfStopped();
    if (this.clock() + ms > this.deadline) {
      throw new BudgetSpentError('duration', this.options.maxDurationMs ?? 0, cause ? { ms, cause } : undefined);
    }
  }

  throwIfStopped(): void {
    if (this.signal.aborted) throw new BudgetSpentError('signal', 0);
  }

  /**
   * Waits `ms`. Throws BudgetSpentError at once when the wait would pass the
   * deadline, and as soon as stop() is called during the wait.
   */
  async sleep(ms: number, cause: WaitCause): Promise<void> {
    this.ensureTime(ms, cause);
    await sleepUnlessAborted(ms, this.signal);
    this.throwIfStopped();
  }
}
