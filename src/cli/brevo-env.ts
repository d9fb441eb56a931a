/**
 * The Brevo client as the environment configures it: BREVO_API_KEY,
 * BREVO_API_URL and FOLLOWUP_REQUEST_TIMEOUT. Also the parsers for duration
 * options such as `--max-duration 10m`.
 */
import type { RunBudget } from '../brevo/budget.js';
import { BrevoClient, DEFAULT_BREVO_API_URL } from '../brevo/client.js';
import type { Logger } from '../log/logger.js';
import { CliError, type Io } from './io.js';

const DURATION = /^(\d+)\s*(ms|s|sec|seconds?|m|min|minutes?|h|hours?)$/i;
const MS_PER_UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function createBrevoClient(io: Io, options: { logger: Logger; budget?: RunBudget }): BrevoClient {
  const apiKey = io.env.BREVO_API_KEY;
  if (!apiKey) throw new CliError('cli.error.apiKeyMissing', {}, 1);
  const timeout = io.env.FOLLOWUP_REQUEST_TIMEOUT;
  const timeoutMs = timeout === undefined || timeout === '' ? undefined : parseMillis(timeout);
  if (timeoutMs === null || timeoutMs === 0) throw new CliError('source.error.timeoutInvalid', { value: timeout ?? '' }, 2);
  return new BrevoClient({
    apiKey,
    baseUrl: io.env.BREVO_API_URL || DEFAULT_BREVO_API_URL,
    logger: options.logger,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
  });
}

/** Parses `90s`, `15m`, `2h` or `500ms` for a command-line option; anything else is a usage error. */
export function parseDurationOption(value: string): number {
  const millis = parseMillis(value);
  if (millis === null) throw new CliError('apply.error.durationInvalid', { value }, 2);
  return millis;
}

/** Parses a duration like parseDurationOption and also rejects zero, for limits where 0 would mean nothing may run. */
export function parsePositiveDurationOption(value: string): number {
  const millis = parseDurationOption(value);
  if (millis === 0) throw new CliError('apply.error.durationZero', { value }, 2);
  return millis;
}

function parseMillis(value: string): number | null {
  const match = DURATION.exec(value.trim());
  if (!match) return null;
  const unit = match[2]!.toLowerCase();
  const key = unit === 'ms' ? 'ms' : unit[0]!;
  return Number(match[1]) * MS_PER_UNIT[key]!;
}
