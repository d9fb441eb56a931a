/**
 * `attributeChanged`: the attribute's value differs from the mirror. Before
 * the first apply there is nothing to compare with, so nothing fires; the
 * first apply records the baseline. Identity: record id + attribute + new
 * value + change time.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AttributeChangedTrigger, Rule } from '../../types/rules.js';
import type { Firing, TriggerContext } from '../firing.js';
import { allRecords, contextFacts, recordFacts, recordRef, viewOf } from '../record-facts.js';
import { parseRecordDate } from './dates.js';

const CHANGE_TIME_FIELDS = ['last_updated_date', 'last_updated_at', 'modifiedAt'];

export function findAttributeChanges(rule: Rule, ctx: TriggerContext): Firing[] {
  const spec = (rule.trigger as AttributeChangedTrigger).attributeChanged;
  const firings: Firing[] = [];
  for (const target of allRecords(ctx.index, spec.record)) {
    const view = viewOf(ctx.index, target);
    const seen = ctx.mirror.get(spec.record, String(view.id));
    if (!seen) continue;

    const attributes = target.record.attributes as Record<string, unknown>;
    const before = seen.attributes[spec.attribute] ?? null;
    const after = attributes[spec.attribute] ?? null;
    if (isDeepStrictEqual(before, after)) continue;
    if (spec.from !== undefined && !isDeepStrictEqual(spec.from, before)) continue;
    if (spec.to !== undefined && !isDeepStrictEqual(spec.to, after)) continue;

    const changedAt = changeTime(target.record as unknown as Record<string, unknown>, rule.calendar.timezone) ?? ctx.now;
    const at = changedAt.toUTC().toISO() ?? '';
    const occurrence = {
      trigger: 'attributeChanged' as const,
      identity: `${spec.record}:${view.id}:${spec.attribute}:${JSON.stringify(after)}:${at}`,
      at,
      details: { attribute: spec.attribute, from: String(before ?? ''), to: String(after ?? '') },
    };
    const facts = recordFacts(ctx.index, target);
    firings.push({
      rule,
      record: recordRef(spec.record, view),
      occurrence,
      anchor: changedAt,
      facts: { ...facts, ...contextFacts(rule, occurrence, ctx.now.toUTC().toISO() ?? '') },
    });
  }
  return firings;
}

function changeTime(record: Record<string, unknown>, zone: string) {
  const attributes = record.attributes as Record<string, unknown>;
  for (const field of CHANGE_TIME_FIELDS) {
    const parsed = parseRecordDate(attributes[field] ?? record[field], zone);
    if (parsed) return parsed;
  }
  return null;
}
