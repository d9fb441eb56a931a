/**
 * Conditions run on json-rules-engine: one engine per rule, built once and
 * reused for every record, with records evaluated one after another (the
 * engine's run state is shared, so parallel runs would interfere). Facts are
 * the roots from fact-roots.ts; `deal.amount` becomes fact `deal`, path
 * `amount`, read by a dotted own-property resolver instead of JSONPath.
 */
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { DateTime } from 'luxon';
import type { ConditionSpec } from '../types/rules.js';
import { fromEngineValue, toEngineValue } from './fact-reference.js';
import { addOperators } from './operators.js';

const RULE_EVENT = { type: 'matched' };

/** A leaf that evaluated to false, for explanations and near-miss summaries. */
export interface FailedCondition {
  fact: string;
  operator: string;
  expected: unknown;
  actual: unknown;
}

export interface ConditionOutcome {
  passed: boolean;
  failed: FailedCondition[];
}

export class RuleConditions {
  private readonly engine: Engine;

  constructor(spec: ConditionSpec, clock: { now: DateTime; zone: string }) {
    this.engine = new Engine([], { allowUndefinedFacts: false, pathResolver: resolveDottedPath });
    addOperators(this.engine, clock);
    const rule: RuleProperties = { conditions: toEngineCondition(spec) as TopLevelCondition, event: RULE_EVENT };
    this.engine.addRule(rule);
  }

  async evaluate(facts: Record<string, unknown>): Promise<ConditionOutcome> {
    const { results, failureResults } = await this.engine.run(facts);
    if (results.length > 0) return { passed: true, failed: [] };
    const failed: FailedCondition[] = [];
    for (const result of failureResults) collectFailedLeaves(result.conditions, failed);
    return { passed: false, failed };
  }
}

/** Rewrite dotted facts into json-rules-engine's `fact` + `path`. */
function toEngineCondition(spec: ConditionSpec): unknown {
  if ('all' in spec) return { all: spec.all.map(toEngineCondition) };
  if ('any' in spec) return { any: spec.any.map(toEngineCondition) };
  if ('not' in spec) return { not: toEngineCondition(spec.not) };
  const [root, ...rest] = spec.fact.split('.');
  return {
    fact: root,
    ...(rest.length > 0 ? { path: rest.join('.') } : {}),
    operator: spec.operator,
    value: toEngineValue(spec.value),
    name: spec.fact,
  };
}

/** Own properties only, so `constructor` or `__proto__` never reach the prototype. */
export function resolveDottedPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
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

function collectFailedLeaves(node: unknown, into: FailedCondition[]): void {
  const condition = node as ResultNode | undefined;
  if (!condition) return;
  for (const child of condition.all ?? condition.any ?? []) collectFailedLeaves(child, into);
  if (condition.not) collectFailedLeaves(condition.not, into);
  if (condition.operator !== undefined && condition.result === false) {
    into.push({
      fact: condition.name ?? '',
      operator: condition.operator,
      expected: fromEngineValue(condition.value),
      actual: condition.factResult,
    });
  }
}
