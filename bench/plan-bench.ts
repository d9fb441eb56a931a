/**
 * The plan bench: generate a large account, write it as a data directory,
 * and measure, each in a process of its own:
 *
 * 1. `plan` on it with the rules in bench/rules (first run, empty state);
 * 2. the naive json-rules-engine baseline on a sample of the same records;
 * 3. a scheduled run after a share of the deals changed, against the state
 *    an apply of the first plan would have left.
 *
 * Prints the figures as a Markdown table that ends with the summary line
 * `plan: <seconds> s, <MiB> MiB peak, <ratio>× naive`.
 */
import { spawn } from 'node:child_process';
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDataDirectory } from '../examples/generate-crm.js';
import { buildBenchAccount, changeDeals, type DealChanges } from './account.js';
import type { NaiveMeasurement, PlanMeasurement } from './plan-worker.js';

export interface PlanBenchOptions {
  seed: number;
  deals: number;
  companies: number;
  contacts: number;
  /** Records the naive baseline runs on. */
  sample: number;
  /** Share of the deals changed before the scheduled run, 0.01 for 1 %. */
  changedShare: number;
  /** Time between the first run and the scheduled run, in minutes. */
  intervalMinutes: number;
  /** Keep the generated directories and the state store instead of deleting them. */
  keep: boolean;
  log: (line: string) => void;
}

export const DEFAULT_PLAN_BENCH: Omit<PlanBenchOptions, 'log'> = {
  seed: 42,
  deals: 100_000,
  companies: 50_000,
  contacts: 200_000,
  sample: 3_000,
  changedShare: 0.01,
  intervalMinutes: 15,
  keep: false,
};

/** 08:00 in Europe/Berlin on Tuesday, 1 December 2026, as in the example account. */
const CAPTURED_AT = '2026-12-01T07:00:00.000Z';

const RULES_DIR = fileURLToPath(new URL('./rules', import.meta.url));
const WORKER = fileURLToPath(new URL('./plan-worker.ts', import.meta.url));

export interface PlanBenchResult {
  plan: PlanMeasurement;
  naive: NaiveMeasurement;
  scheduled: PlanMeasurement;
  changes: DealChanges;
  ratio: number;
}

