/**
 * The plan's rate-limit estimate as one sentence: how long apply's requests
 * take at the account's limit, or at Brevo's documented one while the
 * account's own limit is unknown.
 */
import { t, type Lang } from '../i18n/index.js';
import type { PacingEstimate } from '../types/plan.js';

export function describePacing(pacing: PacingEstimate, lang: Lang): string {
  const documented = pacing.basis === 'documented' ? 'Documented' : '';
  const params = { limit: pacing.limit, window: formatSeconds(pacing.windowSeconds), duration: formatSeconds(pacing.seconds) };
  return t(lang, `apply.estimate.${pacing.seconds === 0 ? 'fits' : 'takes'}${documented}`, params);
}

/** Seconds as `45 s`, `12 min` or `2 h 30 min`: units that read the same in English and German. */
export function formatSeconds(seconds: number): string {
  if (seconds > 0 && seconds < 0.95) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 59.5) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}
