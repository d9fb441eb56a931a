/**
 * Rules whose triggers are the same form one group. The trigger finds the
 * group's occurrences once, and one json-rules-engine run per occurrence
 * evaluates the conditions of every rule in the group. Rule sets often split
 * one trigger by conditions (a deal entering Lead: a call above 20 000 EUR,
 * an email below), so this saves both the search and the engine runs.
 */
import type { DateTime } from 'luxon';
import type { Rule } from '../types/rules.js';
import { ConditionGroup } from './conditions.js';

export interface RuleGroup {
  /** The group's rules, in rule-set order; the first one stands for all in the trigger search. */
  rules: Rule[];
  conditions: ConditionGroup;
}

/** Group the enabled rules, and return the group of each one. */
export function groupRules(rules: readonly Rule[], now: DateTime): Map<Rule, RuleGroup> {
  const byKey = new Map<string, Rule[]>();
  for (const rule of rules) {
    if (rule.enabled === false) continue;
    const key = triggerKey(rule);
    const members = byKey.get(key);
    if (members) members.push(rule);
    else byKey.set(key, [rule]);
  }

  const groups = new Map<Rule, RuleGroup>();
  for (const members of byKey.values()) {
    const zone = members[0]!.calendar.timezone;
    const group: RuleGroup = {
      rules: members,
      conditions: new ConditionGroup(
        members.map((rule) => rule.conditions),
        { now, zone },
      ),
    };
    for (const rule of members) groups.set(rule, group);
  }
  return groups;
}

/**
 * Everything a trigger finder reads from a rule: two rules with the same key
 * have the same occurrences. The time zone also sets the clock of the date
 * operators, which the group's rules share.
 */
function triggerKey(rule: Rule): string {
  return canonicalJson([rule.triggerKind, rule.recordKind, rule.trigger, rule.calendar.timezone, rule.lookbackMs]);
}

/** JSON with object keys sorted, so `{ stage, pipeline }` and `{ pipeline, stage }` give one key. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => compareCodePoints(a, b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
