/**
 * The known traps of json-rules-engine 7.3: shared state between runs,
 * string comparison, paths, undefined facts, operator edge cases, empty
 * groups and `not` over a type check. Each test pins how Followup avoids one,
 * at validation, in its own operators, or in how it calls the engine.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { RuleConditions, resolveDottedPath } from '../src/evaluate/conditions.js';
import { factRoots } from '../src/evaluate/fact-roots.js';
import { evaluate } from '../src/evaluate/index.js';
import { EMPTY_MIRROR } from '../src/state/mirror.js';
import type { ConditionSpec, TriggerKind } from '../src/types/rules.js';
import type { RecordKind } from '../src/types/diagnostics.js';
import { STAGES, account, company, deal, rule } from './support/fixtures.js';
import { codesOf, loadText, positionOfMarker, replaceOnce } from './support/rule-files.js';

const NOW = DateTime.fromISO('2026-12-01T07:00:00.000Z', { zone: 'utc' });
const CLOCK = { now: NOW, zone: 'Europe/Berlin' };

/** Facts that every rule gets besides its records. */
const CONTEXT = { now: NOW.toISO(), rule: { id: 'r', description: null }, trigger: { kind: 'dealStageEntered' }, occurrence: { identity: 'x', at: 'y' } };

function conditions(spec: ConditionSpec): RuleConditions {
  return new RuleConditions('all' in spec || 'any' in spec || 'not' in spec ? spec : { all: [spec] }, CLOCK);
}

async function holds(spec: ConditionSpec, records: Record<string, unknown>): Promise<boolean> {
  return (await conditions(spec).evaluate({ ...CONTEXT, company: null, companies: [], contact: null, contacts: [], ...records })).passed;
}

const RULE_FILE = `version: 1
rules:
  - id: big-deals
    trigger:
      dealStageEntered: { stage: Qualified }
    conditions:
      all:
        - { fact: deal.amount, operator: greaterThanInclusive, value: 5000 }
    task:
      name: "Call {{ deal.name }}"
      type: call
      due: { in: 1 day }
      assignee: ["{{ deal.owner }}"]
`;
const LEAF = '{ fact: deal.amount, operator: greaterThanInclusive, value: 5000 }';

/** Load the rule file with its only condition leaf replaced. */
function loadWithConditions(conditionsText: string) {
  const text = replaceOnce(RULE_FILE, `all:\n        - ${LEAF}`, conditionsText);
  return { text, ...loadText(text) };
}

describe('shared engine state', () => {
  it('gives concurrent evaluations of one rule their own results', async () => {
    const rule = conditions({ fact: 'deal.amount', operator: 'greaterThan', value: 100 });
    const amounts = Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? 50 : 500));

    const outcomes = await Promise.all(amounts.map((amount) => rule.evaluate({ ...CONTEXT, deal: { amount } })));

    expect(outcomes.map((outcome) => outcome.passed)).toEqual(amounts.map((amount) => amount > 100));
  });

  it('lets a failing record not stop the next one', async () => {
    const rule = conditions({ fact: 'deal.amount', operator: 'greaterThan', value: 100 });

    expect((await rule.evaluate({ ...CONTEXT, deal: { amount: 1 } })).passed).toBe(false);
    expect((await rule.evaluate({ ...CONTEXT, deal: { amount: 1000 } })).passed).toBe(true);
  });

  it('does not pile up results over repeated evaluations', async () => {
    const rule = conditions({ fact: 'deal.amount', operator: 'greaterThan', value: 100 });

    for (let round = 0; round < 3; round++) {
      const outcome = await rule.evaluate({ ...CONTEXT, deal: { amount: 1 } });
      expect(outcome.failed).toHaveLength(1);
    }
  });

  it('keeps no fact values from one record for the next', async () => {
    const rule = conditions({ fact: 'deal.stage', operator: 'equal', value: 'Demo' });

    expect((await rule.evaluate({ ...CONTEXT, deal: { stage: 'Demo' } })).passed).toBe(true);
    expect((await rule.evaluate({ ...CONTEXT, deal: { stage: 'Lead' } })).passed).toBe(false);
  });

  it('serves many rules and records without hanging', async () => {
    const rules = Array.from({ length: 200 }, (_, index) => conditions({ fact: 'deal.amount', operator: 'greaterThanInclusive', value: index }));
    let passed = 0;
    for (const rule of rules) {
      for (const amount of [0, 100, 199]) if ((await rule.evaluate({ ...CONTEXT, deal: { amount } })).passed) passed++;
    }

    expect(passed).toBe(1 + 101 + 200);
  });

  it('rejects rule priorities, so no rule waits on another', () => {
    const text = replaceOnce(RULE_FILE, '    trigger:\n', '    priority: 0\n    trigger:\n');
    const { diagnostics } = loadText(text);

    expect(codesOf(diagnostics)).toEqual(['RULE_SCHEMA_INVALID']);
    expect(diagnostics[0]!.path).toBe('rules/0/priority');
  });
});

