/**
 * The apply report: what happened to each task sent, the totals, and why a
 * run stopped early. Plain data; the CLI renders it.
 */
import type { BudgetKind, WaitCause } from '../brevo/budget.js';
import type { Diagnostic, RecordRef } from '../types/diagnostics.js';
import type { OutboxItem } from '../types/plan.js';

export type ApplyOutcome = 'created' | 'adopted' | 'failed' | 'pending' | 'skipped';

export interface ApplyResult {
  key: string;
  rule: string;
  record: RecordRef;
  name: string;
  outcome: ApplyOutcome;
  taskId?: string;
  /** Brevo's message or the network error, for `failed`, `pending` and `skipped`. */
  error?: string;
  status?: number | null;
}

/**
 * Why a run stopped before the outbox was empty: Brevo rejected the key
 * (`auth`), the run's request or time budget was spent (`budget`), Brevo kept
 * responding with 429 (`rateLimit`), or Brevo could not be reached or kept failing
 * (`unavailable`). The rest stays in the outbox for the next run.
 */
export type StopReason = 'auth' | 'budget' | 'rateLimit' | 'unavailable';

export interface ApplyReport {
  results: ApplyResult[];
  created: number;
  adopted: number;
  /** Planned tasks that already existed, from the plan. */
  exists: number;
  failed: number;
  pending: number;
  skipped: number;
  /** HTTP requests the run sent, retries included. */
  requests: number;
  stopped?: StopReason;
  /** Brevo's message or the error behind the stop. */
  stopMessage?: string;
  /**
   * The budget that was spent, when `stopped` is `budget`; `limit` is a count
   * or milliseconds. `duringRead`: it ran out while the account was read,
   * before the run sent anything, so a run with the same budget never gets further.
   * `duringLockWait`: the run was stopped while it waited for another run's lock.
   * `wait`: a wait (rate limit, retry, settling) that would have passed the deadline.
   */
  budget?: { kind: BudgetKind; limit: number; duringRead?: boolean; duringLockWait?: boolean; wait?: { ms: number; cause: WaitCause } };
  problems: Diagnostic[];
  /** The plan's evaluation time, when the run planned; the next scheduled run reads changes since then. */
  evaluatedAt?: string;
  /** Tasks Brevo rejected, in this run or earlier ones, that are still in the outbox when the run ends. */
  rejected: OutboxItem[];
}

export function emptyReport(exists = 0): ApplyReport {
  return { results: [], created: 0, adopted: 0, exists, failed: 0, pending: 0, skipped: 0, requests: 0, problems: [], rejected: [] };
}

/** Adds a later part of the same run to an earlier one. */
export function mergeReports(first: ApplyReport, second: ApplyReport): ApplyReport {
  const merged: ApplyReport = {
    results: [...first.results, ...second.results],
    created: first.created + second.created,
    adopted: first.adopted + second.adopted,
    exists: first.exists + second.exists,
    failed: first.failed + second.failed,
    pending: first.pending + second.pending,
    skipped: first.skipped + second.skipped,
    requests: first.requests + second.requests,
    problems: [...first.problems, ...second.problems],
    rejected: second.rejected,
  };
  const stop = first.stopped ? first : second;
  if (stop.stopped) merged.stopped = stop.stopped;
  if (stop.stopMessage !== undefined) merged.stopMessage = stop.stopMessage;
  if (stop.budget) merged.budget = stop.budget;
  return merged;
}

/**
 * True when the run should exit with status 1: a task failed, the outbox
 * still contains a task Brevo rejected, Brevo refused or failed the run, or the
 * budget is too small to read the account.
 */
export function reportFailed(report: ApplyReport): boolean {
  if (report.budget?.duringRead) return true;
  return report.failed > 0 || report.rejected.length > 0 || (report.stopped !== undefined && report.stopped !== 'budget');
}
