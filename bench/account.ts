/**
 * The benchmark account: a generated account (examples/generator) with an
 * expected close date on every open deal, so that the deal `dateApproaching`
 * rules in bench/rules have dates to look at. The same options always give
 * the same account.
 */
import { generateAccount } from '../examples/generate-crm.js';
import { Random, addDays, formatDate, formatTimestamp } from '../examples/generator/random.js';
import type { AccountSnapshot, BrevoDeal } from '../src/types/records.js';

export interface BenchAccountOptions {
  seed: number;
  deals: number;
  companies: number;
  contacts: number;
  /** ISO-8601 capture time; every generated date is relative to it. */
  capturedAt: string;
}

const CLOSED_STAGE_NAMES = new Set(['Closed Won', 'Closed Lost']);

/** Close dates fall between this many days before and after the capture time. */
const CLOSE_DATE_DAYS_BEFORE = 10;
const CLOSE_DATE_DAYS_AFTER = 150;

export function buildBenchAccount(options: BenchAccountOptions): AccountSnapshot {
  const account = generateAccount(options);
  const random = new Random(options.seed + 1);
  const closedStageIds = closedStages(account);
  const capturedAt = new Date(options.capturedAt);

  for (const deal of account.deals) {
    if (closedStageIds.has(String(deal.attributes.deal_stage))) continue;
    const closeDate = random.timeBetween(addDays(capturedAt, -CLOSE_DATE_DAYS_BEFORE), addDays(capturedAt, CLOSE_DATE_DAYS_AFTER));
    deal.attributes.close_date = formatDate(closeDate);
  }
  return account;
}

export interface DealChanges {
  /** Deals that moved to the next stage of their pipeline. */
  stageMoves: number;
  /** Deals whose amount changed. */
  amountChanges: number;
  /** Deals whose expected close date moved. */
  closeDateMoves: number;
}

/**
 * Change `fraction` of the deals in place, as a sales team would between two
 * scheduled runs: a third move to the next stage, a third get a new amount,
 * a third a new close date. Each change happens at a random time in
 * (`from`, `to`], and `last_updated_date` is set to it, as Brevo sets it.
 */
export function changeDeals(account: AccountSnapshot, fraction: number, seed: number, from: string, to: string): DealChanges {
  const random = new Random(seed);
  const count = Math.round(account.deals.length * fraction);
  const chosen = random.sample(account.deals, count);
  const start = new Date(Date.parse(from) + 1);
  const end = new Date(to);
  const changes: DealChanges = { stageMoves: 0, amountChanges: 0, closeDateMoves: 0 };

  chosen.forEach((deal, index) => {
    const changedAt = random.timeBetween(start, end);
    const kind = index % 3;
    if (kind === 0 && moveToNextStage(account, deal, changedAt)) {
      changes.stageMoves++;
    } else if (kind === 1 || deal.attributes.close_date === undefined) {
      deal.attributes.amount = random.logUniform(1_500, 250_000, 50);
      changes.amountChanges++;
    } else {
      deal.attributes.close_date = formatDate(random.timeBetween(end, addDays(end, 60)));
      changes.closeDateMoves++;
    }
    deal.attributes.last_updated_date = formatTimestamp(changedAt);
  });
  return changes;
}

/** Move a deal one stage on; returns false when the deal is closed already. */
function moveToNextStage(account: AccountSnapshot, deal: BrevoDeal, at: Date): boolean {
  const stageId = String(deal.attributes.deal_stage);
  for (const pipeline of account.pipelines) {
    const position = pipeline.stages.findIndex((stage) => stage.id === stageId);
    const current = pipeline.stages[position];
    const next = pipeline.stages[position + 1];
    if (!current || !next || CLOSED_STAGE_NAMES.has(current.name)) continue;
    deal.attributes.deal_stage = next.id;
    deal.attributes.stage_updated_at = formatTimestamp(at);
    return true;
  }
  return false;
}

function closedStages(account: AccountSnapshot): Set<string> {
  const ids = new Set<string>();
  for (const pipeline of account.pipelines) {
    for (const stage of pipeline.stages) {
      if (CLOSED_STAGE_NAMES.has(stage.name)) ids.add(stage.id);
    }
  }
  return ids;
}
