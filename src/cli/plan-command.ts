import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { t } from '../i18n/index.js';
import { countErrors, formatDiagnostic } from '../report/diagnostics.js';
import { renderPlanJson } from '../report/plan-json.js';
import { renderPlanMarkdown } from '../report/plan-markdown.js';
import { renderPlanText } from '../report/plan-text.js';
import type { BrevoClient } from '../brevo/client.js';
import { createLogger } from '../log/logger.js';
import { makePlan, type PlanRun, type PlanSource } from '../plan/make-plan.js';
import { splitOutbox } from '../plan/outbox-items.js';
import { planInputs } from '../plan/saved-plan.js';
import type { Plan } from '../types/plan.js';
import type { StateReader } from '../state/store.js';
import { createBrevoClient } from './brevo-env.js';
import { CliError, statePath, type GlobalOptions, type Io } from './io.js';
import { rethrowSourceError } from './source-errors.js';

export interface PlanOptions {
  rules: string;
  data?: string;
  brevo?: boolean;
  fullSync?: boolean;
  now?: string;
  format: 'text' | 'json' | 'markdown';
  out?: string;
  detailedExitcode?: boolean;
  state?: string;
}

export function planCommand(io: Io, globals: () => GlobalOptions): Command {
  return addPlanInputs(new Command('plan'), io)
    .description(t(io.lang, 'cli.plan.description'))
    .addOption(formatOption(io, ['text', 'json', 'markdown']))
    .option('--out <file>', t(io.lang, 'cli.option.out'))
    .option('--detailed-exitcode', t(io.lang, 'cli.option.detailedExitcode'))
    .action(async (options: PlanOptions) => runPlan({ ...globals(), ...options }, io));
}

/** The inputs `plan` and `apply` share. */
export function addPlanInputs(command: Command, io: Io): Command {
  return command
    .option('--rules <dir>', t(io.lang, 'cli.option.rules'), 'rules')
    .option('--data <dir>', t(io.lang, 'cli.option.data'))
    .option('--brevo', t(io.lang, 'cli.option.brevo'))
    .option('--full-sync', t(io.lang, 'cli.option.fullSync'))
    .option('--now <iso>', t(io.lang, 'cli.option.now'));
}

export function formatOption(io: Io, formats = ['text', 'json']): Option {
  return new Option('--format <format>', t(io.lang, 'cli.option.format')).choices(formats).default('text');
}

export async function runPlan(options: PlanOptions, io: Io): Promise<void> {
  const run = await planOrReport(options, io);
  if (!run) return;
  const { plan, ruleSet } = run;

  const zones = new Map(ruleSet.rules.map((rule) => [rule.id, rule.calendar.timezone]));
  if (options.format === 'json') io.out(renderPlanJson(plan, io.lang));
  else if (options.format === 'markdown') io.out(renderPlanMarkdown(plan, { lang: io.lang, zones }));
  else io.out(renderPlanText(plan, { lang: io.lang, zones, color: io.color }));
  if (options.out) {
    const source = options.brevo ? { kind: 'brevo' as const } : { kind: 'files' as const, dir: options.data ?? '' };
    const inputs = planInputs(options.rules, source, ruleSet, run.snapshot, plan.now);
    writeFileSync(options.out, renderPlanJson({ ...plan, inputs } as Plan, io.lang));
  }
  // Tasks an earlier run left in the outbox are changes too: apply sends them first.
  const leftovers = splitOutbox(plan.outbox).waiting.length;
  if (options.detailedExitcode && plan.summary.create + leftovers > 0) process.exitCode = 2;
}

/** What apply lends the plan: its Brevo client (with the run's budget) and its open state store. */
export interface PlanContext {
  client?: BrevoClient;
  state?: StateReader;
  /** Set by the scheduled loop: plan only what can be new since the previous run's evaluation time. */
  incrementalSince?: string;
}

/**
 * Build the plan, or print why it could not be built and set exit code 1.
 * Shared by `plan` and `apply`, so both read their inputs the same way.
 */
export async function planOrReport(options: Omit<PlanOptions, 'format'>, io: Io, context: PlanContext = {}): Promise<Extract<PlanRun, { ok: true }> | null> {
  const source = planSource(options, io, context);
  const now = parseNow(options.now);
  let run: PlanRun;
  try {
    run = await makePlan({
      rulesDir: options.rules,
      source,
      lang: io.lang,
      statePath: statePath(options.state, io.env),
      ...(context.state ? { state: context.state } : {}),
      ...(context.incrementalSince ? { incremental: { since: context.incrementalSince } } : {}),
      ...(now ? { now } : {}),
    });
  } catch (error) {
    return rethrowSourceError(error);
  }
  if (!run.ok) {
    for (const diagnostic of run.diagnostics) io.err(formatDiagnostic(diagnostic, io.lang));
    const errors = countErrors(run.diagnostics);
    io.err(t(io.lang, 'validate.failed', { errors, warnings: run.diagnostics.length - errors }));
    process.exitCode = 1;
    return null;
  }
  return run;
}

function planSource(options: Omit<PlanOptions, 'format'>, io: Io, context: PlanContext): PlanSource {
  if (options.data && options.brevo) throw new CliError('source.error.both', {}, 2);
  if (options.data) return { kind: 'files', dir: options.data };
  if (!options.brevo) throw new CliError('source.error.none', {}, 2);
  const logger = createLogger();
  const client = context.client ?? createBrevoClient(io, { logger });
  return { kind: 'brevo', client, logger, ...(options.fullSync ? { fullSync: true } : {}) };
}

function parseNow(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const millis = Date.parse(value);
  if (Number.isNaN(millis) || !/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) throw new CliError('cli.error.nowInvalid', { value }, 2);
  return new Date(millis).toISOString();
}
