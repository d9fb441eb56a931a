/**
 * Which top-level names a rule's conditions and templates may use. The
 * record a trigger looks at decides the rest: a deal rule sees its deal and
 * the deal's companies and contacts, a loyalty-event rule sees the event.
 */
import type { RecordKind } from '../types/diagnostics.js';
import type { TriggerKind } from '../types/rules.js';

/** Names every rule can use. */
export const COMMON_ROOTS = ['now', 'rule', 'trigger', 'occurrence'] as const;

/** Roots whose value is a single value, so a path below them reads nothing. */
export const SCALAR_ROOTS: readonly string[] = ['now'];

/** Roots whose value is a list of record views: `contacts.0.email`. */
export const LIST_ROOTS: readonly string[] = ['companies', 'contacts', 'deals'];

/** Record kind of each root whose value is one record view or a list of them. */
export const RECORD_ROOTS: Readonly<Record<string, RecordKind>> = {
  deal: 'deal',
  deals: 'deal',
  company: 'company',
  companies: 'company',
  contact: 'contact',
  contacts: 'contact',
};

/** Fields of `rule`, the rule's own description. */
export const RULE_FIELDS: readonly string[] = ['id', 'description'];

const ROOTS_BY_RECORD: Record<RecordKind, readonly string[]> = {
  deal: ['deal', 'company', 'companies', 'contact', 'contacts'],
  company: ['company', 'deals', 'contact', 'contacts'],
  contact: ['contact', 'company', 'companies', 'deals'],
};

/** Friendly fields every record view has, beside the account's raw attributes. */
export const FRIENDLY_FIELDS: Record<RecordKind | 'event', readonly string[]> = {
  deal: [
    'id', 'name', 'amount', 'owner', 'stage', 'stageId', 'pipeline', 'pipelineId',
    'stageUpdatedAt', 'createdAt', 'attributes', 'companyIds', 'contactIds',
  ],
  company: ['id', 'name', 'owner', 'createdAt', 'attributes', 'dealIds', 'contactIds'],
  contact: ['id', 'email', 'firstName', 'lastName', 'name', 'createdAt', 'modifiedAt', 'attributes'],
  event: ['id', 'type', 'occurredAt', 'companyId', 'contactId', 'data'],
};

/** Return the record kind of a trigger's occurrences; `declared` is the trigger's own `record`. */
export function recordKindOf(trigger: TriggerKind, declared?: RecordKind): RecordKind {
  if (trigger === 'dealStageEntered') return 'deal';
  if (trigger === 'loyaltyEvent') return 'company';
  return declared ?? 'deal';
}

/** All root names available to a rule with this trigger. */
export function factRoots(trigger: TriggerKind, recordKind: RecordKind): string[] {
  const roots = [...COMMON_ROOTS, ...ROOTS_BY_RECORD[recordKind]];
  if (trigger === 'loyaltyEvent') roots.push('event');
  return roots;
}
