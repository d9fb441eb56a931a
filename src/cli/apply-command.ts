import { Command } from 'commander';
import { BrevoClient, DEFAULT_BREVO_API_URL } from '../brevo/client.js';
import { t } from '../i18n/index.js';
import { applyPlan } from '../execute/apply.js';
import { createLogger } from '../log/logger.js';
import { renderApplyText } from '../report/apply-text.js';
import { StateStore } from '../state/store.js';
import { CliError, parsePositiveInteger, statePath, type GlobalOptions, type Io } from './io.js';
import { addPlanInputs, formatOption, planOrReport, type PlanOptions } from './plan-command.js';

export interface ApplyCommandOptions extends Omit<PlanOptions, 'out' | 'detailedExitcode'> {
  maxRequests?: number;
}

export function applyCommand(io: Io, globals: () => GlobalOptions): Command {
  return addPlanInputs(new Command('apply'), io)
    .description(t(io.lang, 'cli.apply.description'))
    .option('--max-requests <n>', t(io.lang, 'cli.option.maxRequests'), parsePositiveInteger)
    .addOption(formatOption(io))
    .action(async (options: ApplyCommandOptions) => runApply({ ...globals(), ...options }, io));
}

export async function runApply(options: ApplyCommandOptions, io: Io): Promise<void> {
  const apiKey = io.env.BREVO_API_KEY;
  if (!apiKey) throw new CliError('cli.error.apiKeyMissing', {}, 1);

  const run = await planOrReport(options, io);
  if (!run) return;

  const logger = createLogger();
  const store = StateStore.openForWrite(statePath(options.state, io.env));
  try {
    const client = new BrevoClient({ apiKey, baseUrl: io.env.BREVO_API_URL ?? DEFAULT_BREVO_API_URL });
    const report = await applyPlan(run.plan, {
      store,
      client,
      logger,
      seen: run.seen,
      ...(options.maxRequests ? { maxRequests: options.maxRequests } : {}),
    });
    io.out(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderApplyText(report, io.lang));
    if (report.failed > 0 || report.stopped === 'auth') process.exitCode = 1;
  } finally {
    store.close();
  }
}
