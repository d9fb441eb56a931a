/**
 * The `maxTasksPerRun` guard. It lives in plan building because only after
 * reconciling with the ledger is it known how many tasks a run would really
 * create: tasks that already exist do not count. A rule over its limit
 * creates none of its tasks in this run. Each of them becomes a `skip` item
 * with a note, and the plan gets one problem naming the rule. So a mistake in
 * a trigger or a condition is rejected before it floods the team with tasks.
 */
import type { Diagnostic } from '../types/diagnostics.js';
import type { PlanItem } from '../types/plan.js';

export const TASK_LIMIT_CODE = 'RULE_TASK_LIMIT_EXCEEDED';

/** Check for an item that the guard turned into a skip. */
export function isSkippedByLimit(item: PlanItem): boolean {
  return item.action === 'skip' && item.notes.some((note) => note.code === TASK_LIMIT_CODE);
}

/**
 * Turn the `create` items of every rule over its limit into `skip` items, in
 * place. Returns one problem per rule over its limit. Rules missing from `limits`
 * have no limit.
 */
export function enforceTaskLimits(items: PlanItem[], limits: ReadonlyMap<string, number>): Diagnostic[] {
  const creates = new Map<string, PlanItem[]>();
  for (const item of items) {
    if (item.action !== 'create') continue;
    // Pushing in place: a copy of the list per item would take time and memory quadratic in its length.
    const ruleItems = creates.get(item.rule);
    if (ruleItems) ruleItems.push(item);
    else creates.set(item.rule, [item]);
  }

  const problems: Diagnostic[] = [];
  for (const [rule, ruleItems] of creates) {
    const limit = limits.get(rule);
    if (limit === undefined || ruleItems.length <= limit) continue;

    const problem: Diagnostic = {
      code: TASK_LIMIT_CODE,
      severity: 'error',
      params: { rule, count: ruleItems.length, limit },
      rule,
    };
    problems.push(problem);
    for (const item of ruleItems) {
      item.action = 'skip';
      item.notes = [...item.notes, problem];
    }
  }
  return problems;
}
