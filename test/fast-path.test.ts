import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate/index.js';
import { EMPTY_MIRROR, mirrorFromMap, mirrorKey, type MirrorEntry } from '../src/state/mirror.js';
import type { AccountSnapshot } from '../src/types/records.js';
import { CAPTURED_AT, loadBenchRules, planOf, smallBenchAccount } from './support/bench-account.js';
import { evaluateNaively } from './support/naive-evaluate.js';

/**
 * Build a mirror that saw an earlier state of the account: some deals in the
 * stage before, some companies with another tier or account manager, some
 * deals with another amount, and one deal not at all.
 */
function earlierMirror(snapshot: AccountSnapshot) {
  const entries = new Map<string, MirrorEntry>();
  const seenAt = '2026-11-30T07:00:00.000Z';
  snapshot.deals.forEach((deal, index) => {
    if (index === 5) return;
    const attributes: Record<string, unknown> = structuredClone(deal.attributes);
    if (index % 7 === 0) attributes.deal_stage = snapshot.pipelines[0]!.stages[index % 5]!.id;
    if (index % 11 === 0) attributes.amount = Number(deal.attributes.amount) + 1_000;
    entries.set(mirrorKey('deal', deal.id), { attributes, seenAt });
  });
  snapshot.companies.forEach((company, index) => {
    const attributes: Record<string, unknown> = structuredClone(company.attributes);
    if (index % 9 === 0) attributes.loyalty_tier = 'Bronze';
    if (index % 13 === 0) attributes.account_manager = 'someone.else@example.com';
    entries.set(mirrorKey('company', company.id), { attributes, seenAt });
  });
  snapshot.contacts.forEach((contact, index) => {
    const attributes: Record<string, unknown> = structuredClone(contact.attributes);
    if (index % 17 === 0) attributes.JOB_TITLE = 'Intern';
    entries.set(mirrorKey('contact', String(contact.id)), { attributes, seenAt });
  });
  return mirrorFromMap(entries);
}

describe('fast evaluation path', () => {
  const snapshot = smallBenchAccount();
  const ruleSet = loadBenchRules(snapshot);

  const scenarios = [
    { name: 'first run, empty mirror', now: CAPTURED_AT, mirror: () => EMPTY_MIRROR },
    { name: 'later run against an earlier mirror', now: CAPTURED_AT, mirror: () => earlierMirror(snapshot) },
    { name: 'three days later, empty mirror', now: '2026-12-04T15:30:00.000Z', mirror: () => EMPTY_MIRROR },
  ];

  for (const scenario of scenarios) {
    it(`plans what the naive path plans: ${scenario.name}`, async () => {
      const options = { now: scenario.now, lang: 'en' as const, mirror: scenario.mirror() };
      const fast = await evaluate(ruleSet, snapshot, options);
      const naive = await evaluateNaively(ruleSet, snapshot, options);

      expect(fast.candidates.length).toBeGreaterThan(100);
      expect(fast.nearMisses.length).toBeGreaterThan(100);
      expect(fast.candidates).toEqual(naive.candidates);
      expect(fast.nearMisses).toEqual(naive.nearMisses);
      expect(fast.problems).toEqual(naive.problems);
      expect(planOf(fast, ruleSet, snapshot, scenario.now)).toEqual(planOf(naive, ruleSet, snapshot, scenario.now));
    });
  }

  it('reports the problem records', async () => {
    const fast = await evaluate(ruleSet, snapshot, { now: CAPTURED_AT, lang: 'en', mirror: EMPTY_MIRROR });
    const codes = new Set(fast.problems.map((problem) => problem.code));

    expect(codes).toContain('RECORD_STAGE_UNKNOWN');
    expect(codes).toContain('RECORD_DATE_INVALID');
    expect(codes).toContain('EVENT_COMPANY_UNKNOWN');
  });

  it('fires every trigger kind', async () => {
    const fast = await evaluate(ruleSet, snapshot, { now: CAPTURED_AT, lang: 'en', mirror: earlierMirror(snapshot) });
    const kinds = new Set(fast.candidates.map((candidate) => candidate.occurrence.trigger));

    expect([...kinds].sort()).toEqual(['attributeChanged', 'dateApproaching', 'dealStageEntered', 'loyaltyEvent']);
  });
});
