import type { Diagnostic, RecordKind, RecordRef, SourcePosition } from '../types/diagnostics.js';
import type { AccountSnapshot } from '../types/records.js';
import type { FailedCondition } from '../evaluate/conditions.js';

/** One expected task: which rule, for which record, and the task fields that matter. */
export interface ExpectedTask {
  rule: string;
  record: { type: RecordKind; id: string };
  /** Fields of the planned task body to compare; others are not checked. */
  task: Record<string, unknown>;
  position: SourcePosition;
}

export interface RuleTestCase {
  name: string;
  position: SourcePosition;
  now: string;
  /** Base data directory, resolved against the test file's folder; all its records take part. */
  data?: string;
  /** Data directory whose pipelines and task types only are used, so the test's own records stand alone. */
  account?: string;
  /** Records added to the base data; a record with a known id replaces it. */
  records: Partial<Omit<AccountSnapshot, 'capturedAt'>>;
  /** What the previous run saw: kind → id → attributes. */
  seen: Partial<Record<RecordKind, Record<string, Record<string, unknown>>>>;
  /** Only these rules run; all when absent. */
  rules?: string[];
  expect: ExpectedTask[];
}

/** Why an expected task was not planned: a condition that failed, or a problem with the record. */
export type MissReason = { kind: 'condition'; failed: FailedCondition } | { kind: 'problem'; problem: Diagnostic };

export type Difference =
  | { kind: 'missing'; rule: string; record: RecordRef; reasons: MissReason[] }
  | { kind: 'unexpected'; rule: string; record: RecordRef; name: string }
  | { kind: 'field'; rule: string; record: RecordRef; field: string; expected: unknown; actual: unknown };

export interface RuleTestResult {
  name: string;
  position: SourcePosition;
  passed: boolean;
  differences: Difference[];
  /** Problems that kept the test from running (invalid rules, unreadable data). */
  errors: Diagnostic[];
}
