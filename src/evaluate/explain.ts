/**
 * Why each rule did or did not plan a task for one record. Planned tasks,
 * failed conditions and problems come from the plan and the evaluation;
 * for rules whose trigger never fired, a short check per trigger kind says
 * what the trigger waited for and what the record had instead.
 */
import { isDeepStrictEqual } from 'node:util';
import type { DateTime } from 'luxon';
import type { Diagnostic, RecordKind, RecordRef } from '../types/diagnostics.js';
import type { Occurrence, Plan, PlanItem } from '../types/plan.js';
import type { AttributeChangedTrigger, DateApproachingTrigger, DealStageEnteredTrigger, LoyaltyEventTrigger, Rule } from '../types/rules.js';
import type { MirrorReader } from '../state/mirror.js';
import { durationToMillis } from '../time/duration.js';
import type { AccountIndex, RecordView } from './account-index.js';
import type { FailedCondition } from './conditions.js';
import type { Evaluation } from './index.js';
import { namesMatch } from './triggers/stage-entered.js';
import { parseRecordDate } from './triggers/dates.js';

/** What the trigger saw instead of a firing: a catalog id with its values. */
export interface TriggerReason {
  id: string;
  params: Record<string, string | number>;
}

export type RuleVerdict =
  | { rule: string; status: 'planned'; item: PlanItem }
  | { rule: string; status: 'conditionFailed'; occurrence: Occurrence; failed: FailedCondition[] }
  | { rule: string; status: 'problem'; problem: Diagnostic }
  | { rule: string; status: 'notTriggered'; reason: TriggerReason }
  | { rule: string; status: 'otherKind'; recordKind: RecordKind };

export interface Explanation {
  record: RecordRef;
  verdicts: RuleVerdict[];
}

export interface ExplainInputs {
  record: { type: RecordKind; id: string };
  rules: Rule[];
  plan: Plan;
  evaluation: Evaluation;
  index: AccountIndex;
  mirror: MirrorReader;
  now: DateTime;
}

/** Explain every rule for one record; null when the account has no such record. */
export function explainRecord(inputs: ExplainInputs): Explanation | null {
  const view = findView(inputs.index, inputs.record);
  if (!view) return null;
  const record: RecordRef = { ...inputs.record, ...(typeof view.name === 'string' ? { name: view.name } : {}) };
  const about = (ref: RecordRef | undefined) => ref?.type === record.type && ref.id === record.id;
  const verdicts: RuleVerdict[] = [];

  for (const rule of inputs.rules) {
    const found: RuleVerdict[] = [
      ...inputs.plan.items.filter((item) => item.rule === rule.id && about(item.record)).map((item) => ({ rule: rule.id, status: 'planned' as const, item })),
      ...inputs.evaluation.nearMisses
        .filter((miss) => miss.rule === rule.id && about(miss.record))
        .map((miss) => ({ rule: rule.id, status: 'conditionFailed' as const, occurrence: miss.occurrence, failed: miss.failed })),
      ...inputs.plan.problems
        .filter((problem) => about(problem.record) && (problem.rule === undefined || problem.rule === rule.id))
        .map((problem) => ({ rule: rule.id, status: 'problem' as const, problem })),
    ];
    if (found.length > 0) {
      verdicts.push(...found);
      continue;
    }
    if (rule.recordKind !== record.type) {
      verdicts.push({ rule: rule.id, status: 'otherKind', recordKind: rule.recordKind });
      continue;
    }
    verdicts.push({ rule: rule.id, status: 'notTriggered', reason: whyNotTriggered(rule, view, inputs) });
  }
  return { record, verdicts };
}

function findView(index: AccountIndex, ref: { type: RecordKind; id: string }): RecordView | null {
  if (ref.type === 'deal') {
    const deal = index.deals.get(ref.id);
    return deal ? index.dealView(deal) : null;
  }
  if (ref.type === 'company') {
    const company = index.companies.get(ref.id);
    return company ? index.companyView(company) : null;
  }
  const contact = index.contacts.get(Number(ref.id));
  return contact ? index.contactView(contact) : null;
}

