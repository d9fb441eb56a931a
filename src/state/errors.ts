/** Reason Followup cannot use a state store or its run lock file. */
export type StateFileProblem =
  /** The store file has more than one hard link. */
  | 'hardLinks'
  /** SQLite rejected the store: not a database, corrupt, or not readable. */
  | 'unusable'
  /** A run ended mid-write and no read-only copy of the store could be rolled back. */
  | 'hotJournal'
  /** SQLite could not open or lock the run lock file. */
  | 'lockUnusable';

/** A state store or run lock file that Followup cannot use, named by its real path. */
export class StateFileError extends Error {
  readonly problem: StateFileProblem;
  readonly file: string;
  /** The underlying failure, such as SQLite's message; empty for `hardLinks`. */
  readonly detail: string;
  /** Hard links of the store file; 1 unless `problem` is `hardLinks`. */
  readonly links: number;

  constructor(init: { problem: StateFileProblem; file: string; detail?: string; links?: number; cause?: unknown }) {
    super(describe(init.problem, init.file, init.detail ?? '', init.links ?? 1), init.cause === undefined ? {} : { cause: init.cause });
    this.name = 'StateFileError';
    this.problem = init.problem;
    this.file = init.file;
    this.detail = init.detail ?? '';
    this.links = init.links ?? 1;
  }
}

/** Describes the problem in English, for callers that do not translate it, such as the run log. */
function describe(problem: StateFileProblem, file: string, detail: string, links: number): string {
  switch (problem) {
    case 'hardLinks':
      return `state store ${file} has ${links} hard links, but Followup needs one path per store`;
    case 'unusable':
      return `cannot use the state store ${file}: ${detail}`;
    case 'hotJournal':
      return `cannot roll back a copy of the state store ${file}, which a killed run left mid-write: ${detail}`;
    case 'lockUnusable':
      return `cannot use the run lock file ${file}: ${detail}`;
  }
}

/** SQLite's extended result code of a better-sqlite3 error, such as `SQLITE_NOTADB`; null for other errors. */
export function sqliteCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
