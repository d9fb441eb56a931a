/**
 * `dealStageEntered`: a deal whose stage differs from the mirror, or, before
 * the first apply, whose `stage_updated_at` lies inside the look-back window.
 * Identity: deal id + stage id + stage entry time, so re-entering later is new.
 */
import type { DateTime } from 'luxon';
import type { BrevoDeal } from '../../types/records.js';
import type { DealStageEnteredTrigger, Rule } from '../../types/rules.js';
import type { Firing, TriggerContext } from '../firing.js';
import { contextFacts, recordFacts, recordRef } from '../record-facts.js';
import { parseRecordDate } from './dates.js';

export function findStageEntries(rule: Rule, ctx: TriggerContext): Firing[] {
  const spec = (rule.trigger as DealStageEnteredTrigger).dealStageEntered;
  const firings: Firing[] = [];
  for (const deal of ctx.index.snapshot.deals) {
    const stage = stageOf(deal, ctx);
    if (!stage || !namesMatch(stage.stageName, spec.stage)) continue;
    if (spec.pipeline !== undefined && !namesMatch(stage.pipelineName, spec.pipeline)) continue;

    const enteredAt = entryTime(deal, rule, ctx);
    if (!enteredAt) continue;
    if (spec.from !== undefined && !cameFrom(deal, spec.from, ctx)) continue;
    firings.push(buildFiring(rule, deal, stage.stageId, stage.stageName, enteredAt, ctx));
  }
  return firings;
}

function stageOf(deal: BrevoDeal, ctx: TriggerContext) {
  const stageId = deal.attributes.deal_stage;
  const stage = typeof stageId === 'string' ? ctx.index.stages.get(stageId) : undefined;
  if (!stage) {
    ctx.report({
      code: 'RECORD_STAGE_UNKNOWN',
      severity: 'warning',
      params: { id: deal.id, stage: String(stageId ?? '') },
      record: { type: 'deal', id: deal.id },
    });
  }
  return stage;
}

/** When the deal entered its current stage, or null when this is no new entry. */
function entryTime(deal: BrevoDeal, rule: Rule, ctx: TriggerContext): DateTime | null {
  const raw = deal.attributes.stage_updated_at;
  const parsed = parseRecordDate(raw, rule.calendar.timezone);
  const seen = ctx.mirror.get('deal', deal.id);
  if (seen) {
    if (seen.attributes.deal_stage === deal.attributes.deal_stage) return null;
    return parsed ?? ctx.now;
  }
  if (!parsed) {
    ctx.report({
      code: 'RECORD_DATE_INVALID',
      severity: 'warning',
      params: { id: deal.id, field: 'stage_updated_at', value: String(raw ?? '') },
      record: { type: 'deal', id: deal.id },
    });
    return null;
  }
  const age = ctx.now.toMillis() - parsed.toMillis();
  return age >= 0 && age <= rule.lookbackMs ? parsed : null;
}

/** `from` needs the previous stage, which only the mirror knows. */
function cameFrom(deal: BrevoDeal, from: string, ctx: TriggerContext): boolean {
  const previous = ctx.mirror.get('deal', deal.id)?.attributes.deal_stage;
  const stage = typeof previous === 'string' ? ctx.index.stages.get(previous) : undefined;
  return stage !== undefined && namesMatch(stage.stageName, from);
}

function buildFiring(rule: Rule, deal: BrevoDeal, stageId: string, stageName: string, enteredAt: DateTime, ctx: TriggerContext): Firing {
  const at = enteredAt.toUTC().toISO() ?? '';
  const occurrence = {
    trigger: 'dealStageEntered' as const,
    identity: `deal:${deal.id}:stage:${stageId}:${at}`,
    at,
    details: { stage: stageName },
  };
  const facts = recordFacts(ctx.index, { kind: 'deal', record: deal });
  return {
    rule,
    record: recordRef('deal', facts.deal as Record<string, unknown>),
    occurrence,
    anchor: enteredAt,
    facts: { ...facts, ...contextFacts(rule, occurrence, ctx.now.toUTC().toISO() ?? '') },
  };
}

export function namesMatch(actual: string, expected: string): boolean {
  return actual.trim().toLowerCase() === expected.trim().toLowerCase();
}
