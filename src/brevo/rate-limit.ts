/**
 * Pacing by Brevo's rate-limit headers. Every response carries
 * `x-sib-ratelimit-limit`, `-remaining` and `-reset` (seconds until the
 * window resets, relative, rounded by Brevo to whole seconds). The pacer lets
 * requests go while the window has room and otherwise waits until the window
 * has surely reset. So a run spends each window in one burst and never sends
 * into a spent window, as long as the headers are honest. After a 429 with
 * these headers it treats the window as spent, whatever `remaining` claims.
 * A 429 without them carries no information about the window, so the retry
 * delay (from `Retry-After`, or exponential backoff) that retry.ts hands over
 * with deferNext() paces the next attempt. Every wait happens in acquire(), where
 * the run budget's deadline and stop apply to it.
 */
import type { Logger } from 'pino';
import type { RunBudget, WaitCause } from './budget.js';
import { sleepUnlessAborted } from '../time/sleep.js';

export interface RateLimitHeaders {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/** Rate-limit state of one bucket as last seen, for reports, estimates and the next run. */
export interface RateLimitState {
  bucket: string;
  limit: number;
  remaining: number;
  /** The maximum reset seen, in seconds: an estimate of the window length. */
  windowSeconds: number;
  /** Epoch milliseconds (client clock) when the last response with headers arrived. */
  observedAt: number;
  /** Epoch milliseconds (client clock) by which the current window has surely reset, or null when unknown. */
  resetAt: number | null;
}

interface BucketState extends RateLimitState {
  /** Remaining as the last header stated it, to tell a new window from the current one. */
  headerRemaining: number;
}

export interface PacerOptions {
  clock?: () => number;
  /**
   * Waits `ms` milliseconds, or less when `signal` aborts (the run was
   * stopped). By default a timer that ends on the abort.
   */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  logger?: Logger;
}

const WAIT_MESSAGES: Record<Exclude<WaitCause, 'settle'>, string> = {
  rateLimit: 'waiting for the rate-limit window to reset',
  retry: 'waiting before the retry',
};

/** Waits longer than this are logged at info level, shorter ones at debug. */
const NOTABLE_WAIT_MS = 5_000;

export class RateLimitPacer {
  private readonly buckets = new Map<string, BucketState>();
  /** Epoch milliseconds before which a bucket sends nothing: the delay before a retry. */
  private readonly notBefore = new Map<string, number>();
  private readonly clock: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(private readonly options: PacerOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? sleepUnlessAborted;
  }

  /**
   * Waits until the bucket's window has room and any retry delay has passed,
   * then takes one request from the run budget. Throws BudgetSpentError at
   * once when the request budget is spent or the run was stopped. Also throws
   * it instead of starting a wait that would leave less than `reserveMs`
   * before the deadline, and as soon as the run is stopped during the wait.
   * Callers send one request at a time per bucket.
   */
  async acquire(bucket: string, budget: RunBudget, reserveMs = 0): Promise<void> {
    // A spent request budget stops the run now, not after a wait for the window.
    budget.ensureRequest();
    const state = this.buckets.get(bucket);
    const windowSpent = state !== undefined && state.remaining <= 0 && state.resetAt !== null;
    const resetAt = windowSpent ? state.resetAt! : Number.NEGATIVE_INFINITY;
    const retryAt = this.notBefore.get(bucket) ?? Number.NEGATIVE_INFINITY;
    const cause = resetAt >= retryAt ? 'rateLimit' : 'retry';
    const fields = { bucket, limit: state?.limit, windowSeconds: state?.windowSeconds };
    await this.waitUntil(Math.max(resetAt, retryAt), cause, fields, budget, reserveMs);
    this.notBefore.delete(bucket);
    if (windowSpent) {
      // The window has reset, and the next response states how much of it is left.
      state.remaining = state.limit;
      state.headerRemaining = state.limit;
      state.resetAt = null;
    }
    budget.take(reserveMs);
    if (state) state.remaining = Math.max(0, state.remaining - 1);
  }

  /** Holds the bucket's next request back for `delayMs` from now, for example until a `Retry-After`. */
  deferNext(bucket: string, delayMs: number): void {
    const at = this.clock() + Math.max(0, delayMs);
    this.notBefore.set(bucket, Math.max(this.notBefore.get(bucket) ?? at, at));
  }

  /**
   * Starts a bucket from the state a previous run saved, so that its first
   * request waits for a window that run spent, or counts down what that
   * window has left. Ignored once the bucket has seen a response, and when
   * the saved reset is unknown or has passed.
   */
  resume(saved: RateLimitState): void {
    if (this.buckets.has(saved.bucket)) return;
    if (saved.resetAt === null || saved.resetAt <= this.clock()) return;
    this.buckets.set(saved.bucket, { ...saved, headerRemaining: saved.remaining });
  }

  /** Reads the headers of one response. A 429 marks the window as spent until its `Retry-After`, or else until the reset. */
  observe(bucket: string, headers: Record<string, unknown>, status: number): void {
    const parsed = readRateLimitHeaders(headers);
    const state = this.buckets.get(bucket);
    if (!parsed) {
      // The last known reset belongs to an earlier response and may be an hour off, so the retry delay paces instead.
      if (state && status === 429) {
        state.remaining = 0;
        state.resetAt = null;
      }
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
    // A 429's own Retry-After is the server's word on when to come back, so it wins over the window's reset.
    const retryAfter = status === 429 ? readRetryAfter(headers, now) : null;
    if (retryAfter !== null) next.resetAt = now + retryAfter;
    this.buckets.set(bucket, next);
  }

  /** Returns the last state of every bucket that sent headers or was resumed. */
  states(): RateLimitState[] {
    return [...this.buckets.values()].map(({ bucket, limit, remaining, windowSeconds, observedAt, resetAt }) => ({
      bucket,
      limit,
      remaining,
      windowSeconds,
      observedAt,
      resetAt,
    }));
  }

  private async waitUntil(until: number, cause: 'rateLimit' | 'retry', fields: Record<string, unknown>, budget: RunBudget, reserveMs: number): Promise<void> {
    const wait = until - this.clock();
    if (!(wait > 0)) return;
    budget.ensureTime(wait + reserveMs, cause);
    const message = WAIT_MESSAGES[cause];
    if (wait >= NOTABLE_WAIT_MS) this.options.logger?.info({ ...fields, waitMs: wait }, message);
    else this.options.logger?.debug({ ...fields, waitMs: wait }, message);
    // Timers may fire a millisecond early, so wait again until the clock has passed `until`.
    for (let left = wait; left > 0; left = until - this.clock()) {
      await this.sleep(left, budget.signal);
      budget.throwIfStopped();
    }
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

/**
 * Reads `Retry-After` as milliseconds from now: either delay-seconds or an
 * HTTP date. A date counts from the response's
 * `Date` header when there is one, so a skewed client clock does not stretch
 * the wait. Returns null when the header is missing or invalid.
 */
export function readRetryAfter(headers: Record<string, unknown>, now: number = Date.now()): number | null {
  const value = headers['retry-after'];
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  const serverNow = typeof headers.date === 'string' ? Date.parse(headers.date) : Number.NaN;
  return Math.max(0, at - (Number.isNaN(serverNow) ? now : serverNow));
}

/** Returns the bucket a request path counts against. Brevo limits `/contacts` apart from the other endpoints. */
export function rateLimitBucket(path: string): string {
  return path === '/contacts' || path.startsWith('/contacts/') || path.startsWith('/contacts?') ? 'contacts' : 'crm';
}
