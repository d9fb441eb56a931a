import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changeDeals } from '../bench/account.js';
import { evaluate } from '../src/evaluate/index.js';
import { EMPTY_MIRROR, mirrorKey, type MirrorReader } from '../src/state/mirror.js';
import type { Plan } from '../src/types/plan.js';
import type { AccountSnapshot } from '../src/types/records.js';
import type { RuleSet } from '../src/types/rules.js';
import { CAPTURED_AT, loadBenchRules, mirrorOf, planOf, smallBenchAccount } from './support/bench-account.js';

/** Two days and three hours after the first run: Thursday 10:00 in Berlin. */
const LATER = '2026-12-03T09:00:00.000Z';

const minutesBefore = (iso: string, minutes: number) => new Date(Date.parse(iso) - minutes * 60_000).toISOString();

interface Runs {
  ruleSet: RuleSet;
  later: AccountSnapshot;
  mirror: MirrorReader;
  ledger: Map<string, string>;
}

/**
 * Build a first run at CAPTURED_AT whose tasks all exist afterwards, then an
 * account in which deals, companies, contacts and events changed until LATER.
 */
async function twoRuns(rulesDir?: string, leftOutOfMirror: ReadonlySet<string> = new Set()): Promise<Runs> {
  const first = smallBenchAccount(11);
  const ruleSet = loadBenchRules(first, rulesDir);
  const firstPlan = planOf(await evaluate(ruleSet, first, { now: CAPTURED_AT, lang: 'en', mirror: EMPTY_MIRROR }), ruleSet, first, CAPTURED_AT);
  // Tasks of records left out of the mirror were not created, as when their rule hit maxTasksPerRun.
  const created = firstPlan.items.filter((item) => !leftOutOfMirror.has(mirrorKey(item.record.type, item.record.id)));
  const ledger = new Map(created.map((item, index) => [item.key, `task-${index}`]));
  const mirror = mirrorOf(first, CAPTURED_AT, leftOutOfMirror);

  const later = structuredClone(first);
  later.capturedAt = LATER;
  changeDeals(later, 0.02, 5, CAPTURED_AT, minutesBefore(LATER, 30));
  const changedAt = minutesBefore(LATER, 90);
  later.companies.slice(10, 20).forEach((company) => {
    company.attributes.loyalty_tier = company.attributes.loyalty_tier === 'Gold' ? 'Platinum' : 'Gold';
    company.attributes.last_updated_at = changedAt;
  });
  later.companies.slice(20, 25).forEach((company) => {
    company.attributes.account_manager = 'sofia.rossi@example.com';
    company.attributes.last_updated_at = changedAt;
  });
  later.contacts.slice(0, 5).forEach((contact) => {
    contact.attributes.JOB_TITLE = 'Chief Revenue Officer';
    contact.modifiedAt = changedAt;
  });
  const newDeal = structuredClone(later.deals[100]!);
  newDeal.id = 'a0a0a0a0a0a0a0a0a0a0a0a0';
  newDeal.attributes.deal_stage = later.pipelines[0]!.stages[0]!.id;
  newDeal.attributes.stage_updated_at = minutesBefore(LATER, 60);
  newDeal.attributes.last_updated_date = minutesBefore(LATER, 60);
  later.deals.push(newDeal);
  const template = later.loyaltyEvents.find((event) => event.type === 'tier_changed')!;
  later.loyaltyEvents.push(
    { ...template, id: 'evt_after_first_run', occurredAt: minutesBefore(LATER, 120), data: { from: 'Silver', to: 'Gold' } },
    // Delivered late: it happened shortly before the first run but was not in its events file.
    { ...template, id: 'evt_delivered_late', occurredAt: minutesBefore(CAPTURED_AT, 20), data: { from: 'Gold', to: 'Platinum' } },
  );
  return { ruleSet, later, mirror, ledger };
}

async function fullAndIncremental(runs: Runs): Promise<{ full: Plan; incremental: Plan }> {
  const { ruleSet, later, mirror, ledger } = runs;
  const full = planOf(await evaluate(ruleSet, later, { now: LATER, lang: 'en', mirror }), ruleSet, later, LATER, ledger);
  const evaluation = await evaluate(ruleSet, later, {
    now: LATER,
    lang: 'en',
    mirror,
    incremental: { since: CAPTURED_AT, known: (key) => ledger.has(key) },
  });
  return { full, incremental: planOf(evaluation, ruleSet, later, LATER, ledger) };
}

const creates = (plan: Plan) => plan.items.filter((item) => item.action === 'create');

