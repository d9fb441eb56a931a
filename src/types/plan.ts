/**
 * The plan: plain, serialisable data. `plan` stops here; `apply` executes it.
 */
import type { Diagnostic, RecordRef } from './diagnostics.js';
import type { ReminderSpec, TriggerKind } from './rules.js';

/** The exact body that apply sends to POST /crm/tasks. */
export interface TaskBody {
  name: string;
  taskTypeId: string;
  date: string;
  duration?: number;
  notes?: string;
  done: boolean;
  assignToId: string;
  dealsIds: string[];
  companiesIds: string[];
  contactsIds: number[];
  reminder?: ReminderSpec;
}

export interface Occurrence {
  trigger: TriggerKind;
  /** Stable identity of this firing; the idempotency key is derived from it. */
  identity: string;
  /** When the trigger fired (stage entered, event happened, date value…). */
  at: string;
  /** Short human facts about the firing, e.g. `{ stage: "Demo" }`. */
  details: Record<string, string>;
}

export type PlanAction = 'create' | 'exists' | 'skip';

export interface PlanItem {
  key: string;
  action: PlanAction;
  rule: string;
  record: RecordRef;
  occurrence: Occurrence;
  task: TaskBody & { taskType: string };
  /** Brevo id of the task when `action` is `exists`. */
  existingTaskId?: string;
  /** Why the task looks the way it does, e.g. a due date moved out of the past. */
  notes: Diagnostic[];
}

export interface PlanSummary {
  create: number;
  exists: number;
  skip: number;
  problems: number;
  rules: number;
  records: number;
  /** HTTP requests apply needs for this plan: source reads, a task type lookup unless cached, one per task to send. */
  requests: number;
}

/** The rate limit apply will meet and the time the plan's requests take under it, when each window is spent in one burst. */
export interface PacingEstimate {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
  /** `account`: from the rate-limit headers Brevo last sent; `documented`: Brevo's published 100 per hour. */
  basis: 'account' | 'documented';
  /** Estimated seconds from the first request to the last; 0 when all fit into one window. */
  seconds: number;
}

/**
 * Occurrences a rule's trigger found but its conditions turned down,
 * grouped by rule and the first condition that failed.
 */
export interface NearMissSummary {
  rule: string;
  count: number;
  fact: string;
  operator: string;
  expected: unknown;
  /** A few of the records, with the value the condition saw. */
  examples: { record: RecordRef; actual: unknown }[];
}

/** A task waiting in the outbox from an earlier run; apply sends these before the plan's own tasks. */
export interface OutboxItem {
  key: string;
  rule: string;
  record: RecordRef;
  name: string;
  taskType: string;
  /** Due date as an ISO time. */
  date: string;
  assignToId: string;
  /**
   * `pending`: not sent yet. `sending`: sent without a confirmation, so apply
   * looks for it in Brevo first. `failed`: Brevo rejected it; it waits until
   * someone retries or drops it (`followup outbox`), or a plan creates it again.
   */
  status: 'pending' | 'sending' | 'failed';
  attempts: number;
  lastError: string | null;
}

export interface Plan {
  formatVersion: 1;
  now: string;
  summary: PlanSummary;
  items: PlanItem[];
  problems: Diagnostic[];
  nearMisses: NearMissSummary[];
  /** About how long apply's `summary.requests` take at the account's rate limit. */
  pacing?: PacingEstimate;
  /** Tasks earlier runs left in the outbox that this plan does not create again. */
  outbox: OutboxItem[];
}
