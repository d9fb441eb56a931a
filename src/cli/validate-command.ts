import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { t } from '../i18n/index.js';
import { countErrors, formatDiagnostic } from '../report/diagnostics.js';
import { readDataDirectory } from '../source/file-source.js';
import { accountNamesOf, loadRuleSet } from '../validate/index.js';
import { CliError, type Io } from './io.js';
import { rethrowSourceError } from './source-errors.js';

export interface ValidateOptions {
  rules: string;
  data?: string;
}

export function validateCommand(io: Io): Command {
  return new Command('validate')
    .description(t(io.lang, 'cli.validate.description'))
    .option('--rules <dir>', t(io.lang, 'cli.option.rules'), 'rules')
    .option('--data <dir>', t(io.lang, 'cli.option.dataCheck'))
    .action(async (options: ValidateOptions) => runValidate(options, io));
}

export async function runValidate(options: ValidateOptions, io: Io): Promise<void> {
  if (!existsSync(options.rules)) throw new CliError('cli.error.rulesDirMissing', { dir: options.rules });
  const account = options.data ? readAccount(options.data) : undefined;
  const { ruleSet, diagnostics } = loadRuleSet(options.rules, { lang: io.lang, ...(account ? accountNamesOf(account) : {}) });

  for (const diagnostic of diagnostics) io.err(formatDiagnostic(diagnostic, io.lang));
  const errors = countErrors(diagnostics);
  if (errors > 0 || !ruleSet) {
    io.err(t(io.lang, 'validate.failed', { errors, warnings: diagnostics.length - errors }));
    process.exitCode = 1;
    return;
  }
  io.out(t(io.lang, 'validate.ok', { rules: ruleSet.rules.length, warnings: diagnostics.length }));
}

function readAccount(dir: string) {
  try {
    return readDataDirectory(dir).snapshot;
  } catch (error) {
    return rethrowSourceError(error);
  }
}
