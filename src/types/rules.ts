/**
 * Rule files as written (after schema validation) and the rule set the
 * pipeline works with. Positions are kept so that later checks and
 * evaluation problems can still point at `file:line:col`.
 */
import type { RecordKind, SourcePosition } from './diagnostics.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export type ReminderUnit = 'minutes' | 'hours' | 'days' | 'weeks';

export interface ReminderSpec {
  value: number;
  unit: ReminderUnit;
  types: ('email' | 'push')[];
}

export interface DealStageEnteredTrigger {
  dealStageEntered: { stage: string; pipeline?: string; from?: string };
}

export interface DateApproachingTrigger {
  dateApproaching: { record: RecordKind; field: string; within: string };
}

export interface AttributeChangedTrigger {
  attributeChanged: { record: RecordKind; attribute: string; from?: unknown; to?: unknown };
}

export interface LoyaltyEventTrigger {
  loyaltyEvent: { event: string | string[] };
}

/** A recurring interval per record, counted from the date in `since` (default: the record's creation). */
export interface EveryTrigger {
  every: { record: RecordKind; interval: string; since?: string };
}

export type TriggerSpec =
  | DealStageEnteredTrigger
  | DateApproachingTrigger
  | AttributeChangedTrigger
  | LoyaltyEventTrigger
  | EveryTrigger;

export type TriggerKind = 'dealStageEntered' | 'dateApproaching' | 'attributeChanged' | 'loyaltyEvent' | 'every';

/** A json-rules-engine condition tree with dotted fact paths (`deal.amount`). */
export type ConditionSpec =
  | { all: ConditionSpec[] }
  | { any: ConditionSpec[] }
  | { not: ConditionSpec }
  | { fact: string; operator: string; value: unknown };

/** `{ in: "3 days", at: "10:00" }` or `{ on: "company.renewal_date", before: "7 days" }`. */
export interface DueSpec {
  in?: string;
  on?: string;
  before?: string;
  after?: string;
  at?: string;
}

export type LinkTarget = 'deal' | 'deals' | 'company' | 'companies' | 'contact' | 'contacts';

export interface TaskTemplateSpec {
  name: string;
  type: string;
  due: DueSpec;
  duration?: string;
  assignee: string[];
  link?: LinkTarget[];
  notes?: string;
  reminder?: ReminderSpec | null;
  done?: boolean;
}

export interface RuleSpec {
  id: string;
  description?: string;
  enabled?: boolean;
  trigger: TriggerSpec;
  conditions?: ConditionSpec;
  task: TaskTemplateSpec;
  /** Most tasks the rule may create in one run; more turn every one of its creations into a skip. */
  maxTasksPerRun?: number;
}

export interface RuleDefaults {
  timezone?: string;
  workdays?: Weekday[];
  holidays?: string[];
  reminder?: ReminderSpec;
  /** First-run look-back for triggers that read a change time, e.g. "7 days". */
  lookback?: string;
  /** Default of each rule's `maxTasksPerRun`. */
  maxTasksPerRun?: number;
  /** Language of the task text Brevo receives: money and date filters format for it. */
  locale?: 'en' | 'de';
}

export interface RuleFileSpec {
  version: 1;
  defaults?: RuleDefaults;
  rules: RuleSpec[];
}

/** Calendar settings a rule runs with, after file defaults were applied. */
export interface Calendar {
  timezone: string;
  workdays: Weekday[];
  holidays: string[];
}

/** A rule ready for evaluation: defaults merged, source position attached. */
export interface Rule {
  id: string;
  description?: string;
  file: string;
  position: SourcePosition;
  /** False when the file switches the rule off with `enabled: false`; absent means enabled. */
  enabled?: boolean;
  /** Record kind whose records the trigger looks at. */
  recordKind: RecordKind;
  triggerKind: TriggerKind;
  trigger: TriggerSpec;
  conditions?: ConditionSpec;
  task: TaskTemplateSpec;
  calendar: Calendar;
  reminder: ReminderSpec | null;
  lookbackMs: number;
  /** Language the task's templates render in, whatever language the CLI speaks. */
  locale: 'en' | 'de';
  /** Most tasks the rule may create in one run; plan building turns a larger batch into skips. */
  maxTasksPerRun: number;
}

export interface RuleSet {
  rules: Rule[];
  /** Content hash of every rule file, for plan fingerprints. */
  fingerprint: string;
}
