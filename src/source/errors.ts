/** A source that cannot be read at all (as opposed to one bad record in it). */
export class SourceError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;

  constructor(code: string, params: Record<string, string | number>) {
    super(`${code}: ${JSON.stringify(params)}`);
    this.name = 'SourceError';
    this.code = code;
    this.params = params;
  }
}
