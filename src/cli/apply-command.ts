import { BrevoClient, DEFAULT_BREVO_API_URL } from '../brevo/client.js';
import { applyPlan } from '../execute/apply.js';
import { createLogger } from '../log/logger.js';
import { renderApplyText } from '../report/apply-text.js';
import { StateStore } from '../state/store.js';
import { CliError, statePath, type Io } from './io.js';
import { planOrReport, type PlanOptions } from './plan-command.js';

export interface ApplyCommandOptions extends Omit<PlanOptions, 'out' | 'detailedExitcode'> {
  maxRequests?: number;
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
