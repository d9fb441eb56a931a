/**
 * The `followup` command line. Only this folder prints, reads the
 * environment for settings and sets the exit code.
 */
import { Command, Option } from 'commander';
import { resolveLang, t, type Lang } from '../i18n/index.js';
import { applyCommand } from './apply-command.js';
import { explainCommand } from './explain-command.js';
import { initCommand } from './init-command.js';
import { outboxCommand } from './outbox-command.js';
import { runCommand } from './run-command.js';
import { planCommand } from './plan-command.js';
import { snapshotCommand } from './snapshot-command.js';
import { testCommand } from './test-command.js';
import { validateCommand } from './validate-command.js';
import { localizeHelp } from './help.js';
import { CliError, statePath, type Io } from './io.js';
import { toStateCliError } from './state-errors.js';

const lang: Lang = resolveLang(findLangArgument(process.argv));
const io: Io = {
  lang,
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
};

const program = new Command('followup')
  .description(t(lang, 'cli.description'))
  .addOption(new Option('--lang <lang>', t(lang, 'cli.option.lang')).choices(['en', 'de']))
  .option('--state <path>', t(lang, 'cli.option.state'))
  .showHelpAfterError()
  .exitOverride();

program.addCommand(validateCommand(io));
program.addCommand(planCommand(io, () => program.opts()));
program.addCommand(applyCommand(io, () => program.opts()));
program.addCommand(snapshotCommand(io));
program.addCommand(testCommand(io));
program.addCommand(initCommand(io));
program.addCommand(explainCommand(io, () => program.opts()));
program.addCommand(runCommand(io, () => program.opts()));
program.addCommand(outboxCommand(io, () => program.opts()));
// addCommand does not pass these settings on, unlike .command().
const subcommands = [...program.commands, ...program.commands.flatMap((parent) => parent.commands)];
for (const command of subcommands) command.exitOverride().showHelpAfterError();
for (const command of [program, ...subcommands]) localizeHelp(command, lang);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(toStateCliError(error));
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CliError) {
    io.err(t(lang, error.messageId, error.params));
    return error.exitCode;
  }
  const commanderExit = error as { code?: string; exitCode?: number };
  if (typeof commanderExit.code === 'string' && commanderExit.code.startsWith('commander.')) {
    return commanderExit.code === 'commander.helpDisplayed' || commanderExit.code === 'commander.version' ? 0 : 2;
  }
  const known = describeEnvironmentError(error);
  if (known) {
    io.err(known);
    return 1;
  }
  io.err(t(lang, 'cli.internalError', { detail: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  return 1;
}

/** `--lang` must be known before commander builds the translated help. */
function findLangArgument(argv: string[]): string | undefined {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  if (index === -1) return undefined;
  const arg = argv[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
}

/** Describe file-system and SQLite failures by the path involved, because they come from the user's paths, not from bugs. */
function describeEnvironmentError(error: unknown): string | null {
  const failure = error as { code?: unknown; path?: unknown; message?: unknown };
  if (typeof failure?.code !== 'string') return null;
  const detail = typeof failure.message === 'string' ? failure.message : failure.code;
  if (failure.code.startsWith('SQLITE_')) {
    return t(lang, 'cli.error.stateUnusable', { file: statePath(program.opts().state, process.env), detail });
  }
  if (typeof failure.path === 'string' && /^E[A-Z]+$/.test(failure.code)) {
    return t(lang, 'cli.error.writeFailed', { file: failure.path, detail: failure.code });
  }
  return null;
}
