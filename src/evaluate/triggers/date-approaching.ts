/**
 * `dateApproaching`: the record's date lies between the start of today (in
 * the rule's time zone) and now + window. The date is a raw attribute
 * (`renewal_date`) or, when no attribute has that name, a friendly field of
 * the record view (`createdAt` of a contact). Identity: record id + field +
 * date value, so a moved date is a new occurrence.
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
    const raw = dateValue(target.record.attributes, view, spec.field);
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

function dateValue(attributes: Record<string, unknown>, view: Record<string, unknown>, field: string): unknown {
  return Object.hasOwn(attributes, field) ? attributes[field] : view[field];
}
