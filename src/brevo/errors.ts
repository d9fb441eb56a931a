/**
 * Failures of Brevo calls, stripped of everything axios keeps (request
 * headers, the raw request, the config), so the API key cannot leak through
 * an error, a log line or a report.
 */
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
