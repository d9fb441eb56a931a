import type { DateTime } from 'luxon';
import type { Diagnostic, RecordRef } from '../types/diagnostics.js';
import type { Occurrence } from '../types/plan.js';
import type { Rule } from '../types/rules.js';
import type { MirrorReader } from '../state/mirror.js';
import type { AccountIndex } from './account-index.js';

/** One trigger firing for one record, with the facts its conditions and templates see. */
export interface Firing {
  rule: Rule;
  record: RecordRef;
  occurrence: Occurrence;
  /** The occurrence time: relative due dates count from here, not from the run. */
  anchor: DateTime;
  facts: Record<string, unknown>;
}

export interface TriggerContext {
  index: AccountIndex;
  mirror: MirrorReader;
  now: DateTime;
  /** Record-level problems, deduplicated by code and record across rules. */
  report: (problem: Diagnostic) => void;
}
