import { Command } from 'commander';
import { DateTime } from 'luxon';
import { AccountIndex } from '../evaluate/account-index.js';
import { explainRecord } from '../evaluate/explain.js';
import { t } from '../i18n/index.js';
import { renderExplanation } from '../report/explain-text.js';
import { StateStore } from '../state/store.js';
import type { RecordKind } from '../types/diagnostics.js';
import { CliError, statePath, type GlobalOptions, type Io } from './io.js';
import { addPlanInputs, formatOption, planOrReport, type PlanOptions } from './plan-command.js';

const RECORD_ARGUMENT = /^(deal|company|contact):(.+)$/;

export function explainCommand(io: Io, globals: () => GlobalOptions): Command {
  return addPlanInputs(new Command('explain'), io)
    .description(t(io.lang, 'cli.explain.description'))
    .argument('<record>', t(io.lang, 'cli.explain.record'))
    .addOption(formatOption(io))
    .action(async (record: string, options: PlanOptions) => runExplain(record, { ...globals(), ...options }, io));
}

export async function runExplain(argument: string, options: PlanOptions, io: Io): Promise<void> {
  const match = RECORD_ARGUMENT.exec(argument);
  if (!match) throw new CliError('cli.explain.badRecord', { value: argument }, 2);
  const record = { type: match[1] as RecordKind, id: match[2]! };

  const run = await planOrReport(options, io);
  if (!run) return;
  const state = StateStore.openReadOnly(statePath(options.state, io.env));
  try {
    const explanation = explainRecord({
      record,
      rules: run.ruleSet.rules,
      plan: run.plan,
      evaluation: run.evaluation,
      index: new AccountIndex(run.snapshot),
      mirror: state.mirror(),
      now: DateTime.fromISO(run.plan.now, { zone: 'utc' }),
    });
    if (!explanation) throw new CliError('cli.explain.notFound', { record: argument }, 1);
    const zones = new Map(run.ruleSet.rules.map((rule) => [rule.id, rule.calendar.timezone]));
    io.out(options.format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : renderExplanation(explanation, { lang: io.lang, zones }));
  } finally {
    state.close();
  }
}
