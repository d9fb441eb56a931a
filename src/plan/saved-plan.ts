/**
 * Saved plans: `plan --out` writes the plan with the inputs it came from,
 * and `apply --plan` rebuilds the plan from the same inputs and refuses when
 * the rules or the records are no longer what the reviewer saw.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Plan } from '../types/plan.js';
import type { AccountSnapshot } from '../types/records.js';
import type { RuleSet } from '../types/rules.js';

export interface PlanInputs {
  rulesDir: string;
  source: { kind: 'files'; dir: string } | { kind: 'brevo' };
  now: string;
  /** sha256 over the rule files' names and contents. */
  rules: string;
  /** sha256 over every record, catalog list and event the plan read, in id order; tasks are left out. */
  records: string;
}

export type SavedPlan = Plan & { inputs: PlanInputs };

export type InputChange = 'rules' | 'records';

export function planInputs(rulesDir: string, source: PlanInputs['source'], ruleSet: RuleSet, snapshot: AccountSnapshot, now: string): PlanInputs {
  const absoluteSource = source.kind === 'files' ? { kind: 'files' as const, dir: resolve(source.dir) } : source;
  return { rulesDir: resolve(rulesDir), source: absoluteSource, now, rules: ruleSet.fingerprint, records: recordsFingerprint(snapshot) };
}

/**
 * Hashes the records a plan depends on. The order is by id, because a
 * resumed live read merges the records into the mirror's order. Tasks are
 * left out: the tasks Followup itself created are the progress of the plan,
 * not a change to it, and the plan reads tasks only for their markers.
 */
export function recordsFingerprint(snapshot: AccountSnapshot): string {
  const hash = createHash('sha256');
  const parts: readonly (readonly unknown[])[] = [snapshot.deals, snapshot.companies, snapshot.contacts, snapshot.pipelines, snapshot.taskTypes, snapshot.loyaltyEvents];
  for (const part of parts) {
    hash.update(JSON.stringify(byId(part)));
    hash.update('\n');
  }
  return hash.digest('hex');
}

function byId<T>(records: readonly T[]): T[] {
  const idOf = (record: T): string => String((record as { id?: unknown }).id ?? '');
  return [...records].sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
}

/** What changed between the saved inputs and the current ones; empty when nothing did. */
export function changedInputs(saved: PlanInputs, current: PlanInputs): InputChange[] {
  const changes: InputChange[] = [];
  if (saved.rules !== current.rules) changes.push('rules');
  if (saved.records !== current.records) changes.push('records');
  return changes;
}

/** Check the shape of a saved plan file; returns null when it is not one. */
export function parseSavedPlan(text: string): SavedPlan | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const plan = value as Partial<SavedPlan> | null;
  const inputs = plan?.inputs;
  const valid =
    plan?.formatVersion === 1 &&
    Array.isArray(plan.items) &&
    typeof inputs?.rulesDir === 'string' &&
    typeof inputs.rules === 'string' &&
    typeof inputs.records === 'string' &&
    typeof inputs.now === 'string' &&
    (inputs.source?.kind === 'brevo' || (inputs.source?.kind === 'files' && typeof inputs.source.dir === 'string'));
  return valid ? (plan as SavedPlan) : null;
}
