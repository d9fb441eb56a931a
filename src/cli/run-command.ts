/**
 * `followup run`: the scheduled loop. One apply per tick, never two at once
 * (the state store's lock also keeps other processes out), a JSON line and
 * a short summary per run, and a clean stop on SIGTERM or SIGINT: the task
 * in flight finishes, the rest stays in the outbox.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { Cron } from 'croner';
import type { RunBudget } from '../brevo/budget.js';
import type { ApplyReport } from '../execute/apply.js';
import { reportFailed } from '../execute/report.js';
import { t } from '../i18n/index.js';
import { formatDate } from '../report/plan-text.js';
import { parseDurationOption, parsePositiveDurationOption } from './brevo-env.js';
import { budgetFor, executeApply, type ApplyCommandOptions } from './apply-command.js';
import { CliError, parsePositiveInteger, statePath, type GlobalOptions, type Io } from './io.js';
import { toStateCliError } from './state-errors.js';
import { addPlanInputs } from './plan-command.js';

/** Shortest `--every`: a loop without a pause would hammer Brevo and fill the report file. */
const MIN_INTERVAL_MS = 1_000;

export interface RunOptions extends ApplyCommandOptions {
  /** Milliseconds between the starts of two runs. */
  every?: number;
  cron?: string;
  tz?: string;
  reportFile?: string;
  /** Stop after this many runs; unlimited when absent. */
  runs?: number;
}

/** One line of the run report file. */
export interface RunRecord {
  run: number;
  startedAt: string;
  finishedAt: string;
  outcome: 'completed' | 'invalidRules' | 'locked' | 'error' | 'misconfigured';
  /** False when the run exits with status 1: see `reportFailed`, or an outcome other than `completed`. */
  ok: boolean;
  created: number;
  adopted: number;
  exists: number;
  skipped: number;
  /** Tasks Brevo rejected in this run. */
  failed: number;
  /** Tasks Brevo rejected, in this run or earlier ones, that the outbox still holds. */
  rejected: number;
  pending: number;
  requests: number;
  /** Problems met: records skipped and tasks that could not be built, so not sent. */
  problems: number;
  /** The plan's evaluation time. */
  evaluatedAt?: string;
  stopped?: string;
  error?: string;
}

export function runCommand(io: Io, globals: () => GlobalOptions): Command {
  return addPlanInputs(new Command('run'), io)
    .description(t(io.lang, 'cli.run.description'))
    .option('--every <duration>', t(io.lang, 'cli.run.every'), parseDurationOption)
    .option('--cron <expression>', t(io.lang, 'cli.run.cron'))
    .option('--tz <zone>', t(io.lang, 'cli.run.tz'))
    .option('--runs <n>', t(io.lang, 'cli.run.runs'), parsePositiveInteger)
    .option('--report-file <file>', t(io.lang, 'cli.run.reportFile'))
    .option('--max-requests <n>', t(io.lang, 'cli.option.maxRequests'), parsePositiveInteger)
    .option('--max-duration <duration>', t(io.lang, 'cli.option.maxDuration'), parsePositiveDurationOption)
    .option('--lock-wait <duration>', t(io.lang, 'cli.option.lockWait'), parseDurationOption)
    .action(async (options: RunOptions) => runLoop({ ...globals(), ...options, format: 'text' }, io));
}

export async function runLoop(options: RunOptions, io: Io): Promise<void> {
  const schedule = makeSchedule(options);
  const reportFile = options.reportFile ?? join(dirname(statePath(options.state, io.env)), 'runs.jsonl');
  const stopper = new Stopper();
  // From the second run on, plan only what can be new since the previous run evaluated.
  let since: string | undefined;
  try {
    for (let run = 1; !stopper.requested && (options.runs === undefined || run <= options.runs); run++) {
      const record = await runOnce(run, { ...options, ...(since ? { incrementalSince: since } : {}) }, io, stopper);
      if (record.outcome === 'completed' && record.evaluatedAt && !record.stopped) since = record.evaluatedAt;
      writeRecord(reportFile, record);
      io.out(summaryLine(record, io));
      if (!record.ok) process.exitCode = 1;
      if (record.outcome === 'misconfigured') break;
      if (stopper.requested || (options.runs !== undefined && run >= options.runs)) break;

      const next = schedule.next(new Date(record.startedAt), new Date());
      io.out(t(io.lang, 'run.next', { at: formatDate(next.toISOString(), options.tz ?? localZone(), io.lang) }));
      await stopper.sleepUntil(next);
    }
  } finally {
    stopper.dispose();
  }
  if (stopper.requested) io.out(t(io.lang, 'run.stopped'));
}

