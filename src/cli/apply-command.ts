import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { changedInputs, parseSavedPlan, planInputs, type SavedPlan } from '../plan/saved-plan.js';
import { BudgetSpentError, RunBudget } from '../brevo/budget.js';
import type { BrevoClient } from '../brevo/client.js';
import { applyPlan, rejectedTasks, sendOutbox } from '../execute/apply.js';
import { resumeRateLimit } from '../execute/rate-limit-memory.js';
import { emptyReport, mergeReports, reportFailed, type ApplyReport } from '../execute/report.js';
import { t } from '../i18n/index.js';
import { createLogger, type Logger } from '../log/logger.js';
import { renderApplyText } from '../report/apply-text.js';
import { progressBar } from '../report/progress.js';
import { RunLock, RunLockBusyError, RunLockWaitAbortedError } from '../state/lock.js';
import { StateStore } from '../state/store.js';
import { createBrevoClient, parseDurationOption, parsePositiveDurationOption } from './brevo-env.js';
import { CliError, parsePositiveInteger, statePath, type GlobalOptions, type Io } from './io.js';
import { addPlanInputs, formatOption, planOrReport, type PlanOptions } from './plan-command.js';

export interface ApplyCommandOptions extends Omit<PlanOptions, 'out' | 'detailedExitcode'> {
  maxRequests?: number;
  /** Milliseconds. */
  maxDuration?: number;
  /** Milliseconds to wait for another run's lock. */
  lockWait?: number;
  /** A plan saved by `plan --out`, applied only if its inputs are unchanged. */
  plan?: string;
  /** The previous run's evaluation time; the scheduled loop sets it from its second run on. */
  incrementalSince?: string;
}

export function applyCommand(io: Io, globals: () => GlobalOptions): Command {
  return addPlanInputs(new Command('apply'), io)
    .description(t(io.lang, 'cli.apply.description'))
    .option('--max-requests <n>', t(io.lang, 'cli.option.maxRequests'), parsePositiveInteger)
    .option('--max-duration <duration>', t(io.lang, 'cli.option.maxDuration'), parsePositiveDurationOption)
    .option('--lock-wait <duration>', t(io.lang, 'cli.option.lockWait'), parseDurationOption)
    .option('--plan <file>', t(io.lang, 'cli.option.plan'))
    .addOption(formatOption(io))
    .action(async (options: ApplyCommandOptions) => runApply({ ...globals(), ...options }, io));
}

/**
 * Runs one apply and prints its report: takes the state store's lock, sends
 * what earlier runs left in the outbox, then plans, stores the new tasks in
 * the outbox and sends them. SIGTERM or SIGINT lets the task in flight
 * finish and leaves the rest in the outbox.
 */
