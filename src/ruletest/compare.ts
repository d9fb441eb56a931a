/**
 * Compare expected tasks with a plan. Each expected task is matched by rule
 * and record; only the fields it names are compared. Dates compare as
 * instants, so `2026-12-04T10:00:00+01:00` equals `2026-12-04T09:00:00.000Z`.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Evaluation } from '../evaluate/index.js';
import type { Plan, PlanItem } from '../types/plan.js';
import type { Difference, ExpectedTask, MissReason } from './types.js';

export function compareTasks(expected: ExpectedTask[], plan: Plan, evaluation: Evaluation): Difference[] {
  const differences: Difference[] = [];
  const unmatched = new Set<PlanItem>(plan.items);

  for (const wanted of expected) {
    const item = plan.items.find((candidate) => unmatched.has(candidate) && candidate.rule === wanted.rule && sameRecord(candidate, wanted));
    if (!item) {
      differences.push({ kind: 'missing', rule: wanted.rule, record: wanted.record, reasons: whyMissing(wanted, evaluation) });
      continue;
    }
    unmatched.delete(item);
    for (const [field, value] of Object.entries(wanted.task)) {
      const actual = (item.task as unknown as Record<string, unknown>)[field];
      if (!fieldMatches(field, value, actual)) {
        differences.push({ kind: 'field', rule: item.rule, record: item.record, field, expected: value, actual });
      }
    }
  }
  for (const item of unmatched) {
    differences.push({ kind: 'unexpected', rule: item.rule, record: item.record, name: item.task.name });
  }
  return differences;
}

function sameRecord(item: PlanItem, wanted: ExpectedTask): boolean {
  return item.record.type === wanted.record.type && item.record.id === wanted.record.id;
}

function fieldMatches(field: string, expected: unknown, actual: unknown): boolean {
  if (field === 'date' && typeof expected === 'string' && typeof actual === 'string') {
    return Date.parse(expected) === Date.parse(actual);
  }
  if (field === 'taskType' && typeof expected === 'string' && typeof actual === 'string') {
    return expected.toLowerCase() === actual.toLowerCase();
  }
  return isDeepStrictEqual(expected, actual);
}

function whyMissing(wanted: ExpectedTask, evaluation: Evaluation): MissReason[] {
  const reasons: MissReason[] = [];
  for (const miss of evaluation.nearMisses) {
    if (miss.rule !== wanted.rule || miss.record.id !== wanted.record.id) continue;
    for (const failed of miss.failed) reasons.push({ kind: 'condition', failed });
  }
  for (const problem of evaluation.problems) {
    const aboutRecord = problem.record?.id === wanted.record.id;
    if (aboutRecord && (problem.rule === undefined || problem.rule === wanted.rule)) reasons.push({ kind: 'problem', problem });
  }
  return reasons;
}
