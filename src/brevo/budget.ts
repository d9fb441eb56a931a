/**
 * The budget of one run: a number of HTTP requests and a time span. The
 * client takes one request from the budget before each attempt it sends,
 * retries included, and checks the deadline before every wait, so a spent
 * budget stops the run between requests and never in the middle of one.
 */
/** `signal`: the run was asked to stop (SIGTERM, SIGINT) and finishes the request in flight. */
export type BudgetKind = 'requests' | 'duration' | 'signal';

/** Thrown before a request leaves or a wait starts that the budget does not cover. */
export class BudgetSpentError extends Error {
  constructor(
    readonly kind: BudgetKind,
    /** The limit that was reached: a request count or milliseconds. */
    readonly limit: number,
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
  /** Epoch milliseconds; the deadline counts from the moment the budget is made. */
  clock?: () => number;
}

export class RunBudget {
  private used = 0;
  private stopRequested = false;
  private readonly deadline: number;
  private readonly clock: () => number;

  constructor(private readonly options: RunBudgetOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.deadline = options.maxDurationMs === undefined ? Number.POSITIVE_INFINITY : this.clock() + options.maxDurationMs;
  }

  /** HTTP requests sent so far. */
  get requests(): number {
    return this.used;
  }

  /** End the run at the next request or wait; the request in flight still completes. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Counts one request, or throws when the request or time budget is spent. */
  take(): void {
    if (this.stopRequested) throw new BudgetSpentError('signal', 0);
    if (this.options.maxRequests !== undefined && this.used >= this.options.maxRequests) {
      throw new BudgetSpentError('requests', this.options.maxRequests);
    }
    this.ensureTime(0);
    this.used += 1;
  }

  /** Throws when waiting `ms` from now would pass the deadline. */
  ensureTime(ms: number): void {
    if (this.stopRequested) throw new BudgetSpentError('signal', 0);
    if (this.clock() + ms > this.deadline) {
      throw new BudgetSpentError('duration', this.options.maxDurationMs ?? 0);
    }
  }
}
