/**
 * Pacing by Brevo's rate-limit headers. Every response carries
 * `x-sib-ratelimit-limit`, `-remaining` and `-reset` (seconds until the
 * window resets, relative, rounded by Brevo to whole seconds). The pacer lets
 * requests go while the window has room and otherwise waits until the window
 * has surely reset. So a run spends each window in one burst and never sends
 * into a spent window, as long as the headers are honest. After a 429 it
 * treats the window as spent, whatever the headers claim.
 */
import type { Logger } from 'pino';
import type { RunBudget } from './budget.js';

export interface RateLimitHeaders {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/** Rate-limit state of one bucket as last seen, for reports and estimates. */
export interface RateLimitState {
  bucket: string;
  limit: number;
  remaining: number;
  /** The maximum reset seen, in seconds: an estimate of the window length. */
  windowSeconds: number;
  /** Epoch milliseconds (client clock) when the last response with headers arrived. */
  observedAt: number;
}

interface BucketState extends RateLimitState {
  /** Remaining as the last header stated it, to tell a new window from the current one. */
  headerRemaining: number;
  /** Epoch milliseconds by which the current window has surely reset, or null when unknown. */
  resetAt: number | null;
}

export interface PacerOptions {
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
}

/** Waits longer than this are logged at info level, shorter ones at debug. */
const NOTABLE_WAIT_MS = 5_000;

export class RateLimitPacer {
  private readonly buckets = new Map<string, BucketState>();
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: PacerOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Waits until the bucket's window has room, then takes one request from the
   * run budget. Throws BudgetSpentError instead of starting a wait that would
   * end after the run's deadline. Callers send one request at a time per bucket.
   */
  async acquire(bucket: string, budget: RunBudget): Promise<void> {
    const state = this.buckets.get(bucket);
    if (state && state.remaining <= 0 && state.resetAt !== null) {
      await this.waitForReset(state, budget);
      // The window has reset, and the next response states how much of it is left.
      state.remaining = state.limit;
      state.headerRemaining = state.limit;
      state.resetAt = null;
    }
    budget.take();
    if (state) state.remaining -= 1;
  }

  /** Reads the headers of one response. A 429 marks the window as spent. */
  observe(bucket: string, headers: Record<string, unknown>, status: number): void {
    const parsed = readRateLimitHeaders(headers);
    const state = this.buckets.get(bucket);
    if (!parsed) {
      if (state && status === 429) state.remaining = 0;
      return;
    }
    const now = this.clock();
    // Brevo computed `reset` before we received it, so now + reset is a bound the real reset never passes.
    const latestReset = now + parsed.resetSeconds * 1000;
    const sameWindow = state !== undefined && state.resetAt !== null && now < state.resetAt && parsed.remaining <= state.headerRemaining;
    const next: BucketState = {
      bucket,
      limit: parsed.limit,
      remaining: status === 429 ? 0 : parsed.remaining,
      headerRemaining: parsed.remaining,
      windowSeconds: Math.max(state?.windowSeconds ?? 0, parsed.resetSeconds),
      observedAt: now,
      resetAt: sameWindow && state?.resetAt != null ? Math.min(state.resetAt, latestReset) : latestReset,
    };
    this.buckets.set(bucket, next);
  }

  /** Returns the last state of every bucket that sent headers. */
  states(): RateLimitState[] {
    return [...this.buckets.values()].map(({ bucket, limit, remaining, windowSeconds, observedAt }) => ({
      bucket,
      limit,
      remaining,
      windowSeconds,
      observedAt,
    }));
  }

  private async waitForReset(state: BucketState, budget: RunBudget): Promise<void> {
    const resetAt = state.resetAt ?? this.clock();
    const wait = resetAt - this.clock();
    if (wait <= 0) return;
    budget.ensureTime(wait);
    const fields = { bucket: state.bucket, waitMs: wait, limit: state.limit, windowSeconds: state.windowSeconds };
    if (wait >= NOTABLE_WAIT_MS) this.options.logger?.info(fields, 'waiting for the rate-limit window to reset');
    else this.options.logger?.debug(fields, 'waiting for the rate-limit window to reset');
    // Timers may fire a millisecond early, so wait again until the clock has passed the reset.
    for (let left = wait; left > 0; left = resetAt - this.clock()) await this.sleep(left);
  }
}

export function readRateLimitHeaders(headers: Record<string, unknown>): RateLimitHeaders | null {
  const read = (name: string): number => {
    const value = headers[name];
    return typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  };
  const limit = read('x-sib-ratelimit-limit');
  const remaining = read('x-sib-ratelimit-remaining');
  const resetSeconds = read('x-sib-ratelimit-reset');
  if (![limit, remaining, resetSeconds].every(Number.isFinite)) return null;
  return { limit, remaining, resetSeconds };
}

/** Returns the bucket a request path counts against. Brevo limits `/contacts` apart from the other endpoints. */
export function rateLimitBucket(path: string): string {
  return path === '/contacts' || path.startsWith('/contacts/') || path.startsWith('/contacts?') ? 'contacts' : 'crm';
}
