/**
 * Evaluation: find occurrences, filter them by conditions, render tasks.
 * Reads the snapshot and the mirror, writes nothing.
 */
import { DateTime } from 'luxon';
import type { Diagnostic, RecordRef } from '../types/diagnostics.js';
import type { Occurrence, TaskBody } from '../types/plan.js';
import type { AccountSnapshot } from '../types/records.js';
import type { Rule, RuleSet, TriggerKind } from '../types/rules.js';
import type { Lang } from '../i18n/index.js';
import type { MirrorReader } from '../state/mirror.js';
import { AccountIndex } from './account-index.js';
import { RuleConditions, type FailedCondition } from './conditions.js';
import type { Firing, TriggerContext } from './firing.js';
import { renderTask } from './render-task.js';
import { findAttributeChanges } from './triggers/attribute-changed.js';
import { findApproachingDates } from './triggers/date-approaching.js';
import { findRecurring } from './triggers/every.js';
import { findLoyaltyEvents } from './triggers/loyalty-event.js';
import { findStageEntries } from './triggers/stage-entered.js';

const FINDERS: Record<TriggerKind, (rule: Rule, ctx: TriggerContext) => Firing[]> = {
  dealStageEntered: findStageEntries,
  dateApproaching: findApproachingDates,
  attributeChanged: findAttributeChanges,
  loyaltyEvent: findLoyaltyEvents,
  every: findRecurring,
};

export interface Candidate {
  key: string;
  rule: string;
  record: RecordRef;
  occurrence: Occurrence;
  task: TaskBody & { taskType: string };
  notes: Diagnostic[];
}

/** An occurrence whose conditions failed: the raw material of explanations. */
export interface NearMiss {
  rule: string;
  record: RecordRef;
  occurrence: Occurrence;
  failed: FailedCondition[];
}

export interface Evaluation {
  candidates: Candidate[];
  nearMisses: NearMiss[];
  problems: Diagnostic[];
  /** Records the evaluation looked at, by kind, for the plan summary. */
  recordCount: number;
}

export interface EvaluateOptions {
  now: string;
  lang: Lang;
  mirror: MirrorReader;
}

export async function evaluate(ruleSet: RuleSet, snapshot: AccountSnapshot, options: EvaluateOptions): Promise<Evaluation> {
  const now = DateTime.fromISO(options.now, { zone: 'utc' });
  const index = new AccountIndex(snapshot);
  const problems = new ProblemList();
  const ctx: TriggerContext = { index, mirror: options.mirror, now, report: (problem) => problems.add(problem) };
  const result: Evaluation = {
    candidates: [],
    nearMisses: [],
    problems: [],
    recordCount: snapshot.deals.length + snapshot.companies.length + snapshot.contacts.length,
  };

  for (const rule of ruleSet.rules) {
    if (rule.enabled === false) continue;
    const conditions = rule.conditions ? new RuleConditions(rule.conditions, { now, zone: rule.calendar.timezone }) : null;
    for (const firing of FINDERS[rule.triggerKind](rule, ctx)) {
      // One record after another: a json-rules-engine engine must not run concurrently.
      const outcome = conditions ? await conditions.evaluate(firing.facts) : { passed: true, failed: [] };
      if (!outcome.passed) {
        result.nearMisses.push({ rule: rule.id, record: firing.record, occurrence: firing.occurrence, failed: outcome.failed });
        continue;
      }
      const rendered = renderTask(firing, index, now, options.lang);
      if (!rendered.ok) {
        problems.add(rendered.problem);
        continue;
      }
      result.candidates.push({ ...rendered.value, rule: rule.id, record: firing.record, occurrence: firing.occurrence });
    }
  }
  result.problems = problems.list;
  return result;
}

/** Problems about a record are reported once, however many rules meet it. */
class ProblemList {
  readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  add(problem: Diagnostic): void {
    const identity = `${problem.code}|${problem.rule ?? ''}|${problem.record?.type ?? ''}:${problem.record?.id ?? ''}`;
    if (this.seen.has(identity)) return;
    this.seen.add(identity);
    this.list.push(problem);
  }
}
