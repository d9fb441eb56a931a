/**
 * Carries the CRM bucket's rate-limit window from one run to the next
 * through the state store, so a run that starts inside a window an earlier
 * run spent waits for its reset instead of spending a request on a 429.
 */
import type { BrevoClient } from '../brevo/client.js';
import type { StateStore } from '../state/store.js';

/**
 * Starts the client's CRM pacing from the window the last run saved. Values
 * saved without `resetAt` (by older versions), or with fields that do not
 * parse, are ignored, and the first response's headers set the pace instead.
 */
export function resumeRateLimit(client: BrevoClient, store: StateStore): void {
  const saved = store.rateLimit();
  if (!saved || saved.resetAt === undefined) return;
  const observedAt = Date.parse(saved.observedAt);
  const resetAt = Date.parse(saved.resetAt);
  const counts = [saved.limit, saved.remaining, saved.windowSeconds];
  if (Number.isNaN(observedAt) || Number.isNaN(resetAt) || !counts.every((count) => Number.isFinite(count) && count >= 0)) return;
  client.pacer.resume({ bucket: 'crm', limit: saved.limit, remaining: saved.remaining, windowSeconds: saved.windowSeconds, observedAt, resetAt });
}
