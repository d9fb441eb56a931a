/**
 * `dateApproaching`: the record's date attribute lies between now and
 * now + window. Identity: record id + attribute + date value, so a moved
 * date is a new occurrence.
 */
import type { DateApproachingTrigger, Rule } from '../../types/rules.js';
import { durationToMillis } from '../../time/duration.js';
import type { Firing, TriggerContext } from '../firing.js';
import { allRecords, contextFacts, recordFacts, recordRef, viewOf } from '../record-facts.js';
import { parseRecordDate } from './dates.js';

export function findApproachingDates(rule: Rule, ctx: TriggerContext): Firing[] {
  const spec = (rule.trigger as DateApproachingTrigger).dateApproaching;
  const windowMs = durationToMillis(spec.within) ?? 0;
  const zone = rule.calendar.timezone;
  const today = ctx.now.setZone(zone).startOf('day');
  const firings: Firing[] = [];

  for (const target of allRecords(ctx.index, spec.record)) {
    const view = viewOf(ctx.index, target);
    const raw = (target.record.attributes as Record<string, unknown>)[spec.field];
    if (raw === undefined || raw === null || raw === '') continue;
    const date = parseRecordDate(raw, zone);
    if (!date) {
      ctx.report({
        code: 'RECORD_DATE_INVALID',
        severity: 'warning',
        params: { id: String(view.id), field: spec.field, value: String(raw) },
        record: { type: spec.record, id: String(view.id) },
      });
      continue;
    }
    const inWindow = date >= today && date.toMillis() <= ctx.now.toMillis() + windowMs;
    if (!inWindow) continue;

    const at = date.toUTC().toISO() ?? '';
    const occurrence = {
      trigger: 'dateApproaching' as const,
      identity: `${spec.record}:${view.id}:${spec.field}:${String(raw)}`,
      at,
      details: { field: spec.field, date: String(raw) },
    };
    const facts = recordFacts(ctx.index, target);
    firings.push({
      rule,
      record: recordRef(spec.record, view),
      occurrence,
      anchor: ctx.now,
      facts: { ...facts, ...contextFacts(rule, occurrence, ctx.now.toUTC().toISO() ?? '') },
    });
  }
  return firings;
}
