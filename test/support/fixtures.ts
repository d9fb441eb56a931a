/**
 * Small in-memory accounts and rules for tests that exercise evaluation
 * without rule files.
 */
import type { AccountSnapshot, BrevoCompany, BrevoDeal } from '../../src/types/records.js';
import type { Rule, TaskTemplateSpec, TriggerSpec } from '../../src/types/rules.js';
import { recordKindOf } from '../../src/evaluate/fact-roots.js';

export const PIPELINE_ID = '5ea675e3da0dd085acaea610';
export const STAGES = {
  Lead: '11111111-1111-4111-8111-111111111111',
  Qualified: '22222222-2222-4222-8222-222222222222',
  Demo: '33333333-3333-4333-8333-333333333333',
} as const;
export const OWNER = '5faab4b7f195bb3c4c31e62a';

export function account(parts: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return {
    capturedAt: '2026-12-01T07:00:00.000Z',
    deals: [],
    companies: [],
    contacts: [],
    pipelines: [
      {
        pipeline: PIPELINE_ID,
        pipeline_name: 'Sales Pipeline',
        stages: Object.entries(STAGES).map(([name, id]) => ({ id, name })),
      },
    ],
    taskTypes: [
      { id: '61a88a2eb7a5741802612341', title: 'Call' },
      { id: '61a88a2eb7a5741802612342', title: 'Meeting' },
      { id: '61a88a2eb7a5741802612343', title: 'Deadline' },
    ],
    tasks: [],
    loyaltyEvents: [],
    ...parts,
  };
}

let counter = 0;
export function hexId(): string {
  counter++;
  return counter.toString(16).padStart(24, 'a');
}

export function deal(attributes: Record<string, unknown>, links: Partial<BrevoDeal> = {}): BrevoDeal {
  return {
    id: hexId(),
    attributes: { deal_name: 'Acme renewal', deal_owner: OWNER, amount: 12000, pipeline: PIPELINE_ID, ...attributes } as BrevoDeal['attributes'],
    linkedCompaniesIds: [],
    linkedContactsIds: [],
    ...links,
  };
}

export function company(attributes: Record<string, unknown>, links: Partial<BrevoCompany> = {}): BrevoCompany {
  return {
    id: hexId(),
    attributes: { name: 'Müller GmbH', owner: OWNER, ...attributes } as BrevoCompany['attributes'],
    linkedContactsIds: [],
    linkedDealsIds: [],
    ...links,
  };
}

export function rule(trigger: TriggerSpec, task: Partial<TaskTemplateSpec> = {}, extra: Partial<Rule> = {}): Rule {
  const triggerKind = Object.keys(trigger)[0] as Rule['triggerKind'];
  const declared = (Object.values(trigger)[0] as { record?: Rule['recordKind'] }).record;
  return {
    id: 'test-rule',
    file: 'rules/test.yaml',
    position: { file: 'rules/test.yaml', line: 1, col: 1 },
    recordKind: recordKindOf(triggerKind, declared),
    triggerKind,
    trigger,
    task: {
      name: 'Call {{ deal.name }}',
      type: 'call',
      due: { in: '1 day', at: '09:00' },
      duration: '15m',
      assignee: ['{{ deal.owner }}'],
      link: ['deal', 'companies', 'contacts'],
      ...task,
    },
    calendar: { timezone: 'Europe/Berlin', workdays: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: [] },
    reminder: { value: 30, unit: 'minutes', types: ['email'] },
    lookbackMs: 7 * 86_400_000,
    maxTasksPerRun: 100,
    locale: 'en',
    ...extra,
  };
}
