/**
 * Evaluation: find occurrences, filter them by conditions, render tasks.
 * Reads the snapshot and the mirror, writes nothing.
 *
 * Rules with the same trigger form a group (rule-groups.ts), whose finder
 * runs once. The trigger index (candidates.ts) hands that finder only the
 * records it can fire for, and one json-rules-engine run per occurrence
 * checks the conditions of every rule in the group. Candidates, near misses
 * and problems still come out rule by rule, in rule-set order and then in
 * account order, as if each rule had scanned the account on its own.
 */
import { DateTime } from 'luxon';
import type { Diagnostic, RecordRef } from '../types/diagnostics.js';
import type { Occurrence, TaskBody } from '../types/plan.js';
import type { AccountSnapshot } from '../types/records.js';
import type { Rule, RuleSet, TriggerKind } from '../types/rules.js';
import type { Lang } from '../i18n/index.js';
import type { MirrorReader } from '../state/mirror.js';
import { cacheZoneOffsets } from '../time/zone-offsets.js';
import { AccountIndex } from './account-index.js';
import { CandidateSearch, narrowIndex } from './candidates.js';
import { findChanges, type IncrementalOptions } from './changes.js';
import type { FailedCondition } from './conditions.js';
import type { Firing, TriggerContext } from './firing.js';
import { contextFacts } from './record-facts.js';
import { idempotencyKey, renderTask } from './render-task.js';
import { groupRules, type RuleGroup } from './rule-groups.js';
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
  /**
   * Set on scheduled runs: evaluate only occurrences that can be new since
   * the previous run, and leave out those whose task exists already. The
   * result then lists only what is new, not every current occurrence.
   */
  incremental?: IncrementalOptions;
}

/** A group's output for one of its rules, kept until that rule's turn in rule-set order. */
interface RuleOutput {
  candidates: Candidate[];
  nearMisses: NearMiss[];
  /** Problems met while rendering the rule's tasks. */
  problems: Diagnostic[];
}

interface GroupContext {
  search: CandidateSearch;
  triggers: TriggerContext;
  /** Set on scheduled runs: checks for an idempotency key whose task exists. */
  known: ((key: string) => boolean) | undefined;
}

export async function evaluate(ruleSet: RuleSet, snapshot: AccountSnapshot, options: EvaluateOptions): Promise<Evaluation> {
  cacheZoneOffsets();
  const now = DateTime.fromISO(options.now, { zone: 'utc' });
  const index = new AccountIndex(snapshot);
  const problems = new ProblemList();
  const triggers: TriggerContext = { index, mirror: options.mirror, now, report: (problem) => problems.add(problem) };
  const scope = options.incremental ? findChanges(index, options.mirror, options.incremental) : null;
  const groupContext: GroupContext = {
    search: new CandidateSearch(index, options.mirror, now, scope),
    triggers,
    known: options.incremental?.known,
  };
  const groups = groupRules(ruleSet.rules, now);
  const outputs = new Map<Rule, RuleOutput>();
  const result: Evaluation = {
    candidates: [],
    nearMisses: [],
    problems: [],
    recordCount: snapshot.deals.length + snapshot.companies.length + snapshot.contacts.length,
  };

  for (const rule of ruleSet.rules) {
    const group = groups.get(rule);
    if (!group) continue;
    if (!outputs.has(rule)) {
      const produced = await evaluateGroup(group, groupContext);
      group.rules.forEach((member, position) => outputs.set(member, produced[position]!));
    }

    const output = outputs.get(rule)!;
    outputs.delete(rule);
    for (const nearMiss of output.nearMisses) result.nearMisses.push(nearMiss);
    for (const problem of output.problems) problems.add(problem);
    for (const candidate of output.candidates) result.candidates.push(candidate);
  }
  result.problems = problems.list;
  return result;
}

/**
 * Find the group's occurrences with its first rule, check every rule's
 * conditions on them and render the tasks of the rules they pass. The other
 * rules get the same occurrences with their own rule facts, which is what
 * their own finder runs would give, because the rules of a group share
 * everything a finder reads. The finder runs on slices of the candidates,
 * so that each slice's facts are garbage before the next one is built.
 */
async function evaluateGroup(group: RuleGroup, context: GroupContext): Promise<RuleOutput[]> {
  const { triggers, known } = context;
  const [first, ...others] = group.rules as [Rule, ...Rule[]];
  const nowIso = triggers.now.toUTC().toISO() ?? '';
  const outputs: RuleOutput[] = group.rules.map(() => ({ candidates: [], nearMisses: [], problems: [] }));

  for (const slice of context.search.slices(group)) {
    const finderContext = slice ? { ...triggers, index: narrowIndex(triggers.index, slice) } : triggers;
    for (const firing of FINDERS[first.triggerKind](first, finderContext)) {
      const members: Firing[] = [
        firing,
        ...others.map((rule) => ({ ...firing, rule, facts: { ...firing.facts, ...contextFacts(rule, firing.occurrence, nowIso) } })),
      ];
      const open = members.map((member) => !known?.(idempotencyKey(member.rule.id, member.occurrence.identity)));
      if (!open.includes(true)) continue;

      // One occurrence after another: a json-rules-engine engine must not run concurrently.
      const verdicts = await group.conditions.evaluate(members.map((member) => member.facts));
      members.forEach((member, position) => {
        if (!open[position]) return;
        const output = outputs[position]!;
        const verdict = verdicts[position]!;
        if (!verdict.passed) {
          output.nearMisses.push({ rule: member.rule.id, record: member.record, occurrence: member.occurrence, failed: verdict.failed });
          return;
        }
        const rendered = renderTask(member, triggers.index, triggers.now);
        if (!rendered.ok) {
          output.problems.push(rendered.problem);
          return;
        }
        output.candidates.push({ ...rendered.value, rule: member.rule.id, record: member.record, occurrence: member.occurrence });
      });
    }
  }
  return outputs;
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