describe('numeric comparison', () => {
  it.each([
    ['numeric texts', { amount: '10' }, 'greaterThan', '9', true],
    ['a number against a numeric text', { amount: 10 }, 'greaterThan', '9', true],
    ['a numeric text against a number', { amount: '10000' }, 'greaterThanInclusive', 5000, true],
    ['decimal texts', { amount: '99.5' }, 'lessThan', 100, true],
    ['date texts', { amount: '06 Apr 2021' }, 'greaterThan', '05 Apr 2022', false],
    ['text that only starts with digits', { amount: '12 units' }, 'greaterThan', 5, false],
    ['a missing value', {}, 'greaterThan', 5, false],
    ['null', { amount: null }, 'lessThan', 5, false],
    ['a boolean', { amount: true }, 'greaterThan', 0, false],
  ])('%s', async (_name, dealFacts, operator, value, expected) => {
    expect(await holds({ fact: 'deal.amount', operator, value }, { deal: dealFacts })).toBe(expected);
  });

  it.each([
    ['a numeric text equals a number', { amount: '5000' }, 'equal', 5000, true],
    ['two texts compare as text', { amount: '5000.0' }, 'equal', '5000', false],
    ['in finds a numeric text among numbers', { amount: '2000' }, 'in', [1000, 2000], true],
    ['notEqual is the opposite of equal', { amount: '5000' }, 'notEqual', 5000, false],
  ])('%s', async (_name, dealFacts, operator, value, expected) => {
    expect(await holds({ fact: 'deal.amount', operator, value }, { deal: dealFacts })).toBe(expected);
  });

  it('rejects a date as the value of greaterThan at validation', () => {
    const { text, diagnostics } = loadWithConditions(`all:\n        - { fact: deal.close_date, operator: greaterThan, value: "05 Apr 2022" }`);

    expect(codesOf(diagnostics)).toEqual(['CONDITION_VALUE_NOT_NUMBER']);
    expect(diagnostics[0]!.position).toMatchObject(positionOfMarker(text, '"05 Apr 2022"'));
    expect(diagnostics[0]!.params).toEqual({ operator: 'greaterThan', value: '05 Apr 2022' });
  });
});

