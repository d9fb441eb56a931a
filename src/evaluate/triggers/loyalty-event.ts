/**
 * `loyaltyEvent`: an event of the named type from the events source that
 * happened inside the look-back window. Identity: the event id. The ledger,
 * not the window, is what keeps an event from creating a second task.
 */
import type { LoyaltyEventTrigger, Rule } from '../../types/rules.js';
import { eventView } from '../account-index.js';
import type { Firing, TriggerContext } from '../firing.js';
import { contextFacts, recordFacts, recordRef } from '../record-facts.js';
import { parseRecordDate } from './dates.js';

export function findLoyaltyEvents(rule: Rule, ctx: TriggerContext): Firing[] {
  const spec = (rule.trigger as LoyaltyEventTrigger).loyaltyEvent;
  const types = new Set(Array.isArray(spec.event) ? spec.event : [spec.event]);
  const firings: Firing[] = [];
  for (const event of ctx.index.snapshot.loyaltyEvents) {
    if (!types.has(event.type)) continue;
    const occurredAt = parseRecordDate(event.occurredAt, rule.calendar.timezone);
    if (!occurredAt) continue;
    const age = ctx.now.toMillis() - occurredAt.toMillis();
    if (age < 0 || age > rule.lookbackMs) continue;

    const company = event.companyId ? ctx.index.companies.get(event.companyId) : undefined;
    if (!company) {
      ctx.report({
        code: 'EVENT_COMPANY_UNKNOWN',
        severity: 'warning',
        params: { event: event.id, company: event.companyId ?? '' },
        record: { type: 'company', id: event.companyId ?? '' },
      });
      continue;
    }
    const at = occurredAt.toUTC().toISO() ?? '';
    const occurrence = {
      trigger: 'loyaltyEvent' as const,
      identity: `event:${event.id}`,
      at,
      details: { event: event.type },
    };
    const facts = recordFacts(ctx.index, { kind: 'company', record: company });
    firings.push({
      rule,
      record: recordRef('company', facts.company as Record<string, unknown>),
      occurrence,
      anchor: occurredAt,
      facts: { ...facts, event: eventView(event), ...contextFacts(rule, occurrence, ctx.now.toUTC().toISO() ?? '') },
    });
  }
  return firings;
}
