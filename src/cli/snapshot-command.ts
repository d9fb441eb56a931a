import { Command } from 'commander';
import { t } from '../i18n/index.js';
import { createLogger } from '../log/logger.js';
import { readAccountDump, writeDataDirectory } from '../source/snapshot.js';
import { createBrevoClient } from './brevo-env.js';
import type { Io } from './io.js';
import { rethrowSourceError } from './source-errors.js';

export interface SnapshotOptions {
  out: string;
}

export function snapshotCommand(io: Io): Command {
  return new Command('snapshot')
    .description(t(io.lang, 'cli.snapshot.description'))
    .requiredOption('--out <dir>', t(io.lang, 'cli.option.snapshotOut'))
    .action(async (options: SnapshotOptions) => runSnapshot(options, io));
}

export async function runSnapshot(options: SnapshotOptions, io: Io): Promise<void> {
  const client = createBrevoClient(io, { logger: createLogger() });
  let dump;
  try {
    dump = await readAccountDump(client);
  } catch (error) {
    return rethrowSourceError(error);
  }
  writeDataDirectory(options.out, dump);
  io.out(
    t(io.lang, 'snapshot.written', {
      deals: dump.deals.length,
      companies: dump.companies.length,
      contacts: dump.contacts.length,
      tasks: dump.tasks.length,
      pipelines: dump.pipelines.length,
      taskTypes: dump.taskTypes.length,
      dir: options.out,
      requests: client.requests,
    }),
  );
}