describe('date comparison', () => {
  it.each([
    ['instants with different offsets', '2024-01-31T23:00:00-05:00', 'dateAfter', '2024-02-01T01:00:00Z', true],
    ['a Date object', new Date('2020-06-13T00:00:00Z'), 'dateAfter', '2020-06-12', true],
    ['a date against now', '2026-11-30', 'dateBefore', 'now', true],
    ['today against today', '2026-12-01', 'dateBefore', 'today', false],
    ['a date-only value in the rule zone', '2026-12-01', 'dateAfter', '2026-11-30T22:30:00Z', true],
    ['a time without offset', '2026-12-01T10:00:00', 'dateAfter', '2020-01-01', false],
    ['text that is no date', 'soon', 'dateBefore', '2030-01-01', false],
    ['a missing value', undefined, 'dateBefore', '2030-01-01', false],
  ])('%s', async (_name, date, operator, value, expected) => {
    expect(await holds({ fact: 'deal.close_date', operator, value }, { deal: { close_date: date } })).toBe(expected);
  });

  it.each([
    ['today', '2026-12-01', 'withinNextDays', 0, true],
    ['the last day of the window', '2026-12-08', 'withinNextDays', 7, true],
    ['the day after the window', '2026-12-09', 'withinNextDays', 7, false],
    ['yesterday', '2026-11-30', 'withinNextDays', 7, false],
    ['late tonight in Berlin', '2026-12-01T22:30:00Z', 'withinNextDays', 0, true],
    ['early tomorrow in Berlin', '2026-12-01T23:30:00Z', 'withinNextDays', 0, false],
    ['a week ago', '2026-11-24', 'withinLastDays', 7, true],
    ['eight days ago', '2026-11-23', 'withinLastDays', 7, false],
    ['tomorrow', '2026-12-02', 'withinLastDays', 7, false],
  ])('%s', async (_name, date, operator, days, expected) => {
    expect(await holds({ fact: 'deal.close_date', operator, value: days }, { deal: { close_date: date } })).toBe(expected);
  });

  it('counts calendar days across the October switch', async () => {
    const rule = new RuleConditions({ all: [{ fact: 'deal.close_date', operator: 'withinNextDays', value: 1 }] }, {
      now: DateTime.fromISO('2026-10-24T22:30:00Z', { zone: 'utc' }),
      zone: 'Europe/Berlin',
    });
    // 25 October has 25 hours in Berlin; its last minutes still count as "within 1 day".
    const outcome = await rule.evaluate({ ...CONTEXT, deal: { close_date: '2026-10-26T22:30:00Z' } });

    expect(outcome.passed).toBe(true);
  });

  it('compares two facts of the same occurrence', async () => {
    const spec: ConditionSpec = { all: [{ fact: 'deal.close_date', operator: 'dateBefore', value: { fact: 'company.renewal_date' } }] };
    const facts = { deal: { close_date: '2026-12-10' }, company: { renewal_date: '2027-01-01' } };

    expect(await holds(spec, facts)).toBe(true);
    const outcome = await conditions(spec).evaluate({ ...CONTEXT, ...facts, company: { renewal_date: '2026-01-01' } });
    expect(outcome.failed).toEqual([{ fact: 'deal.close_date', operator: 'dateBefore', expected: { fact: 'company.renewal_date' }, actual: '2026-12-10' }]);
  });

  it('rejects a value that is no date at validation', () => {
    const { text, diagnostics } = loadWithConditions(`all:\n        - { fact: deal.close_date, operator: dateBefore, value: next week }`);

    expect(codesOf(diagnostics)).toEqual(['CONDITION_VALUE_NOT_DATE']);
    expect(diagnostics[0]!.position).toMatchObject(positionOfMarker(text, 'next week'));
  });

  it('rejects a fact reference with an engine path at validation', () => {
    const { diagnostics } = loadWithConditions(`all:\n        - { fact: deal.close_date, operator: dateBefore, value: { fact: company, path: $.renewal_date } }`);

    expect(codesOf(diagnostics)).toEqual(['RULE_SCHEMA_INVALID']);
    expect(diagnostics[0]!.path).toBe('rules/0/conditions/all/0/value/path');
  });

  it('rejects a fact reference to a root the rule lacks', () => {
    const { diagnostics } = loadWithConditions(`all:\n        - { fact: deal.close_date, operator: dateBefore, value: { fact: event.occurredAt } }`);

    expect(codesOf(diagnostics)).toEqual(['CONDITION_FACT_UNKNOWN']);
    expect(diagnostics[0]!.path).toBe('rules/0/conditions/all/0/value/fact');
  });
});

