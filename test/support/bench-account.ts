/**
 * A small benchmark account for tests that compare the fast evaluation path
 * with the naive one. It comes from bench/account.ts's generator, plus
 * records that hit the problem paths: an unknown stage, unreadable dates, an
 * event for a company the account lacks. The bench rules load through the
 * real loader.
 */
import { buildBenchAccount } from '../../bench/account.js';
import type { Evaluation } from '../../src/evaluate/index.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { mirrorFromMap, mirrorKey, type MirrorEntry, type MirrorReader } from '../../src/state/mirror.js';
import type { Plan } from '../../src/types/plan.js';
import type { AccountSnapshot } from '../../src/types/records.js';
import type { RuleSet } from '../../src/types/rules.js';
import { accountNamesOf, loadRuleSet } from '../../src/validate/index.js';

/** 08:00 in Berlin on Tuesday, 1 December 2026. */
export const CAPTURED_AT = '2026-12-01T07:00:00.000Z';

const BENCH_RULES_DIR = 'bench/rules';

export function smallBenchAccount(seed = 7): AccountSnapshot {
  const account = buildBenchAccount({ seed, deals: 2_000, companies: 1_000, contacts: 4_000, capturedAt: CAPTURED_AT });
  addProblemRecords(account);
  return account;
}

/** Records each of which a full evaluation reports as a problem. */
function addProblemRecords(account: AccountSnapshot): void {
  const [unknownStage, brokenEntry, brokenClose] = account.deals;
  unknownStage!.attributes.deal_stage = '9b4eda92-d8d2-4bd1-88f9-83e3ea7f1be0';
  unknownStage!.attributes.stage_updated_at = '2026-11-30T10:00:00.000Z';
  brokenEntry!.attributes.stage_updated_at = 'not a date';
  brokenClose!.attributes.close_date = '2026-02-30';

  const [brokenRenewal, shiftedRenewal] = account.companies;
  brokenRenewal!.attributes.renewal_date = 'next spring';
  shiftedRenewal!.attributes.renewal_date = '2026-12-03T23:30:00+01:00';

  const [firstEvent] = account.loyaltyEvents;
  account.loyaltyEvents.push({ ...firstEvent!, id: 'evt_unknown_company', companyId: '64b7f0c2a9e4d13f5c8a7e21', occurredAt: '2026-11-30T12:00:00.000Z' });
}

export function loadBenchRules(snapshot: AccountSnapshot, dir = BENCH_RULES_DIR): RuleSet {
  const loaded = loadRuleSet(dir, { lang: 'en', ...accountNamesOf(snapshot) });
  if (!loaded.ruleSet) throw new Error(`The bench rules are invalid: ${JSON.stringify(loaded.diagnostics)}`);
  return loaded.ruleSet;
}

/** Build a mirror that saw the account's records as they are now, at `seenAt`, except those whose mirror keys `omit` lists. */
export function mirrorOf(snapshot: AccountSnapshot, seenAt: string, omit: ReadonlySet<string> = new Set()): MirrorReader {
  const entries = new Map<string, MirrorEntry>();
  const add = (key: string, attributes: object) => {
    if (!omit.has(key)) entries.set(key, { attributes: structuredClone(attributes) as Record<string, unknown>, seenAt });
  };
  for (const deal of snapshot.deals) add(mirrorKey('deal', deal.id), deal.attributes);
  for (const company of snapshot.companies) add(mirrorKey('company', company.id), company.attributes);
  for (const contact of snapshot.contacts) add(mirrorKey('contact', String(contact.id)), contact.attributes);
  return mirrorFromMap(entries);
}

/** Reconcile an evaluation as makePlan does for a data directory. */
export function planOf(evaluation: Evaluation, ruleSet: RuleSet, snapshot: AccountSnapshot, now: string, ledger = new Map<string, string>()): Plan {
  return buildPlan({
    now,
    evaluation,
    ledger,
    existingTasks: snapshot.tasks,
    ruleCount: ruleSet.rules.length,
    taskLimits: new Map(ruleSet.rules.map((rule) => [rule.id, rule.maxTasksPerRun])),
  });
}
