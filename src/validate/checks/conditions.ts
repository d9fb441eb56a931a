/**
 * Meaning checks on condition leaves that the schema cannot express: the
 * value must suit the operator, and `not` must not wrap an operator that is
 * false for a missing value (see TYPED_OPERATORS in evaluate/operators.ts).
 */
import { isFactReference } from '../../evaluate/fact-reference.js';
import { DATE_OPERATORS, isDateText, NUMERIC_OPERATORS, toNumber, TYPED_OPERATORS } from '../../evaluate/operators.js';
import type { PathSegment } from '../../load/positions.js';
import type { ConditionSpec } from '../../types/rules.js';
import { reportRule, ruleSegments, validAt, type CheckContext, type MeaningInput, type RuleEntry } from './context.js';
import { conditionLeaves } from './paths.js';

/** Check that numeric comparisons get a number and date comparisons a date (or another fact). */
export function conditionValuesSuitOperators({ rules }: MeaningInput, context: CheckContext): void {
  for (const entry of rules) {
    const conditions = validAt(entry, 'conditions') as ConditionSpec | undefined;
    if (conditions === undefined) continue;

    for (const { leaf, segments } of conditionLeaves(conditions, ruleSegments(entry, 'conditions'))) {
      if (isFactReference(leaf.value)) continue;
      const params = { operator: leaf.operator, value: displayValue(leaf.value) };
      if (NUMERIC_OPERATORS.includes(leaf.operator) && toNumber(leaf.value) === null) {
        reportRule(context, entry, 'CONDITION_VALUE_NOT_NUMBER', [...segments, 'value'], params);
      }
      if (DATE_OPERATORS.includes(leaf.operator) && !isDateText(leaf.value)) {
        reportRule(context, entry, 'CONDITION_VALUE_NOT_DATE', [...segments, 'value'], params);
      }
    }
  }
}

/**
 * Check that no `not` wraps a numeric or date operator: `not: { deal.amount
 * greaterThan 5000 }` would hold for every deal without an amount.
 */
export function negationsAvoidTypedOperators({ rules }: MeaningInput, context: CheckContext): void {
  for (const entry of rules) {
    const conditions = validAt(entry, 'conditions') as ConditionSpec | undefined;
    if (conditions === undefined) continue;

    for (const negated of outermostNegations(conditions, ruleSegments(entry, 'conditions'))) {
      reportTypedLeaves(context, entry, negated.condition, negated.segments);
    }
  }
}

function reportTypedLeaves(context: CheckContext, entry: RuleEntry, condition: ConditionSpec, segments: PathSegment[]): void {
  for (const { leaf, segments: leafSegments } of conditionLeaves(condition, segments)) {
    if (!TYPED_OPERATORS.includes(leaf.operator)) continue;
    reportRule(context, entry, 'CONDITION_NOT_OVER_TYPED', [...leafSegments, 'operator'], { operator: leaf.operator, fact: leaf.fact });
  }
}

/** The bodies of `not` groups that no other `not` encloses, so a nested negation is reported once. */
function* outermostNegations(condition: ConditionSpec, segments: PathSegment[]): Generator<{ condition: ConditionSpec; segments: PathSegment[] }> {
  if ('not' in condition) {
    yield { condition: condition.not, segments: [...segments, 'not'] };
    return;
  }
  const group = 'all' in condition ? { key: 'all', children: condition.all } : 'any' in condition ? { key: 'any', children: condition.any } : undefined;
  if (group === undefined) return;
  for (const [index, child] of group.children.entries()) yield* outermostNegations(child, [...segments, group.key, index]);
}

function displayValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}
