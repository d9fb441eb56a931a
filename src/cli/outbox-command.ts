/**
 * `followup outbox`: what waits to be sent, and a decision on tasks Brevo
 * rejected. `retry` lets the next apply send them again; `drop` gives them
 * up for good, so no later plan creates them. Both take the state store's
 * lock, so they never change the outbox under a running apply.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { t } from '../i18n/index.js';
import { createLogger } from '../log/logger.js';
import { outboxItems } from '../plan/outbox-items.js';
import { renderOutboxSections } from '../report/outbox-text.js';
import { StateStore } from '../state/store.js';
import { takeLock } from './apply-command.js';
import { CliError, statePath, type GlobalOptions, type Io } from './io.js';
import { formatOption } from './plan-command.js';

/** Stored as the reason of a dropped key; state data, not shown as a message. */
const DROP_REASON = 'dropped with followup outbox drop';

export function outboxCommand(io: Io, globals: () => GlobalOptions): Command {
  const command = new Command('outbox').description(t(io.lang, 'cli.outbox.description'));
  command
    .command('list', { isDefault: true })
    .description(t(io.lang, 'cli.outbox.list'))
    .addOption(formatOption(io))
    // As the default action, `list` also receives a mistyped action name, such as `outbox retyr`.
    .allowExcessArguments(true)
    .action((options: { format: 'text' | 'json' }, list: Command) => {
      if (list.args.length > 0) throw new CliError('outbox.error.unknownAction', { action: list.args[0]! }, 2);
      listOutbox(statePath(globals().state, io.env), options.format, io);
    });
  command
    .command('retry')
    .description(t(io.lang, 'cli.outbox.retry'))
    .argument('[keys...]')
    .action(async (keys: string[]) => retryRejected(statePath(globals().state, io.env), keys, io));
  command
    .command('drop')
    .description(t(io.lang, 'cli.outbox.drop'))
    .argument('[keys...]')
    .option('--all-rejected', t(io.lang, 'cli.outbox.allRejected'))
    .action(async (keys: string[], options: { allRejected?: boolean }) => dropEntries(statePath(globals().state, io.env), keys, options.allRejected ?? false, io));
  return command;
}

function listOutbox(path: string, format: 'text' | 'json', io: Io): void {
  if (!existsSync(path)) {
    io.out(format === 'json' ? '[]\n' : t(io.lang, 'outbox.noStore', { state: path }));
    return;
  }
  const state = StateStore.openReadOnly(path);
  try {
    const items = outboxItems(state.outbox());
    if (format === 'json') io.out(`${JSON.stringify(items, null, 2)}\n`);
    else if (items.length === 0) io.out(t(io.lang, 'outbox.empty'));
    else io.out(renderOutboxSections(items, { lang: io.lang, color: io.color }).join('\n').trimStart());
  } finally {
    state.close();
  }
}

/** Rejected entries become pending; without keys, every rejected entry does. */
async function retryRejected(path: string, keys: string[], io: Io): Promise<void> {
  await changeOutbox(path, (store) => {
    const entries = store.outbox();
    const rejected = entries.filter((entry) => entry.status === 'failed').map((entry) => entry.key);
    const requested = keys.length > 0 ? keys : rejected;
    rejectUnknownKeys(requested, entries.map((entry) => entry.key));
    const notRejected = requested.filter((key) => !rejected.includes(key));
    if (notRejected.length > 0) throw new CliError('outbox.error.notRejected', { keys: notRejected.join(', ') }, 1);
    const retried = store.retryFailed(requested, new Date().toISOString());
    io.out(t(io.lang, 'outbox.retried', { count: retried.length, keys: retried.join(', ') || '-' }));
  });
}

async function dropEntries(path: string, keys: string[], allRejected: boolean, io: Io): Promise<void> {
  if (keys.length === 0 && !allRejected) throw new CliError('outbox.error.keysNeeded', {}, 2);
  await changeOutbox(path, (store) => {
    const entries = store.outbox();
    const requested = [...keys, ...(allRejected ? entries.filter((entry) => entry.status === 'failed').map((entry) => entry.key) : [])];
    rejectUnknownKeys(requested, entries.map((entry) => entry.key));
    const unconfirmed = entries.filter((entry) => entry.status === 'sending' && requested.includes(entry.key)).map((entry) => entry.key);
    if (unconfirmed.length > 0) throw new CliError('outbox.error.unconfirmed', { keys: unconfirmed.join(', ') }, 1);
    const dropped = store.dropEntries(requested, DROP_REASON, new Date().toISOString());
    io.out(t(io.lang, 'outbox.dropped', { count: dropped.length, keys: dropped.join(', ') || '-' }));
  });
}

async function changeOutbox(path: string, change: (store: StateStore) => void): Promise<void> {
  if (!existsSync(path)) throw new CliError('outbox.noStore', { state: path }, 1);
  const lock = await takeLock(path, 0, createLogger()).catch((error: unknown) => {
    if (error instanceof CliError && error.messageId === 'apply.error.locked') throw new CliError('outbox.error.locked', error.params, 1);
    throw error;
  });
  const store = StateStore.openForWrite(path);
  try {
    change(store);
  } finally {
    store.close();
    lock.release();
  }
}

function rejectUnknownKeys(requested: readonly string[], known: readonly string[]): void {
  const unknown = requested.filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new CliError('outbox.error.unknownKeys', { keys: unknown.join(', ') }, 1);
}
