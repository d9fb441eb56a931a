/**
 * How many requests apply will send for a plan, and about how long that
 * takes at the account's rate limit. Estimates: retries, marker searches
 * beyond the first page, and other clients of the same key are not counted.
 */
import type { OutboxEntry, StoredRateLimit } from '../state/store.js';
import type { PacingEstimate } from '../types/plan.js';

/** Brevo's documented limit for CRM endpoints on the general plan, used until an apply has seen the account's headers. */
export const DOCUMENTED_RATE_LIMIT = { limit: 100, windowSeconds: 3600 };

export interface RequestInputs {
  /** Keys the plan creates. */
  creates: ReadonlySet<string>;
  /** The outbox left by earlier runs; apply sends it before the plan's tasks. */
  outbox: readonly OutboxEntry[];
  /** Requests apply spends reading the source. */
  readRequests: number;
  /** True when the state store has a fresh copy of the task types. */
  taskTypesCached: boolean;
}

/** Reads, one task type lookup unless cached, one POST per task, and one search per unconfirmed task. */
export function requestsForApply(inputs: RequestInputs): number {
  const leftovers = inputs.outbox.filter((entry) => entry.status !== 'failed' && !inputs.creates.has(entry.key));
  const unconfirmed = inputs.outbox.filter((entry) => entry.status === 'sending').length;
  const posts = inputs.creates.size + leftovers.length;
  const lookup = posts > 0 && !inputs.taskTypesCached ? 1 : 0;
  return inputs.readRequests + lookup + posts + unconfirmed;
}

/**
 * Estimates the time `requests` take when each rate-limit window is spent in
 * one burst: none within the first window, one window length for each further one.
 */
export function pacingEstimate(requests: number, rateLimit: Pick<StoredRateLimit, 'limit' | 'windowSeconds'> | null): PacingEstimate {
  const known = rateLimit !== null && rateLimit.limit > 0 && rateLimit.windowSeconds > 0;
  const { limit, windowSeconds } = known ? rateLimit : DOCUMENTED_RATE_LIMIT;
  const windows = Math.max(1, Math.ceil(requests / limit));
  return { limit, windowSeconds, basis: known ? 'account' : 'documented', seconds: (windows - 1) * windowSeconds };
}