export async function runApply(options: ApplyCommandOptions, io: Io): Promise<void> {
  const budget = budgetFor(options);
  const stop = () => budget.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  try {
    const report = await executeApply(options, io, budget);
    if (!report) return;
    io.out(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderApplyText(report, io.lang));
    if (reportFailed(report)) process.exitCode = 1;
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
}

export function budgetFor(options: Pick<ApplyCommandOptions, 'maxRequests' | 'maxDuration'>): RunBudget {
  return new RunBudget({
    ...(options.maxRequests ? { maxRequests: options.maxRequests } : {}),
    ...(options.maxDuration ? { maxDurationMs: options.maxDuration } : {}),
  });
}

/** One apply under the lock; returns null when the rules are invalid (the reasons are printed). */
export async function executeApply(options: ApplyCommandOptions, io: Io, budget: RunBudget): Promise<ApplyReport | null> {
  if (!options.data && !options.brevo && !options.plan) throw new CliError('source.error.none', {}, 2);
  if (options.plan && (options.data || options.brevo)) throw new CliError('apply.plan.withSource', {}, 2);
  const logger = createLogger();
  const client = createBrevoClient(io, { logger, budget });
  const path = statePath(options.state, io.env);
  let lock: RunLock;
  try {
    lock = await takeLock(path, options.lockWait ?? 0, logger, budget.signal);
  } catch (error) {
    if (!(error instanceof RunLockWaitAbortedError)) throw error;
    return { ...emptyReport(), stopped: 'budget', budget: { kind: 'signal', limit: 0, duringLockWait: true } };
  }
  // The time budget is for the run's own work, not for waiting on another run.
  budget.restartClock();
  const store = StateStore.openForWrite(path);
  resumeRateLimit(client, store);
  const progress = progressBar(io.lang);
  try {
    logger.info({ state: path, source: options.brevo ? 'brevo' : 'files' }, 'apply started');
    const report = await applySteps(options, io, { store, client, logger, ...(progress.onProgress ? { onProgress: progress.onProgress } : {}) });
    if (!report) return null;
    report.requests = client.requests;
    report.rejected = rejectedTasks(store, new Map(report.results.map((result) => [result.key, result.record])));
    logger.info({ created: report.created, failed: report.failed, pending: report.pending, stopped: report.stopped }, 'apply finished');
    return report;
  } finally {
    progress.stop();
    store.close();
    lock.release();
  }
}

interface RunContext {
  store: StateStore;
  client: BrevoClient;
  logger: Logger;
  onProgress?: (done: number, total: number) => void;
}

/** Returns null when the rules are invalid; planOrReport has then printed why. */
async function applySteps(options: ApplyCommandOptions, io: Io, context: RunContext): Promise<ApplyReport | null> {
  if (options.plan) return applySavedPlan(options.plan, options, io, context);
  const leftovers = await sendOutbox({ ...context, unsettled: 'leave' });
  if (leftovers.stopped) return leftovers;

  let run;
  try {
    run = await planOrReport(options, io, {
      client: context.client,
      state: context.store,
      ...(options.incrementalSince ? { incrementalSince: options.incrementalSince } : {}),
    });
  } catch (error) {
    if (!(error instanceof BudgetSpentError)) throw error;
    return mergeReports(leftovers, stoppedReading(error, leftovers));
  }
  if (!run) return leftovers.results.length > 0 ? leftovers : null;

  const applied = await applyPlan(run.plan, { ...context, seen: run.seen, markers: run.markers, ...(run.sync ? { sync: run.sync } : {}) });
  // Tasks the plan could not build (no assignee, bad record) were never sent, so the report lists them.
  applied.problems.unshift(...run.plan.problems);
  return { ...mergeReports(leftovers, applied), evaluatedAt: run.plan.now };
}

/**
 * Builds the report of a run whose budget ran out while it read the account.
 * When the run sent nothing before, the next run with the same budget stops
 * at the same point, so the report asks for a larger budget.
 */
function stoppedReading(error: BudgetSpentError, before: ApplyReport): ApplyReport {
  const stuck = error.kind !== 'signal' && before.results.length === 0;
  return { ...emptyReport(), stopped: 'budget', budget: { kind: error.kind, limit: error.limit, ...(stuck ? { duringRead: true } : {}) } };
}

/**
 * Rebuild a saved plan from its own inputs and reject it when the rules or
 * the records changed since it was saved. Nothing is sent before that check.
 */
async function applySavedPlan(file: string, options: ApplyCommandOptions, io: Io, context: RunContext): Promise<ApplyReport | null> {
  const saved = readSavedPlan(file);
  const { inputs } = saved;
  const planOptions: ApplyCommandOptions = {
    ...options,
    rules: inputs.rulesDir,
    now: inputs.now,
    ...(inputs.source.kind === 'files' ? { data: inputs.source.dir } : { brevo: true }),
  };
  let run;
  try {
    run = await planOrReport(planOptions, io, { client: context.client, state: context.store });
  } catch (error) {
    if (!(error instanceof BudgetSpentError)) throw error;
    return stoppedReading(error, emptyReport());
  }
  if (!run) return null;
  const current = planInputs(inputs.rulesDir, inputs.source, run.ruleSet, run.snapshot, run.plan.now);
  const changes = changedInputs(inputs, current);
  if (changes.length > 0) {
    const changedInputsText = changes.map((change) => t(io.lang, `apply.plan.changed.${change}`)).join(', ');
    throw new CliError('apply.plan.changed', { file, changes: changedInputsText }, 1);
  }

  const leftovers = await sendOutbox({ ...context, unsettled: 'leave' });
  if (leftovers.stopped) return leftovers;
  const applied = await applyPlan(run.plan, { ...context, seen: run.seen, markers: run.markers, ...(run.sync ? { sync: run.sync } : {}) });
  applied.problems.unshift(...run.plan.problems);
  return mergeReports(leftovers, applied);
}

function readSavedPlan(file: string): SavedPlan {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliError('apply.plan.unreadable', { file }, 1);
  }
  const saved = parseSavedPlan(text);
  if (!saved) throw new CliError('apply.plan.invalid', { file }, 1);
  return saved;
}

export async function takeLock(path: string, waitMs: number, logger: Logger, signal?: AbortSignal): Promise<RunLock> {
  try {
    return await RunLock.acquire(path, { waitMs, logger, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (!(error instanceof RunLockBusyError)) throw error;
    throw new CliError('apply.error.locked', { state: path, pid: error.owner?.pid ?? '?', since: error.owner?.startedAt ?? '?' }, 1);
  }
}
