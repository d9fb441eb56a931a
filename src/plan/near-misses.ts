import type { NearMiss } from '../evaluate/index.js';
import type { NearMissSummary } from '../types/plan.js';

const EXAMPLES_PER_GROUP = 3;

/** Group near misses by rule and first failed condition, largest group first. */
export function summarizeNearMisses(nearMisses: NearMiss[]): NearMissSummary[] {
  const groups = new Map<string, NearMissSummary>();
  for (const miss of nearMisses) {
    const failed = miss.failed[0];
    if (!failed) continue;
    const id = `${miss.rule}\u0000${failed.fact}\u0000${failed.operator}\u0000${JSON.stringify(failed.expected)}`;
    let group = groups.get(id);
    if (!group) {
      group = { rule: miss.rule, count: 0, fact: failed.fact, operator: failed.operator, expected: failed.expected, examples: [] };
      groups.set(id, group);
    }
    group.count++;
    if (group.examples.length < EXAMPLES_PER_GROUP) group.examples.push({ record: miss.record, actual: failed.actual });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
}