describe('paths', () => {
  it('reads nothing below a text, instead of the text itself', async () => {
    expect(await holds({ fact: 'deal.name.first', operator: 'equal', value: 'Acme' }, { deal: { name: 'Acme' } })).toBe(false);
  });

  it('rejects a path below now at validation', () => {
    const { text, diagnostics } = loadWithConditions(`all:\n        - { fact: now.year, operator: equal, value: 2026 }`);

    expect(codesOf(diagnostics)).toEqual(['FACT_PATH_BELOW_VALUE']);
    expect(diagnostics[0]!.position).toMatchObject(positionOfMarker(text, 'now.year'));
  });

  it('rejects a JSONPath filter at validation', () => {
    const { diagnostics } = loadWithConditions(`all:\n        - { fact: "contacts[?(@.role=='buyer')].email", operator: equal, value: a@x.de }`);

    expect(codesOf(diagnostics)).toEqual(['RULE_SCHEMA_INVALID']);
  });

  it('rejects a field of a list without an index at validation', () => {
    const { diagnostics } = loadWithConditions(`all:\n        - { fact: contacts.email, operator: equal, value: a@x.de }`);

    expect(codesOf(diagnostics)).toEqual(['FACT_PATH_NEEDS_INDEX']);
    expect(diagnostics[0]!.params.example).toBe('contacts.0.email');
  });

  it('reads one record of a list by its index', async () => {
    const facts = { contacts: [{ email: 'a@x.de' }, { email: 'b@x.de' }] };

    expect(await holds({ fact: 'contacts.1.email', operator: 'equal', value: 'b@x.de' }, facts)).toBe(true);
  });

  it('finds an item in a list fact with contains', async () => {
    expect(await holds({ fact: 'deal.contactIds', operator: 'contains', value: 7 }, { deal: { contactIds: [3, 7] } })).toBe(true);
  });

  it('resolves dotted paths without JSONPath', () => {
    const value = { amount: 5, $: { amount: 9 }, nested: { deep: { x: 1 } } };

    expect(resolveDottedPath(value, 'amount')).toBe(5);
    expect(resolveDottedPath(value, 'nested.deep.x')).toBe(1);
    expect(resolveDottedPath(value, '$.amount')).toBe(9);
    expect(resolveDottedPath(value, '$..amount')).toBeUndefined();
    expect(resolveDottedPath(value, 'constructor')).toBeUndefined();
  });

  it('reads nested event data in conditions and templates alike', async () => {
    const ruleWithEvent = rule(
      { loyaltyEvent: { event: 'tier_changed' } },
      { name: 'Tier {{ event.data.tier.to }}', assignee: ['{{ company.owner }}'], link: ['company'] },
      { conditions: { all: [{ fact: 'event.data.tier.to', operator: 'equal', value: 'Gold' }] } },
    );
    const gold = company({});
    const snapshot = account({
      companies: [gold],
      loyaltyEvents: [
        { id: 'e1', type: 'tier_changed', occurredAt: '2026-11-30T10:00:00Z', companyId: gold.id, data: { tier: { to: 'Gold' } } },
        { id: 'e2', type: 'tier_changed', occurredAt: '2026-11-30T11:00:00Z', companyId: gold.id, data: { tier: { to: 'Silver' } } },
      ],
    });
    const result = await evaluate({ rules: [ruleWithEvent], fingerprint: 't' }, snapshot, { now: NOW.toISO()!, lang: 'en', mirror: EMPTY_MIRROR });

    expect(result.candidates.map((candidate) => candidate.task.name)).toEqual(['Tier Gold']);
  });
});

