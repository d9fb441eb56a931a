/**
 * The facts a rule sees for one record: the record's own view, its linked
 * records, and the trigger's context. The names match fact-roots.ts.
 */
import type { RecordKind, RecordRef } from '../types/diagnostics.js';
import type { Occurrence } from '../types/plan.js';
import type { Rule } from '../types/rules.js';
import type { BrevoCompany, BrevoContact, BrevoDeal } from '../types/records.js';
import type { AccountIndex, RecordView } from './account-index.js';

export type AnyRecord = { kind: 'deal'; record: BrevoDeal } | { kind: 'company'; record: BrevoCompany } | { kind: 'contact'; record: BrevoContact };

export function recordFacts(index: AccountIndex, target: AnyRecord): Record<string, unknown> {
  switch (target.kind) {
    case 'deal': {
      const companies = index.companiesOf(target.record.linkedCompaniesIds);
      const contacts = index.contactsOf(target.record.linkedContactsIds);
      return { deal: index.dealView(target.record), companies, company: companies[0] ?? null, contacts, contact: contacts[0] ?? null };
    }
    case 'company': {
      const contacts = index.contactsOf(target.record.linkedContactsIds);
      return { company: index.companyView(target.record), deals: index.dealsOf(target.record.linkedDealsIds), contacts, contact: contacts[0] ?? null };
    }
    case 'contact': {
      const companies = findCompaniesOfContact(index, target.record.id);
      return {
        contact: index.contactView(target.record),
        companies,
        company: companies[0] ?? null,
        deals: findDealsOfContact(index, target.record.id),
      };
    }
  }
}

// NOTE: contacts carry no links in Brevo's contact shape, so these scan all
// companies and deals; fine for rules on contacts at today's account sizes.
function findCompaniesOfContact(index: AccountIndex, contactId: number): RecordView[] {
  const views: RecordView[] = [];
  for (const company of index.companies.values()) {
    if (company.linkedContactsIds?.includes(contactId)) views.push(index.companyView(company));
  }
  return views;
}

function findDealsOfContact(index: AccountIndex, contactId: number): RecordView[] {
  const views: RecordView[] = [];
  for (const deal of index.deals.values()) {
    if (deal.linkedContactsIds?.includes(contactId)) views.push(index.dealView(deal));
  }
  return views;
}

export function recordRef(kind: RecordKind, view: RecordView): RecordRef {
  const name = view.name;
  return { type: kind, id: String(view.id), ...(typeof name === 'string' && name !== '' ? { name } : {}) };
}

/** Facts shared by every rule: the clock, the rule, the trigger and the occurrence. */
export function contextFacts(rule: Rule, occurrence: Occurrence, now: string): Record<string, unknown> {
  const [kind, spec] = Object.entries(rule.trigger)[0] ?? [rule.triggerKind, {}];
  return {
    now,
    rule: { id: rule.id, description: rule.description ?? null },
    trigger: { kind, ...(spec as object) },
    occurrence: { identity: occurrence.identity, at: occurrence.at, ...occurrence.details },
  };
}

export function allRecords(index: AccountIndex, kind: RecordKind): AnyRecord[] {
  const snapshot = index.snapshot;
  if (kind === 'deal') return snapshot.deals.map((record) => ({ kind, record }));
  if (kind === 'company') return snapshot.companies.map((record) => ({ kind, record }));
  return snapshot.contacts.map((record) => ({ kind, record }));
}

export function viewOf(index: AccountIndex, target: AnyRecord): RecordView {
  if (target.kind === 'deal') return index.dealView(target.record);
  if (target.kind === 'company') return index.companyView(target.record);
  return index.contactView(target.record);
}
