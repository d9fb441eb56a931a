/**
 * Errors in Brevo's `errorModel` shape, `{ code, message }`. Route handlers
 * throw an ApiError and the server turns it into a JSON response.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** The generic 400 that Brevo's spec shows for a bad query or body. */
export const NOT_VALID_DATA = 'Not valid data.';

export function invalidParameter(message: string): ApiError {
  return new ApiError(400, 'invalid_parameter', message);
}

export function missingParameter(message: string): ApiError {
  return new ApiError(400, 'missing_parameter', message);
}

export function documentNotFound(): ApiError {
  return new ApiError(404, 'document_not_found', 'Document not found');
}
