import { SourceError } from '../source/errors.js';
import { CliError } from './io.js';

/** Turn an unreadable source into a catalog message; other errors pass through. */
export function rethrowSourceError(error: unknown): never {
  if (error instanceof SourceError) throw new CliError(error.code, error.params);
  throw error;
}