export async function runPlanBench(options: PlanBenchOptions): Promise<PlanBenchResult> {
  const { log } = options;
  const workDir = await mkdtemp(join(tmpdir(), 'followup-bench-'));
  try {
    const firstDir = join(workDir, 'account');
    const laterDir = join(workDir, 'account-later');
    const statePath = join(workDir, 'state.db');
    const scheduledAt = new Date(Date.parse(CAPTURED_AT) + options.intervalMinutes * 60_000).toISOString();

    log(`Generating ${options.deals} deals, ${options.companies} companies and ${options.contacts} contacts (seed ${options.seed}) in ${workDir} …`);
    const account = buildBenchAccount({ ...options, capturedAt: CAPTURED_AT });
    await writeDataDirectory(firstDir, account, 'bench');

    log('Measuring plan …');
    const plan = await runWorker<PlanMeasurement>(['plan', '--data', firstDir, '--rules', RULES_DIR, '--state', statePath, '--write-state']);

    log(`Measuring the naive baseline on ${options.sample} records …`);
    const naive = await runWorker<NaiveMeasurement>(['naive', '--data', firstDir, '--rules', RULES_DIR, '--sample', String(options.sample)]);

    log(`Changing ${formatPercent(options.changedShare)} of the deals and measuring the scheduled run …`);
    const changes = changeDeals(account, options.changedShare, options.seed + 2, CAPTURED_AT, scheduledAt);
    account.capturedAt = scheduledAt;
    await writeDataDirectory(laterDir, account, 'bench');
    const scheduled = await runWorker<PlanMeasurement>(['plan', '--data', laterDir, '--rules', RULES_DIR, '--state', statePath, '--since', CAPTURED_AT]);

    const ratio = plan.records * plan.rules / plan.seconds / naive.pairsPerSecond;
    const result: PlanBenchResult = { plan, naive, scheduled, changes, ratio };
    for (const line of formatResults(result, options)) console.log(line);
    return result;
  } finally {
    if (options.keep) log(`Kept ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }
}

/** Run plan-worker.ts in a new Node process and parse the JSON line it prints. */
function runWorker<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`plan-worker ${args[0]} exited with code ${code}.`));
        return;
      }
      try {
        resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '') as T);
      } catch (error) {
        reject(new Error(`plan-worker ${args[0]} printed no result: ${(error as Error).message}`));
      }
    });
  });
}

export function formatResults(result: PlanBenchResult, options: Omit<PlanBenchOptions, 'log'>): string[] {
  const { plan, naive, scheduled, changes, ratio } = result;
  const pairs = plan.records * plan.rules;
  const rows: [string, string][] = [
    ['machine', `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${formatNumber(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`],
    ['account', `${formatInteger(plan.deals)} deals, ${formatInteger(plan.companies)} companies, ${formatInteger(plan.contacts)} contacts (seed ${options.seed})`],
    ['rules', `${plan.rules} (bench/rules)`],
    ['plan: tasks, near misses, problems', `${formatInteger(plan.create)} to create, ${formatInteger(plan.nearMisses)}, ${formatInteger(plan.problems)}`],
    ['plan: time', `${formatNumber(plan.seconds, 2)} s (${formatPhases(plan)}; CPU ${formatNumber(plan.cpuSeconds, 1)} s)`],
    ['plan: records per second', formatInteger(plan.records / plan.seconds)],
    ['plan: rule-record evaluations per second', `${formatInteger(pairs / plan.seconds)} (${formatInteger(plan.records)} records × ${plan.rules} rules)`],
    ['plan: peak memory (max RSS)', `${formatInteger(plan.peakMiB)} MiB`],
    ['naive baseline: rule-record evaluations per second', `${formatInteger(naive.pairsPerSecond)} (${formatInteger(naive.records)} sampled records × ${naive.rules} rules in ${formatNumber(naive.seconds, 2)} s)`],
    ['plan against naive', `${formatNumber(ratio, 1)}×`],
    [
      `scheduled run after ${formatPercent(options.changedShare)} of deals changed`,
      `${formatInteger(changes.stageMoves)} stage moves, ${formatInteger(changes.amountChanges)} amounts, ${formatInteger(changes.closeDateMoves)} close dates; ${options.intervalMinutes} minutes later`,
    ],
    ['scheduled run: evaluation', `${formatNumber(scheduled.phases.evaluate, 2)} s`],
    ['scheduled run: time', `${formatNumber(scheduled.seconds, 2)} s (${formatPhases(scheduled)}), ${formatInteger(scheduled.peakMiB)} MiB peak`],
    ['scheduled run: tasks, near misses', `${formatInteger(scheduled.create)} to create, ${formatInteger(scheduled.nearMisses)}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `| ${'figure'.padEnd(width)} | value |`,
    `| ${'-'.repeat(width)} | ----- |`,
    ...rows.map(([label, value]) => `| ${label.padEnd(width)} | ${value} |`),
    '',
    `plan: ${formatNumber(plan.seconds, 2)} s, ${formatInteger(plan.peakMiB)} MiB peak, ${formatNumber(ratio, 1)}× naive`,
  ];
}

function formatPhases({ phases }: PlanMeasurement): string {
  const parts: [string, number][] = [['read and load', phases.read], ['state', phases.state], ['evaluate', phases.evaluate], ['reconcile', phases.reconcile]];
  return parts.map(([label, seconds]) => `${label} ${formatNumber(seconds, 2)} s`).join(', ');
}

function formatNumber(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatInteger(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function formatPercent(share: number): string {
  return `${formatNumber(share * 100, share * 100 < 1 ? 1 : 0)} %`;
}