describe('missing facts', () => {
  it('provides every root a trigger allows', async () => {
    const kinds: [TriggerKind, RecordKind, object][] = [
      ['dealStageEntered', 'deal', { dealStageEntered: { stage: 'Lead' } }],
      ['dateApproaching', 'company', { dateApproaching: { record: 'company', field: 'renewal_date', within: '30 days' } }],
      ['every', 'contact', { every: { record: 'contact', interval: '1 day' } }],
    ];
    const snapshot = account({
      deals: [deal({ deal_stage: STAGES.Lead, stage_updated_at: '2026-11-30T10:00:00Z' })],
      companies: [company({ renewal_date: '2026-12-10' })],
      contacts: [{ id: 7, email: 'a@x.de', attributes: {}, createdAt: '2026-11-01T10:00:00Z' }],
    });

    for (const [kind, record, trigger] of kinds) {
      // One always-true leaf per root: the engine rejects the run if any root is missing.
      const leaves = factRoots(kind, record).map((root) => ({ fact: root, operator: 'notEqual', value: '__never__' }));
      const checked = rule(trigger as never, { name: 'x', assignee: ['revops@example.com'], link: [] }, { conditions: { all: leaves } });
      const result = await evaluate({ rules: [checked], fingerprint: 't' }, snapshot, { now: NOW.toISO()!, lang: 'en', mirror: EMPTY_MIRROR });
      expect(result.candidates, kind).toHaveLength(1);
    }
  });

  it('evaluates a deal without a company as a near miss', async () => {
    const spec: ConditionSpec = { all: [{ fact: 'company.name', operator: 'equal', value: 'Acme' }] };
    const outcome = await conditions(spec).evaluate({ ...CONTEXT, deal: {}, company: null, companies: [], contact: null, contacts: [] });

    expect(outcome.passed).toBe(false);
    expect(outcome.failed[0]!.actual).toBeNull();
  });

  it('lets notEqual hold for a missing attribute, which validation flags by name', async () => {
    expect(await holds({ fact: 'deal.lost_reasn', operator: 'notEqual', value: 'price' }, { deal: {} })).toBe(true);

    const { diagnostics } = loadWithConditions(`all:\n        - { fact: deal.lost_reasn, operator: notEqual, value: price }`);
    expect(diagnostics).toEqual([]);
    const withData = loadText(replaceOnce(RULE_FILE, LEAF, '{ fact: deal.lost_reasn, operator: notEqual, value: price }'), {
      attributes: { deal: ['deal_name', 'lost_reason', 'amount'] },
    });
    expect(codesOf(withData.diagnostics)).toEqual(['ATTRIBUTE_UNKNOWN']);
    expect(withData.diagnostics[0]!.severity).toBe('warning');
    expect(withData.diagnostics[0]!.params.didYouMean).toBe('Did you mean "lost_reason"? ');
  });

  it('rejects a root the trigger does not provide at validation', () => {
    const { diagnostics } = loadWithConditions(`all:\n        - { fact: event.type, operator: equal, value: x }`);

    expect(codesOf(diagnostics)).toEqual(['CONDITION_FACT_UNKNOWN']);
  });
});

describe('operator edge cases', () => {
  it.each([
    ['contains finds text in text', { name: 'ACME GmbH' }, 'contains', 'GmbH', true],
    ['doesNotContain on text', { name: 'ACME GmbH' }, 'doesNotContain', 'AG', true],
    ['contains on a missing value', {}, 'contains', 'GmbH', false],
    ['doesNotContain on a missing value', {}, 'doesNotContain', 'GmbH', false],
    ['in with a text list is no substring test', { name: 'won' }, 'in', 'closedwon', false],
    ['in with a null list', { name: 'won' }, 'in', null, false],
    ['notIn with a null list', { name: 'won' }, 'notIn', null, false],
  ])('%s', async (_name, dealFacts, operator, value, expected) => {
    expect(await holds({ fact: 'deal.name', operator, value }, { deal: dealFacts })).toBe(expected);
  });

  it.each([
    ['in with a text', 'any:\n        - { fact: deal.stage, operator: in, value: closedwon }', 'closedwon'],
    ['in with null', 'any:\n        - { fact: deal.stage, operator: in, value: null }', 'null'],
    ['withinNextDays with a fraction', 'all:\n        - { fact: deal.close_date, operator: withinNextDays, value: 1.5 }', '1.5'],
  ])('rejects %s at validation', (_name, conditionsText, marker) => {
    const { text, diagnostics } = loadWithConditions(conditionsText);

    expect(codesOf(diagnostics)).toEqual(['RULE_SCHEMA_INVALID']);
    expect(diagnostics[0]!.position).toMatchObject(positionOfMarker(text, marker));
  });
});

