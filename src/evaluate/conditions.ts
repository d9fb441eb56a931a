/**
 * Conditions run on json-rules-engine. Rules whose triggers are the same
 * share one engine, built once and reused for every occurrence, and one run
 * evaluates every rule of the group. Occurrences are evaluated one after
 * another: json-rules-engine 7.3 keeps a run's status on the engine, so
 * runs in parallel would skip rules of lower priority. Facts are the roots
 * from fact-roots.ts; `deal.amount` becomes fact `deal`, path `amount`, read
 * by a dotted own-property resolver instead of JSONPath.
 */
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { ConditionSpec } from '../types/rules.js';
import { fromEngineValue, isFactReference, toEngineValue } from './fact-reference.js';
import { addOperators, type OperatorClock } from './operators.js';

const RULE_EVENT = { type: 'matched' };

/**
 * Roots whose value belongs to one rule (see contextFacts in record-facts.ts).
 * In a group of several rules each rule reads its own copy, `rule#0`,
 * `rule#1`, …; every other root is the same for all rules of the group.
 */
const RULE_SCOPED_ROOTS: ReadonlySet<string> = new Set(['rule', 'trigger', 'occurrence']);

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

/**
 * The conditions of rules that share a trigger, as the rules of one
 * json-rules-engine engine, one entry per rule. Rules without conditions
 * (`undefined`) stay out of the engine and always pass; a group without any
 * conditions builds no engine.
 */
export class ConditionGroup {
  private readonly engine: Engine | null;
  private readonly size: number;
  /** Roots read by any rule of the group, taken from the first rule's facts. */
  private readonly sharedRoots: string[] = [];
  /** Rule-scoped roots: engine fact name, root, and the rule whose facts supply it. */
  private readonly scopedRoots: { name: string; root: string; member: number }[] = [];

  constructor(rules: readonly (ConditionSpec | undefined)[], clock: OperatorClock) {
    this.size = rules.length;
    if (rules.every((conditions) => conditions === undefined)) {
      this.engine = null;
      return;
    }

    this.engine = new Engine([], { allowUndefinedFacts: false, pathResolver: resolveConditionPath });
    addOperators(this.engine, clock);
    const shared = new Set<string>();
    rules.forEach((conditions, member) => {
      if (conditions === undefined) return;
      const rename = (root: string): string => {
        if (this.size === 1 || !RULE_SCOPED_ROOTS.has(root)) {
          shared.add(root);
          return root;
        }
        const name = `${root}#${member}`;
        if (!this.scopedRoots.some((scoped) => scoped.name === name)) this.scopedRoots.push({ name, root, member });
        return name;
      };
      const properties: RuleProperties = {
        name: String(member),
        conditions: toEngineCondition(conditions, rename) as TopLevelCondition,
        event: RULE_EVENT,
      };
      this.engine!.addRule(properties);
    });
    this.sharedRoots = [...shared];
  }

  /**
   * Evaluate every rule of the group for one occurrence. `facts` has one
   * fact object per rule, in the order of the constructor's rules, and they
   * may differ only in the rule-scoped roots. When a condition reads a root
   * that the facts lack, the promise rejects with json-rules-engine's
   * UNDEFINED_FACT error.
   */
  async evaluate(facts: readonly Record<string, unknown>[]): Promise<ConditionOutcome[]> {
    const outcomes: ConditionOutcome[] = Array.from({ length: this.size }, () => ({ passed: true, failed: [] }));
    if (!this.engine) return outcomes;

    const first = facts[0] ?? {};
    const runFacts: Record<string, unknown> = {};
    for (const root of this.sharedRoots) {
      if (Object.hasOwn(first, root)) runFacts[root] = first[root];
    }
    for (const { name, root, member } of this.scopedRoots) {
      const own = facts[member] ?? {};
      if (Object.hasOwn(own, root)) runFacts[name] = own[root];
    }

    const { failureResults } = await this.engine.run(runFacts);
    for (const result of failureResults) {
      const failed: FailedCondition[] = [];
      collectFailedLeaves(result.conditions, failed);
      outcomes[Number(result.name)] = { passed: false, failed };
    }
    return outcomes;
  }
}

/** The conditions of a single rule: a group of one. */
export class RuleConditions {
  private readonly group: ConditionGroup;

  constructor(spec: ConditionSpec, clock: OperatorClock) {
    this.group = new ConditionGroup([spec], clock);
  }

  async evaluate(facts: Record<string, unknown>): Promise<ConditionOutcome> {
    const [outcome] = await this.group.evaluate([facts]);
    return outcome!;
  }
}

/**
 * Rewrite dotted facts into json-rules-engine's `fact` + `path`. `rename`
 * returns the engine's name for each root, also for roots in `{ fact }` values.
 */
function toEngineCondition(spec: ConditionSpec, rename: (root: string) => string): unknown {
  if ('all' in spec) return { all: spec.all.map((child) => toEngineCondition(child, rename)) };
  if ('any' in spec) return { any: spec.any.map((child) => toEngineCondition(child, rename)) };
  if ('not' in spec) return { not: toEngineCondition(spec.not, rename) };
  const [root = '', ...rest] = spec.fact.split('.');
  let value = toEngineValue(spec.value);
  if (isFactReference(spec.value)) {
    const reference = value as { fact: string; path?: string };
    value = { ...reference, fact: rename(reference.fact) };
  }
  return {
    fact: rename(root),
    ...(rest.length > 0 ? { path: rest.join('.') } : {}),
    operator: spec.operator,
    value,
    name: spec.fact,
  };
}

/** Dotted paths split once: they come from rule files, so there are few of them. */
const pathSegments = new Map<string, string[]>();

/** Own properties only, so `constructor` or `__proto__` never reach the prototype. */
/**
 * Resolve a condition's path, reading a missing value as null. Brevo leaves
 * empty attributes out of a record or sends them as null, and conditions
 * such as `equal: null` must treat both alike.
 */
function resolveConditionPath(value: unknown, path: string): unknown {
  return resolveDottedPath(value, path) ?? null;
}

export function resolveDottedPath(value: unknown, path: string): unknown {
  let segments = pathSegments.get(path);
  if (!segments) {
    segments = path.split('.');
    pathSegments.set(path, segments);
  }
  let current: unknown = value;
  for (const segment of segments) {
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

/**
 * Collect the leaves that made the tree fail. Under a `not`, a leaf fails the
 * rule by holding, so it is reported with its operator prefixed by `not `.
 */
function collectFailedLeaves(node: unknown, into: FailedCondition[], negated = false): void {
  const condition = node as ResultNode | undefined;
  if (!condition) return;
  for (const child of condition.all ?? condition.any ?? []) collectFailedLeaves(child, into, negated);
  if (condition.not) collectFailedLeaves(condition.not, into, !negated);
  const failed = negated ? condition.result === true : condition.result === false;
  if (condition.operator !== undefined && failed) {
    into.push({
      fact: condition.name ?? '',
      operator: negated ? `not ${condition.operator}` : condition.operator,
      expected: withoutRuleScope(fromEngineValue(condition.value)),
      actual: condition.factResult,
    });
  }
}

/** Undo the `#n` of a rule-scoped root in a `{ fact }` value, so explanations show the value as written. */
function withoutRuleScope(value: unknown): unknown {
  if (!isFactReference(value)) return value;
  return { fact: value.fact.replace(/^([A-Za-z_]\w*)#\d+/, '$1') };
}