describe('incremental evaluation', () => {
  it('creates what a full evaluation creates', async () => {
    const { full, incremental } = await fullAndIncremental(await twoRuns());

    expect(creates(full).length).toBeGreaterThan(20);
    expect(creates(incremental)).toEqual(creates(full));
  });

  it('covers every trigger kind', async () => {
    const { incremental } = await fullAndIncremental(await twoRuns());
    const kinds = new Set(creates(incremental).map((item) => item.occurrence.trigger));
    const events = creates(incremental).filter((item) => item.occurrence.trigger === 'loyaltyEvent').map((item) => item.occurrence.identity);

    expect([...kinds].sort()).toEqual(['attributeChanged', 'dateApproaching', 'dealStageEntered', 'loyaltyEvent']);
    expect(events).toContain('event:evt_after_first_run');
    expect(events).toContain('event:evt_delivered_late');
  });

  it('leaves out occurrences whose task exists', async () => {
    const { full, incremental } = await fullAndIncremental(await twoRuns());

    expect(full.summary.exists).toBeGreaterThan(100);
    expect(incremental.summary.exists).toBe(0);
    expect(incremental.items.length).toBe(creates(incremental).length);
  });

  it('reports only problems a full evaluation reports', async () => {
    const { full, incremental } = await fullAndIncremental(await twoRuns());

    for (const problem of incremental.problems) expect(full.problems).toContainEqual(problem);
  });

  it("uses the source's changed records", async () => {
    const { ruleSet, later, mirror, ledger } = await twoRuns();
    const named = later.companies[10]!;
    const evaluation = await evaluate(ruleSet, later, {
      now: LATER,
      lang: 'en',
      mirror,
      incremental: { since: CAPTURED_AT, known: (key) => ledger.has(key), changed: new Set([mirrorKey('company', named.id)]) },
    });
    const tierChanges = evaluation.candidates.filter((candidate) => candidate.rule === 'company-tier-changed');

    // Ten companies changed tier, but the source named one.
    expect(tierChanges.map((candidate) => candidate.record.id)).toEqual([named.id]);
  });
});

describe('incremental evaluation of records that did not change', () => {
  const dir = mkdtempSync(join(tmpdir(), 'followup-incremental-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('revisits records missing from the mirror', async () => {
    // Companies renewing soon that twoRuns() does not change, nor any record linked to them.
    const first = smallBenchAccount(11);
    const renewing = first.companies
      .slice(30)
      .filter((company) => (company.linkedDealsIds ?? []).length === 0)
      .filter((company) => String(company.attributes.renewal_date) > '2026-12-04' && String(company.attributes.renewal_date) < '2027-01-31');
    const leftOut = new Set(renewing.slice(0, 3).map((company) => mirrorKey('company', company.id)));
    const { full, incremental } = await fullAndIncremental(await twoRuns(undefined, leftOut));
    const recreated = creates(incremental).filter((item) => leftOut.has(mirrorKey('company', item.record.id)));

    expect(recreated.length).toBeGreaterThan(0);
    expect(creates(incremental)).toEqual(creates(full));
  });

  it('revisits records linked to changed ones', async () => {
    const rules = join(dir, 'linked');
    mkdirSync(rules);
    writeFileSync(
      join(rules, 'close-dates.yaml'),
      `version: 1
defaults: { timezone: Europe/Berlin, maxTasksPerRun: 100000 }
rules:
  - id: close-date-key-account
    trigger:
      dateApproaching: { record: deal, field: close_date, within: 30 days }
    conditions:
      all:
        - { fact: company.loyalty_tier, operator: in, value: [Gold, Platinum] }
    task:
      name: "Close with a key account: {{ deal.name }}"
      type: call
      due: { in: 1 day, at: "10:00" }
      assignee: ["{{ deal.owner }}"]
      link: [deal, companies]
`,
    );
    const { full, incremental } = await fullAndIncremental(await twoRuns(rules));

    expect(creates(full).length).toBeGreaterThan(0);
    expect(creates(incremental)).toEqual(creates(full));
  });

  it('rechecks conditions that read the clock', async () => {
    const rules = join(dir, 'clock');
    mkdirSync(rules);
    writeFileSync(
      join(rules, 'renewals.yaml'),
      `version: 1
defaults: { timezone: Europe/Berlin, maxTasksPerRun: 100000 }
rules:
  - id: renewal-within-45-days
    trigger:
      dateApproaching: { record: company, field: renewal_date, within: 60 days }
    conditions:
      all:
        - { fact: company.renewal_date, operator: withinNextDays, value: 45 }
    task:
      name: "Renewal: {{ company.name }}"
      type: call
      due: { in: 1 day, at: "10:00" }
      assignee: ["{{ company.account_manager }}", revops@example.com]
      link: [company]
`,
    );
    const { full, incremental } = await fullAndIncremental(await twoRuns(rules));

    // Companies whose renewal came within 45 days since the first run: their dates were in the window already.
    expect(creates(full).length).toBeGreaterThan(0);
    expect(creates(incremental)).toEqual(creates(full));
  });
});