describe('groups and operators at validation', () => {
  it.each([
    ['empty all', 'all: []', '[]', 'RULE_SCHEMA_INVALID'],
    ['empty any', 'any: []', '[]', 'RULE_SCHEMA_INVALID'],
    ['unknown operator', 'all:\n        - { fact: deal.amount, operator: greaterThen, value: 5 }', 'greaterThen', 'RULE_SCHEMA_INVALID'],
    ['not decorator', 'all:\n        - { fact: deal.amount, operator: "not:lessThan", value: 5 }', '"not:lessThan"', 'RULE_SCHEMA_INVALID'],
    ['someFact decorator', 'all:\n        - { fact: contacts, operator: "someFact:equal", value: 5 }', '"someFact:equal"', 'RULE_SCHEMA_INVALID'],
    ['leaf without value', 'all:\n        - { fact: deal.amount, operator: greaterThan }', '{ fact', 'RULE_SCHEMA_INVALID'],
    ['not over a numeric operator', 'not: { fact: deal.amount, operator: lessThan, value: 5000 }', 'lessThan', 'CONDITION_NOT_OVER_TYPED'],
    [
      'not over a date operator deep inside',
      'not:\n        any:\n          - { fact: deal.stage, operator: equal, value: Lead }\n          - { fact: deal.close_date, operator: dateBefore, value: today }',
      'dateBefore',
      'CONDITION_NOT_OVER_TYPED',
    ],
  ])('rejects %s', (_name, conditionsText, marker, code) => {
    const { text, diagnostics } = loadWithConditions(conditionsText);

    expect(codesOf(diagnostics)).toEqual([code]);
    expect(diagnostics[0]!.position).toMatchObject(positionOfMarker(text, marker));
  });

  it('accepts not over equality operators', () => {
    const { diagnostics } = loadWithConditions('not: { fact: deal.stage, operator: in, value: [Lead, Demo] }');

    expect(diagnostics).toEqual([]);
  });

  it('reports a nested not once per typed leaf', () => {
    const { diagnostics } = loadWithConditions('not:\n        not: { fact: deal.amount, operator: greaterThan, value: 1 }');

    expect(codesOf(diagnostics)).toEqual(['CONDITION_NOT_OVER_TYPED']);
  });
});

describe('explanations', () => {
  it('list only the leaves that failed', async () => {
    const spec: ConditionSpec = {
      any: [
        { fact: 'deal.amount', operator: 'greaterThan', value: 1000 },
        { fact: 'deal.stage', operator: 'equal', value: 'Demo' },
      ],
    };
    const outcome = await conditions(spec).evaluate({ ...CONTEXT, deal: { amount: 10, stage: 'Lead' } });

    expect(outcome.failed).toEqual([
      { fact: 'deal.amount', operator: 'greaterThan', expected: 1000, actual: 10 },
      { fact: 'deal.stage', operator: 'equal', expected: 'Demo', actual: 'Lead' },
    ]);
  });

  it('are plain data that survive JSON', async () => {
    const small = deal({ deal_stage: STAGES.Lead, stage_updated_at: '2026-11-30T10:00:00Z', amount: 10 });
    const checked = rule({ dealStageEntered: { stage: 'Lead' } }, {}, { conditions: { all: [{ fact: 'deal.amount', operator: 'greaterThan', value: 100 }] } });
    const result = await evaluate({ rules: [checked], fingerprint: 't' }, account({ deals: [small] }), { now: NOW.toISO()!, lang: 'en', mirror: EMPTY_MIRROR });

    expect(result.nearMisses).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(result.nearMisses))).toEqual(result.nearMisses);
  });
});
