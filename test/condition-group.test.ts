import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ConditionGroup } from '../src/evaluate/conditions.js';
import type { ConditionSpec } from '../src/types/rules.js';

const clock = { now: DateTime.fromISO('2026-12-01T07:00:00.000Z', { zone: 'utc' }), zone: 'Europe/Berlin' };

const large: ConditionSpec = { all: [{ fact: 'deal.amount', operator: 'greaterThanInclusive', value: 20_000 }] };
const small: ConditionSpec = { all: [{ fact: 'deal.amount', operator: 'lessThan', value: 20_000 }] };
const facts = (amount: number, ruleId = 'rule') => ({ deal: { amount, name: 'Acme' }, rule: { id: ruleId }, now: clock.now.toISO() });

describe('ConditionGroup', () => {
  it('gives each rule its verdict', async () => {
    const group = new ConditionGroup([large, small, undefined], clock);

    const verdicts = await group.evaluate([facts(25_000), facts(25_000), facts(25_000)]);

    expect(verdicts.map((verdict) => verdict.passed)).toEqual([true, false, true]);
    expect(verdicts[1]!.failed).toEqual([{ fact: 'deal.amount', operator: 'lessThan', expected: 20_000, actual: 25_000 }]);
  });

  it('reuses the engine across occurrences', async () => {
    const group = new ConditionGroup([large, small], clock);

    const first = await group.evaluate([facts(25_000), facts(25_000)]);
    const second = await group.evaluate([facts(5_000), facts(5_000)]);

    expect(first.map((verdict) => verdict.passed)).toEqual([true, false]);
    expect(second.map((verdict) => verdict.passed)).toEqual([false, true]);
  });

  it("reads each rule's own rule fact", async () => {
    const byId = (id: string): ConditionSpec => ({ all: [{ fact: 'rule.id', operator: 'equal', value: id }] });
    const group = new ConditionGroup([byId('first'), byId('second')], clock);

    const verdicts = await group.evaluate([facts(1, 'first'), facts(1, 'second')]);

    expect(verdicts.map((verdict) => verdict.passed)).toEqual([true, true]);
  });

  it('shows a fact reference as written', async () => {
    const compare: ConditionSpec = { all: [{ fact: 'deal.amount', operator: 'greaterThan', value: { fact: 'deal.limit' } }] };
    const group = new ConditionGroup([compare, compare], clock);
    const withLimit = { deal: { amount: 10, limit: 50 }, rule: { id: 'x' } };

    const verdicts = await group.evaluate([withLimit, withLimit]);

    expect(verdicts[0]!.passed).toBe(false);
    expect(verdicts[0]!.failed[0]!.expected).toEqual({ fact: 'deal.limit' });
  });

  it('passes rules without conditions', async () => {
    const group = new ConditionGroup([undefined, undefined], clock);

    const verdicts = await group.evaluate([{}, {}]);

    expect(verdicts).toEqual([{ passed: true, failed: [] }, { passed: true, failed: [] }]);
  });

  it('rejects a missing fact', async () => {
    const group = new ConditionGroup([{ all: [{ fact: 'company.name', operator: 'equal', value: 'Acme' }] }], clock);

    await expect(group.evaluate([{ deal: {} }])).rejects.toMatchObject({ code: 'UNDEFINED_FACT' });
  });
});
