/**
 * `loyaltyEvent`: an event of the named type from the events source that
 * happened inside the look-back window. Identity: the event id. The ledger,
 * not the window, is what keeps an event from creating a second task.
 *
 * Events come from `loyalty-events.ndjson` today; a webhook will deliver the
 * same `LoyaltyEvent` shape. An event names its company by `companyId`, or
 * only its contact by `contactId`, and then the contact's first company is
 * the record.
 */
import type { Diagnostic } from '../../types/diagnostics.js';
import type { BrevoCompany, LoyaltyEvent } from '../../types/records.js';
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

    const company = companyOf(event, ctx);
    if (!company) {
      ctx.report(missingCompanyProblem(event));
      continue;
    }
    const at = occurredAt.toUTC().toISO() ?? '';
    const occurrence = {
      trigger: 'loyaltyEvent' as const,
      identity: `event:${event.id}`,
      at,
      details: { event: event.type },
    };
    const facts = withEventContact(recordFacts(ctx.index, { kind: 'company', record: company }), event, ctx);
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

/**
 * An event about one contact makes that contact the rule's `contact` and the
 * first of its `contacts`, so templates and `link: [contact]` name the person
 * the event is about rather than the company's first contact.
 */
function withEventContact(facts: Record<string, unknown>, event: LoyaltyEvent, ctx: TriggerContext): Record<string, unknown> {
  const contact = event.contactId === undefined ? undefined : ctx.index.contacts.get(event.contactId);
  if (!contact) return facts;
  const view = ctx.index.contactView(contact);
  const others = ((facts.contacts as Record<string, unknown>[] | undefined) ?? []).filter((other) => other.id !== contact.id);
  return { ...facts, contact: view, contacts: [view, ...others] };
}

function companyOf(event: LoyaltyEvent, ctx: TriggerContext): BrevoCompany | undefined {
  if (event.companyId) return ctx.index.companies.get(event.companyId);
  if (event.contactId === undefined) return undefined;
  for (const company of ctx.index.companies.values()) {
    if (company.linkedContactsIds?.includes(event.contactId)) return company;
  }
  return undefined;
}

function missingCompanyProblem(event: LoyaltyEvent): Diagnostic {
  if (!event.companyId && event.contactId !== undefined) {
    return {
      code: 'EVENT_CONTACT_WITHOUT_COMPANY',
      severity: 'warning',
      params: { event: event.id, contact: event.contactId },
      record: { type: 'contact', id: String(event.contactId) },
    };
  }
  return {
    code: 'EVENT_COMPANY_UNKNOWN',
    severity: 'warning',
    params: { event: event.id, company: event.companyId ?? '' },
    record: { type: 'company', id: event.companyId ?? '' },
  };
}
