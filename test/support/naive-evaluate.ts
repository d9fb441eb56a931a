/**
 * The naive evaluation path, kept as the reference that the fast path in
 * src/evaluate must match. Every rule runs on its own: its finder scans
 * every record of the account, a json-rules-engine engine of its own checks
 * the conditions, reading facts with JSONPath (`$.amount`, the library's
 * default path resolver), and each occurrence is rendered right after its
 * conditions pass. There is no trigger index, no rule group and no slice.
 */
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import { DateTime } from 'luxon';
import { AccountIndex } from '../../src/evaluate/account-index.js';
import type { FailedCondition } from '../../src/evaluate/conditions.js';
import { fromEngineValue, isFactReference } from '../../src/evaluate/fact-reference.js';
import type { Firing, TriggerContext } from '../../src/evaluate/firing.js';
import type { Evaluation } from '../../src/evaluate/index.js';
import { addOperators } from '../../src/evaluate/operators.js';
import { renderTask } from '../../src/evaluate/render-task.js';
import { findAttributeChanges } from '../../src/evaluate/triggers/attribute-changed.js';
import { findApproachingDates } from '../../src/evaluate/triggers/date-approaching.js';
import { findRecurring } from '../../src/evaluate/triggers/every.js';
import { findLoyaltyEvents } from '../../src/evaluate/triggers/loyalty-event.js';
import { findStageEntries } from '../../src/evaluate/triggers/stage-entered.js';
import type { Lang } from '../../src/i18n/index.js';
import type { MirrorReader } from '../../src/state/mirror.js';
import type { Diagnostic } from '../../src/types/diagnostics.js';
import type { AccountSnapshot } from '../../src/types/records.js';
import type { ConditionSpec, Rule, RuleSet, TriggerKind } from '../../src/types/rules.js';

const FINDERS: Record<TriggerKind, (rule: Rule, ctx: TriggerContext) => Firing[]> = {
  dealStageEntered: findStageEntries,
  dateApproaching: findApproachingDates,
  attributeChanged: findAttributeChanges,
  loyaltyEvent: findLoyaltyEvents,
  every: findRecurring,
};

export async function evaluateNaively(
  ruleSet: RuleSet,
  snapshot: AccountSnapshot,
  options: { now: string; lang: Lang; mirror: MirrorReader },
): Promise<Evaluation> {
  const now = DateTime.fromISO(options.now, { zone: 'utc' });
  const index = new AccountIndex(snapshot);
  const problems: Diagnostic[] = [];
  const reported = new Set<string>();
  const report = (problem: Diagnostic) => {
    const identity = `${problem.code}|${problem.rule ?? ''}|${problem.record?.type ?? ''}:${problem.record?.id ?? ''}`;
    if (reported.has(identity)) return;
    reported.add(identity);
    problems.push(problem);
  };
  const ctx: TriggerContext = { index, mirror: options.mirror, now, report };
  const evaluation: Evaluation = {
    candidates: [],
    nearMisses: [],
    problems,
    recordCount: snapshot.deals.length + snapshot.companies.length + snapshot.contacts.length,
  };

  for (const rule of ruleSet.rules) {
    if (rule.enabled === false) continue;
    const engine = rule.conditions ? jsonPathEngine(rule.conditions, { now, zone: rule.calendar.timezone }) : null;
    for (const firing of FINDERS[rule.triggerKind](rule, ctx)) {
      const failed = engine ? await failedConditions(engine, firing.facts) : null;
      if (failed) {
        evaluation.nearMisses.push({ rule: rule.id, record: firing.record, occurrence: firing.occurrence, failed });
        continue;
      }
      const rendered = renderTask(firing, index, now);
      if (!rendered.ok) {
        report(rendered.problem);
        continue;
      }
      evaluation.candidates.push({ ...rendered.value, rule: rule.id, record: firing.record, occurrence: firing.occurrence });
    }
  }
  return evaluation;
}

function jsonPathEngine(conditions: ConditionSpec, clock: { now: DateTime; zone: string }): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  addOperators(engine, clock);
  engine.addRule({ conditions: toJsonPathCondition(conditions) as TopLevelCondition, event: { type: 'matched' } });
  return engine;
}

/** Run the conditions; returns null when they pass, else the leaves that failed. */
async function failedConditions(engine: Engine, facts: Record<string, unknown>): Promise<FailedCondition[] | null> {
  const { results, failureResults } = await engine.run(facts);
  if (results.length > 0) return null;
  const failed: FailedCondition[] = [];
  for (const result of failureResults) collectFailedLeaves(result.conditions, failed);
  return failed;
}

function toJsonPathCondition(spec: ConditionSpec): unknown {
  if ('all' in spec) return { all: spec.all.map(toJsonPathCondition) };
  if ('any' in spec) return { any: spec.any.map(toJsonPathCondition) };
  if ('not' in spec) return { not: toJsonPathCondition(spec.not) };
  const value = isFactReference(spec.value) ? jsonPathFact(spec.value.fact) : spec.value;
  return { ...jsonPathFact(spec.fact), operator: spec.operator, value, name: spec.fact };
}

function jsonPathFact(dotted: string): { fact: string; path?: string } {
  const [root = '', ...rest] = dotted.split('.');
  return rest.length === 0 ? { fact: root } : { fact: root, path: `$.${rest.join('.')}` };
}

interface ResultNode {
  all?: ResultNode[];
  any?: ResultNode[];
  not?: ResultNode;
  name?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  result?: boolean;
}

/** Collect the failing leaves as the fast path does: under a `not`, a leaf that holds fails the rule. */
function collectFailedLeaves(node: unknown, into: FailedCondition[], negated = false): void {
  const condition = node as ResultNode | undefined;
  if (!condition) return;
  for (const child of condition.all ?? condition.any ?? []) collectFailedLeaves(child, into, negated);
  if (condition.not) collectFailedLeaves(condition.not, into, !negated);
  const failed = negated ? condition.result === true : condition.result === false;
  if (condition.operator !== undefined && failed) {
    const expected = fromEngineValue(condition.value);
    const operator = negated ? `not ${condition.operator}` : condition.operator;
    into.push({ fact: condition.name ?? '', operator, expected: jsonPathAsDotted(expected), actual: condition.factResult });
  }
}

/** Show a `{ fact, path: '$.x' }` value as the dotted reference the rule file wrote. */
function jsonPathAsDotted(value: unknown): unknown {
  if (!isFactReference(value)) return value;
  return { fact: value.fact.replace('.$.', '.') };
}
