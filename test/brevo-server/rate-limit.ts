export interface RateLimitOptions {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

/** One fixed window as the limiter saw it: when it opened and how many requests it accepted and rejected. */
export interface RateLimitWindow {
  /** Epoch milliseconds on the server's clock. */
  start: number;
  accepted: number;
  rejected: number;
}

/** The outcome of one request against the bucket, with Brevo's `x-sib-ratelimit-*` headers. */
export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

/**
 * A fixed-window request counter shared by all endpoints. The window opens at
 * the first counted request and closes `windowSeconds` later, when the count
 * starts again from zero. `x-sib-ratelimit-reset` is the whole number of
 * seconds left in the window (rounded up), relative to now, not an epoch.
 */
export class FixedWindowRateLimiter {
  private windowStart: number | undefined;
  private used = 0;
  private readonly log: RateLimitWindow[] = [];

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number,
    /** When false, the headers always claim a full, fresh window, as a lying server would. */
    private readonly honestHeaders = true,
  ) {
    if (!Number.isSafeInteger(options.limit) || options.limit < 0) {
      throw new Error(`rate limit ${options.limit} is invalid: expected an integer >= 0`);
    }
    if (!(options.windowSeconds > 0)) {
      throw new Error(`rate window ${options.windowSeconds} s is invalid: expected a number of seconds > 0`);
    }
  }

  /** Counts one request unless the window is spent. */
  take(): RateLimitDecision {
    const now = this.startWindowIfDue();
    const allowed = this.used < this.options.limit;
    const window = this.log[this.log.length - 1];
    if (allowed) this.used += 1;
    if (window) window[allowed ? 'accepted' : 'rejected'] += 1;
    return { allowed, headers: this.headers(now) };
  }

  /** Returns every window opened since the start or the last reset, oldest first. */
  windows(): RateLimitWindow[] {
    return this.log.map((window) => ({ ...window }));
  }

  /** Returns the current headers without counting a request or opening a window. */
  peek(): Record<string, string> {
    const now = this.now();
    if (this.windowStart === undefined || now >= this.windowStart + this.options.windowSeconds * 1000) {
      const { limit, windowSeconds } = this.options;
      return headerValues(limit, limit, windowSeconds);
    }
    return this.headers(now);
  }

  reset(): void {
    this.windowStart = undefined;
    this.used = 0;
    this.log.length = 0;
  }

  private startWindowIfDue(): number {
    const now = this.now();
    const windowMs = this.options.windowSeconds * 1000;
    if (this.windowStart === undefined || now >= this.windowStart + windowMs) {
      this.windowStart = now;
      this.used = 0;
      this.log.push({ start: now, accepted: 0, rejected: 0 });
    }
    return now;
  }

  private headers(now: number): Record<string, string> {
    const { limit, windowSeconds } = this.options;
    if (!this.honestHeaders) {
      return headerValues(limit, limit, windowSeconds);
    }
    const windowEnd = (this.windowStart ?? now) + windowSeconds * 1000;
    return headerValues(limit, limit - this.used, Math.ceil((windowEnd - now) / 1000));
  }
}

function headerValues(limit: number, remaining: number, resetSeconds: number): Record<string, string> {
  return {
    'x-sib-ratelimit-limit': String(limit),
    'x-sib-ratelimit-remaining': String(remaining),
    'x-sib-ratelimit-reset': String(resetSeconds),
  };
}
