/**
 * `every`: a recurring interval per record. Period n of a record starts at
 * `since` + n × `interval` (calendar arithmetic in the rule's time zone, so
 * "14 days" keeps the wall time across a daylight-saving switch). Once one
 * interval has passed, every run offers the current period, and the rule's
 * conditions decide whether the record matches. Identity: record id +
 * period number + the `since` value, so a record whose `since` date moves
 * (a deal entering another stage) starts counting again with new keys.
 *
 * NOTE: only the current period is offered. A period that ended while no run
 * happened creates no task afterwards.
 */
import type { DateTime } from 'luxon';
import { hasFixedLength, parseDuration, type Duration } from '../../time/duration.js';
import type { EveryTrigger, Rule } from '../../types/rules.js';
import type { Firing, TriggerContext } from '../firing.js';
import { allRecords, contextFacts, recordFacts, recordRef, viewOf, type AnyRecord } from '../record-facts.js';
import { parseRecordDate } from './dates.js';

/** Record field the periods count from when the rule names none: the friendly creation time. */
export const DEFAULT_SINCE_FIELD = 'createdAt';

type FixedDuration = Duration & { unit: Exclude<Duration['unit'], 'workdays'> };

export function findRecurring(rule: Rule, ctx: TriggerContext): Firing[] {
  const spec = (rule.trigger as EveryTrigger).every;
  const interval = parseDuration(spec.interval);
  // Validation rejects workdays and zero here; a rule that slipped through fires nothing.
  if (!interval || !hasFixedLength(interval) || interval.amount === 0) return [];

  const field = spec.since ?? DEFAULT_SINCE_FIELD;
  const firings: Firing[] = [];
  for (const target of allRecords(ctx.index, spec.record)) {
    const start = sinceDate(target, field, rule, ctx);
    if (!start) continue;
    const period = currentPeriod(start, interval, ctx.now);
    if (period < 1) continue;
    firings.push(buildFiring(rule, target, start, period, interval, ctx));
  }
  return firings;
}

/**
 * Return the number of whole intervals between `start` and `now`: 0 before
 * the first interval has passed, and also when `start` lies in the future.
 */
export function currentPeriod(start: DateTime, interval: FixedDuration, now: DateTime): number {
  if (start > now) return 0;
  const elapsed = now.diff(start, interval.unit).get(interval.unit);
  let period = Math.max(0, Math.floor(elapsed / interval.amount));
  // The estimate can be one off around daylight-saving switches; step to the exact period.
  while (period > 0 && periodStart(start, interval, period) > now) period--;
  while (periodStart(start, interval, period + 1) <= now) period++;
  return period;
}

export function periodStart(start: DateTime, interval: FixedDuration, period: number): DateTime {
  return start.plus({ [interval.unit]: interval.amount * period });
}

function sinceDate(target: AnyRecord, field: string, rule: Rule, ctx: TriggerContext): DateTime | null {
  const view = viewOf(ctx.index, target);
  const raw = view[field];
  if (raw === undefined || raw === null || raw === '') return null;

  const date = parseRecordDate(raw, rule.calendar.timezone);
  if (!date) {
    ctx.report({
      code: 'RECORD_DATE_INVALID',
      severity: 'warning',
      params: { id: String(view.id), field, value: String(raw) },
      record: { type: target.kind, id: String(view.id) },
    });
  }
  return date;
}

function buildFiring(rule: Rule, target: AnyRecord, start: DateTime, period: number, interval: FixedDuration, ctx: TriggerContext): Firing {
  const view = viewOf(ctx.index, target);
  const begins = periodStart(start, interval, period);
  const since = start.toUTC().toISO() ?? '';
  const occurrence = {
    trigger: 'every' as const,
    identity: `${target.kind}:${view.id}:period:${period}:since:${since}`,
    at: begins.toUTC().toISO() ?? '',
    details: { period: String(period), since },
  };
  const facts = recordFacts(ctx.index, target);
  return {
    rule,
    record: recordRef(target.kind, view),
    occurrence,
    anchor: begins,
    facts: { ...facts, ...contextFacts(rule, occurrence, ctx.now.toUTC().toISO() ?? '') },
  };
}
