/**
 * Problems found anywhere in the pipeline are data. The CLI renders them in
 * the user's language from `code` and `params`; nothing below the CLI prints.
 */
export type Severity = 'error' | 'warning';

/** Where in a rule file a problem sits; line and col are 1-based. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

export interface Diagnostic {
  /** Stable code, e.g. `RULE_SCHEMA_INVALID`; tests assert codes, not prose. */
  code: string;
  severity: Severity;
  /** Values the message catalog interpolates into the text for `code`. */
  params: Record<string, string | number>;
  position?: SourcePosition;
  /** JSON pointer-like path inside the rule file, e.g. `rules/2/task/type`. */
  path?: string;
  rule?: string;
  record?: RecordRef;
}

export type RecordKind = 'deal' | 'company' | 'contact';

export interface RecordRef {
  type: RecordKind;
  id: string;
  name?: string;
}
