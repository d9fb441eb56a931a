/**
 * Failures of Brevo calls, stripped of everything axios keeps (request
 * headers, the raw request, the config), so the API key cannot leak through
 * an error, a log line or a report.
 */
import { AxiosError } from 'axios';
import { secretRedactor } from '../log/redact.js';

export type BrevoErrorKind = 'http' | 'network' | 'timeout';

export class BrevoApiError extends Error {
  readonly kind: BrevoErrorKind;
  readonly status: number | null;
  /** Brevo's `code` from the `{code, message}` body, when it sent one. */
  readonly brevoCode: string | null;
  readonly method: string;
  readonly path: string;
  /** True when the request may have reached Brevo and changed something. */
  readonly outcomeUnknown: boolean;

  constructor(init: {
    kind: BrevoErrorKind;
    status: number | null;
    brevoCode: string | null;
    message: string;
    method: string;
    path: string;
    outcomeUnknown: boolean;
  }) {
    super(init.message);
    this.name = 'BrevoApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.brevoCode = init.brevoCode;
    this.method = init.method;
    this.path = init.path;
    this.outcomeUnknown = init.outcomeUnknown;
  }

  get isAuthFailure(): boolean {
    return this.status === 401 || this.status === 403;
  }

  toJSON(): Record<string, unknown> {
    return { kind: this.kind, status: this.status, code: this.brevoCode, message: this.message, method: this.method, path: this.path };
  }
}

// Errors that happen before a connection exists: the request cannot have reached Brevo.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ERR_CANCELED']);

/**
 * Turns an AxiosError into a BrevoApiError. Every text taken from the error
 * or the response body has the `secrets` cut out, in case a server echoes
 * the API key; a secret is also cut in the trimmed form that axios sends.
 * Other errors are returned unchanged.
 */
export function toBrevoApiError(error: unknown, secrets: readonly string[]): unknown {
  if (!(error instanceof AxiosError)) return error;
  const scrub = secretRedactor(secrets);
  const method = (error.config?.method ?? 'get').toUpperCase();
  const path = scrub(error.config?.url ?? '?');
  const writes = method !== 'GET';

  if (error.response) {
    const status = error.response.status;
    const body = error.response.data as { code?: unknown; message?: unknown } | undefined;
    const message = typeof body?.message === 'string' && body.message !== '' ? body.message : `HTTP ${status}`;
    return new BrevoApiError({
      kind: 'http',
      status,
      brevoCode: typeof body?.code === 'string' ? scrub(body.code) : null,
      message: scrub(message),
      method,
      path,
      // A 5xx or 408 may come after the server already stored the task; a 429 comes before.
      outcomeUnknown: writes && (status >= 500 || status === 408),
    });
  }
  const code = error.code ?? '';
  return new BrevoApiError({
    kind: TIMEOUT_CODES.has(code) ? 'timeout' : 'network',
    status: null,
    brevoCode: null,
    message: scrub(code !== '' ? `${code}: ${error.message}` : error.message),
    method,
    path,
    outcomeUnknown: writes && !NOT_SENT_CODES.has(code),
  });
}
