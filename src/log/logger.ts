/**
 * Structured logs on stderr: JSON lines by default, readable lines when
 * stderr is a terminal. Messages are static; details go in fields. The API
 * key is redacted under every name and casing this code uses and cut out
 * of every line by value, and errors are logged through BrevoApiError,
 * which carries no request data.
 */
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { secretRedactor } from './redact.js';

export type { Logger };

export const REDACT_PATHS = [
  'apiKey',
  '*.apiKey',
  'api-key',
  '["api-key"]',
  '*["api-key"]',
  'headers["api-key"]',
  '*.headers["api-key"]',
  'config.headers',
  'err.config',
  'err.request',
  'err.response',
];

export interface LoggerOptions {
  level?: string;
  /** Values cut out of every log line, in every form that secretRedactor cuts; default: $BREVO_API_KEY. */
  secrets?: readonly (string | undefined)[];
  /** Force readable output (true) or JSON (false); default: readable on a TTY. */
  pretty?: boolean;
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? process.stderr;
  const readable = options.pretty ?? Boolean((destination as { isTTY?: boolean }).isTTY);
  const base = {
    level: options.level ?? process.env.FOLLOWUP_LOG_LEVEL ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    // Paths cover the fields that hold the key; this also catches it inside any message or text field.
    hooks: { streamWrite: secretRedactor(options.secrets ?? [process.env.BREVO_API_KEY]) },
  };
  if (readable) {
    return pino(base, pretty({ destination, sync: true, colorize: !process.env.NO_COLOR, ignore: 'pid,hostname' }));
  }
  if (destination === process.stderr) return pino(base, pino.destination({ dest: 2, sync: true }));
  return pino(base, destination);
}

/** A logger that drops everything, for library callers that pass none. */
export const silentLogger: Logger = pino({ level: 'silent' });
