/** State store failures as the command line explains them. */
import { StateFileError } from '../state/errors.js';
import { CliError } from './io.js';

/** Turns a StateFileError into the CliError that explains it (exit code 1); returns other errors unchanged. */
export function toStateCliError(error: unknown): unknown {
  if (!(error instanceof StateFileError)) return error;
  const { file, detail } = error;
  switch (error.problem) {
    case 'hardLinks':
      return new CliError('cli.error.stateHardLinks', { file, links: error.links }, 1);
    case 'hotJournal':
      return new CliError('cli.error.stateHotJournal', { file, detail }, 1);
    case 'lockUnusable':
      return new CliError('cli.error.lockUnusable', { file, detail }, 1);
    case 'unusable':
      return new CliError('cli.error.stateUnusable', { file, detail }, 1);
  }
}