interface Schedule {
  /** When the run after one that started at `lastStart` begins, never before `now`. */
  next(lastStart: Date, now: Date): Date;
}

function makeSchedule(options: RunOptions): Schedule {
  if ((options.every === undefined) === (options.cron === undefined)) throw new CliError('cli.run.scheduleNeeded', {}, 2);
  if (options.every !== undefined) {
    const interval = options.every;
    if (interval < MIN_INTERVAL_MS) throw new CliError('cli.run.everyTooShort', { value: interval }, 2);
    // A run longer than the interval is followed by the next one at once.
    return { next: (lastStart, now) => new Date(Math.max(lastStart.getTime() + interval, now.getTime())) };
  }
  let cron: Cron;
  try {
    cron = new Cron(options.cron!, { paused: true, ...(options.tz ? { timezone: options.tz } : {}) });
  } catch (error) {
    throw new CliError('cli.run.cronInvalid', { value: options.cron!, detail: (error as Error).message }, 2);
  }
  return {
    next: (_lastStart, now) => {
      const next = cron.nextRun(now);
      if (!next) throw new CliError('cli.run.cronEnded', { value: options.cron! }, 1);
      return next;
    },
  };
}

async function runOnce(run: number, options: RunOptions, io: Io, stopper: Stopper): Promise<RunRecord> {
  const startedAt = new Date().toISOString();
  const budget = budgetFor(options);
  stopper.watch(budget);
  const base = { run, startedAt, ok: false, created: 0, adopted: 0, exists: 0, skipped: 0, failed: 0, rejected: 0, pending: 0, requests: 0, problems: 0 };
  try {
    const report = await executeApply({ ...options, format: 'text' }, io, budget);
    const finishedAt = new Date().toISOString();
    if (!report) return { ...base, finishedAt, outcome: 'invalidRules' };
    return { ...base, ...countsOf(report), finishedAt, outcome: 'completed', ok: !reportFailed(report) };
  } catch (caught) {
    const error = toStateCliError(caught);
    const finishedAt = new Date().toISOString();
    if (error instanceof CliError && error.messageId === 'apply.error.locked') {
      return { ...base, finishedAt, outcome: 'locked', error: t(io.lang, error.messageId, error.params) };
    }
    // Settings errors (no API key, no source) fail every later run the same way.
    if (error instanceof CliError) return { ...base, finishedAt, outcome: 'misconfigured', error: t(io.lang, error.messageId, error.params) };
    return { ...base, finishedAt, outcome: 'error', error: error instanceof Error ? error.message : String(error) };
  } finally {
    stopper.watch(null);
  }
}

function countsOf(report: ApplyReport): Partial<RunRecord> {
  const { created, adopted, exists, skipped, failed, pending, requests } = report;
  return {
    created,
    adopted,
    exists,
    skipped,
    failed,
    rejected: report.rejected.length,
    pending,
    requests,
    problems: report.problems.length,
    ...(report.evaluatedAt ? { evaluatedAt: report.evaluatedAt } : {}),
    ...(report.stopped ? { stopped: report.budget?.kind ?? report.stopped } : {}),
  };
}

function writeRecord(file: string, record: RunRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}

function summaryLine(record: RunRecord, io: Io): string {
  const at = formatDate(record.startedAt, localZone(), io.lang);
  if (record.outcome !== 'completed') return t(io.lang, `run.summary.${record.outcome}`, { run: record.run, at, error: record.error ?? '' });
  const summary = t(io.lang, 'run.summary.completed', { ...record, at, stopped: record.stopped ?? '' } as unknown as Record<string, string | number>);
  return record.rejected > 0 ? `${summary}${t(io.lang, 'run.summary.rejected', { rejected: record.rejected })}` : summary;
}

function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Turns the first SIGTERM or SIGINT into a clean stop: the run's budget ends, the wait ends. */
class Stopper {
  requested = false;
  private budget: RunBudget | null = null;
  private wake: (() => void) | null = null;
  private readonly onSignal = () => {
    this.requested = true;
    this.budget?.stop();
    this.wake?.();
  };

  constructor() {
    process.on('SIGTERM', this.onSignal);
    process.on('SIGINT', this.onSignal);
  }

  watch(budget: RunBudget | null): void {
    this.budget = budget;
    if (budget && this.requested) budget.stop();
  }

  sleepUntil(at: Date): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, at.getTime() - Date.now()));
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }

  dispose(): void {
    process.off('SIGTERM', this.onSignal);
    process.off('SIGINT', this.onSignal);
  }
}
