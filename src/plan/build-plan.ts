/**
 * Reconcile evaluated tasks against the ledger and the tasks already in
 * Brevo, giving each one an action. The result is plain data.
 */
import type { Evaluation } from '../evaluate/index.js';
import type { Plan, PlanItem } from '../types/plan.js';
import type { BrevoTask } from '../types/records.js';
import type { Diagnostic } from '../types/diagnostics.js';
import { summarizeNearMisses } from './near-misses.js';
import { enforceTaskLimits } from './task-limits.js';

export interface PlanInputs {
  now: string;
  evaluation: Evaluation;
  /** Ledger: idempotency key → Brevo task id. */
  ledger: Map<string, string>;
  /** Tasks already in the account, searched for key markers. */
  existingTasks: BrevoTask[];
  ruleCount: number;
  /** Problems from earlier stages (source, validation warnings). */
  problems?: Diagnostic[];
  /** Rule id → maxTasksPerRun; a rule over its limit creates nothing (see task-limits.ts). */
  taskLimits?: ReadonlyMap<string, number>;
  /** Keys an earlier apply skipped for good, because Brevo no longer has a record the task links. */
  skipped?: ReadonlySet<string>;
}

const MARKER_PATTERN = /\[followup:(fu-[0-9a-f]{20})\]/g;

const SKIPPED_BEFORE_NOTE: Diagnostic = { code: 'APPLY_SKIPPED_BEFORE', severity: 'warning', params: {} };

export function buildPlan(inputs: PlanInputs): Plan {
  const markedTasks = indexMarkedTasks(inputs.existingTasks);
  const items: PlanItem[] = [];
  const seenKeys = new Set<string>();

  for (const candidate of inputs.evaluation.candidates) {
    if (seenKeys.has(candidate.key)) continue;
    seenKeys.add(candidate.key);
    const existingTaskId = inputs.ledger.get(candidate.key) ?? markedTasks.get(candidate.key);
    const skippedBefore = !existingTaskId && inputs.skipped?.has(candidate.key) === true;
    items.push({
      key: candidate.key,
      action: existingTaskId ? 'exists' : skippedBefore ? 'skip' : 'create',
      rule: candidate.rule,
      record: candidate.record,
      occurrence: candidate.occurrence,
      task: candidate.task,
      ...(existingTaskId ? { existingTaskId } : {}),
      notes: skippedBefore ? [...candidate.notes, SKIPPED_BEFORE_NOTE] : candidate.notes,
    });
  }

  const limitProblems = enforceTaskLimits(items, inputs.taskLimits ?? new Map());
  const problems = [...(inputs.problems ?? []), ...inputs.evaluation.problems, ...limitProblems];
  const count = (action: PlanItem['action']) => items.filter((item) => item.action === action).length;
  const create = count('create');
  return {
    formatVersion: 1,
    now: inputs.now,
    summary: {
      create,
      exists: count('exists'),
      skip: count('skip'),
      problems: problems.length,
      rules: inputs.ruleCount,
      records: inputs.evaluation.recordCount,
      requests: requestsNeeded(create),
    },
    items,
    problems,
    nearMisses: summarizeNearMisses(inputs.evaluation.nearMisses),
    outbox: [],
  };
}

/** One task-type lookup, then one POST per task, when nothing needs a retry. */
export function requestsNeeded(creates: number): number {
  return creates === 0 ? 0 : 1 + creates;
}

/** Maps each idempotency key found in a task's notes to that task's id. */
export function indexMarkedTasks(tasks: BrevoTask[]): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const task of tasks) {
    for (const match of (task.notes ?? '').matchAll(MARKER_PATTERN)) byKey.set(match[1]!, task.id);
  }
  return byKey;
}
