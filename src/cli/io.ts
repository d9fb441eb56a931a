import type { Lang } from '../i18n/index.js';

/** Where a command writes and what it reads from its environment. */
export interface Io {
  lang: Lang;
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  color: boolean;
}

/** A failure the command line reports as a catalog message and an exit code. */
export class CliError extends Error {
  constructor(
    readonly messageId: string,
    readonly params: Record<string, string | number> = {},
    readonly exitCode = 1,
  ) {
    super(messageId);
    this.name = 'CliError';
  }
}

export function statePath(option: string | undefined, env: NodeJS.ProcessEnv): string {
  return option ?? env.FOLLOWUP_STATE ?? '.followup/state.db';
}

export function parsePositiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new CliError('cli.error.notPositiveInteger', { value }, 2);
  return parsed;
}

/** Options every command accepts before its name, e.g. `followup --state x.db plan`. */
export interface GlobalOptions {
  lang?: string;
  state?: string;
}