function whyNotTriggered(rule: Rule, view: RecordView, inputs: ExplainInputs): TriggerReason {
  switch (rule.triggerKind) {
    case 'dealStageEntered':
      return whyNoStageEntry(rule, view, inputs);
    case 'dateApproaching':
      return whyNoApproachingDate(rule, view, inputs);
    case 'attributeChanged':
      return whyNoChange(rule, view, inputs);
    case 'loyaltyEvent':
      return whyNoEvent(rule, view, inputs);
    default:
      return { id: 'explain.notDue', params: {} };
  }
}

function whyNoStageEntry(rule: Rule, view: RecordView, inputs: ExplainInputs): TriggerReason {
  const spec = (rule.trigger as DealStageEnteredTrigger).dealStageEntered;
  const stage = String(view.stage ?? '');
  if (!namesMatch(stage, spec.stage)) return { id: 'explain.stageOther', params: { stage, expected: spec.stage } };
  const pipeline = String(view.pipeline ?? '');
  if (spec.pipeline !== undefined && !namesMatch(pipeline, spec.pipeline)) {
    return { id: 'explain.pipelineOther', params: { pipeline, expected: spec.pipeline } };
  }
  const seen = inputs.mirror.get('deal', String(view.id));
  if (seen) {
    if (seen.attributes.deal_stage === view.stageId) return { id: 'explain.stageUnchanged', params: { stage } };
    return { id: 'explain.fromOther', params: { expected: spec.from ?? '' } };
  }
  if (spec.from !== undefined) return { id: 'explain.fromUnknown', params: { expected: spec.from } };
  const entered = parseRecordDate(view.stageUpdatedAt, rule.calendar.timezone);
  const since = inputs.now.minus(rule.lookbackMs).setZone(rule.calendar.timezone);
  return { id: 'explain.outsideLookback', params: { at: entered?.toISO() ?? String(view.stageUpdatedAt), since: since.toISO() ?? '' } };
}

function whyNoApproachingDate(rule: Rule, view: RecordView, inputs: ExplainInputs): TriggerReason {
  const spec = (rule.trigger as DateApproachingTrigger).dateApproaching;
  const raw = view[spec.field];
  if (raw === undefined || raw === null || raw === '') return { id: 'explain.fieldEmpty', params: { field: spec.field } };
  const until = inputs.now.plus(durationToMillis(spec.within) ?? 0).setZone(rule.calendar.timezone);
  return { id: 'explain.dateOutside', params: { field: spec.field, date: String(raw), until: until.toISODate() ?? '' } };
}

function whyNoChange(rule: Rule, view: RecordView, inputs: ExplainInputs): TriggerReason {
  const spec = (rule.trigger as AttributeChangedTrigger).attributeChanged;
  const seen = inputs.mirror.get(spec.record, String(view.id));
  if (!seen) return { id: 'explain.noBaseline', params: { attribute: spec.attribute } };
  const value = view[spec.attribute] ?? null;
  if (isDeepStrictEqual(seen.attributes[spec.attribute] ?? null, value)) {
    return { id: 'explain.unchanged', params: { attribute: spec.attribute, value: JSON.stringify(value) } };
  }
  return { id: 'explain.changeOther', params: { attribute: spec.attribute, from: JSON.stringify(seen.attributes[spec.attribute] ?? null), to: JSON.stringify(value) } };
}

function whyNoEvent(rule: Rule, view: RecordView, inputs: ExplainInputs): TriggerReason {
  const spec = (rule.trigger as LoyaltyEventTrigger).loyaltyEvent;
  const types = Array.isArray(spec.event) ? spec.event : [spec.event];
  const since = inputs.now.minus(rule.lookbackMs).setZone(rule.calendar.timezone);
  return { id: 'explain.noEvent', params: { event: types.join(', '), since: since.toISO() ?? '' } };
}
