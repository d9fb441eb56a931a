/**
 * The trigger index: for each rule group, the records its trigger can fire
 * for. The finders in triggers/ decide exactly, but each scans every record
 * of its kind and parses dates with luxon on the way; over 100 000 deals
 * and 30 rules that scan alone takes seconds. This search leaves out only
 * records that a finder would pass over without a firing and without a
 * problem, using cheap tests: the stage id, a date read without luxon, the
 * event type, and on scheduled runs whether the record changed since the
 * previous run. What is left goes to the finder unchanged.
 */
import type { DateTime } from 'luxon';
import { durationToMillis } from '../time/duration.js';
import type { MirrorReader } from '../state/mirror.js';
import type { RecordKind } from '../types/diagnostics.js';
import type { AccountSnapshot, BrevoCompany, BrevoContact, BrevoDeal, LoyaltyEvent } from '../types/records.js';
import type {
  AttributeChangedTrigger,
  ConditionSpec,
  DateApproachingTrigger,
  DealStageEnteredTrigger,
  EveryTrigger,
  LoyaltyEventTrigger,
  Rule,
} from '../types/rules.js';
import type { AccountIndex } from './account-index.js';
import type { ChangeScope } from './changes.js';
import { FRIENDLY_FIELDS } from './fact-roots.js';
import { isFactReference } from './fact-reference.js';
import { DATE_OPERATORS, DAY_WINDOW_OPERATORS, RELATIVE_DATES } from './operators.js';
import { readRecordInstant } from './record-instants.js';
import { viewOf, type AnyRecord } from './record-facts.js';
import type { RuleGroup } from './rule-groups.js';
import { namesMatch } from './triggers/stage-entered.js';

const DAY_MS = 86_400_000;

/**
 * Dates within this distance outside a window still go to the finder, so
 * that a detail of a window's edge (the start of today in the rule's zone,
 * `<` against `<=`) can never drop a record here.
 */
const EDGE_SLACK_MS = DAY_MS;

/** Records or events handed to a finder in one call. */
const SLICE_SIZE = 100;

/** In an instant table: the record has no value in the field, so the finder passes over it silently. */
const NO_DATE = Number.NEGATIVE_INFINITY;

/** In an instant table: the value is no date; the finder reports it. */
const INVALID_DATE = Number.NaN;

/** Positions of deals in the account's deal list, by stage. */
interface StagePositions {
  byStage: Map<string, number[]>;
  /** Deals whose stage id no pipeline has. */
  unknown: number[];
}

/** Records of one kind, or events, that a group's finder should look at. */
export type Candidates = Partial<Pick<AccountSnapshot, 'deals' | 'companies' | 'contacts' | 'loyaltyEvents'>>;

type AnyBrevoRecord = BrevoDeal | BrevoCompany | BrevoContact;

export class CandidateSearch {
  /** Per record kind, field and zone: each record's date in epoch ms, or NO_DATE or INVALID_DATE. */
  private readonly instantTables = new Map<string, Float64Array>();
  private stagePositions: StagePositions | null = null;
  private readonly nowMs: number;

  /** `scope` is set on scheduled runs only; null evaluates every occurrence. */
  constructor(
    private readonly index: AccountIndex,
    private readonly mirror: MirrorReader,
    now: DateTime,
    private readonly scope: ChangeScope | null,
  ) {
    this.nowMs = now.toMillis();
  }

  /**
   * Yield the group's candidates in slices, in account order. Finders treat
   * each record on its own, so a finder run per slice finds what one run
   * over all candidates would. A trigger kind this search does not know
   * yields null once: its finder then sees the whole account.
   */
  *slices(group: RuleGroup): Generator<Candidates | null> {
    const candidates = this.find(group);
    if (!candidates) {
      yield null;
      return;
    }
    for (const [list, items] of Object.entries(candidates) as [keyof Candidates, unknown[]][]) {
      for (let start = 0; start < items.length; start += SLICE_SIZE) {
        yield { [list]: items.slice(start, start + SLICE_SIZE) };
      }
    }
  }

  /**
   * Return the records or events the group's finder should see, in account
   * order, or null when it must see every record of its kind.
   */
  find(group: RuleGroup): Candidates | null {
    const rule = group.rules[0]!;
    switch (rule.triggerKind) {
      case 'dealStageEntered':
        return { deals: this.stageEntries(rule) };
      case 'dateApproaching':
        return this.approachingDates(rule, group.rules.some((member) => readsClock(member.conditions)));
      case 'attributeChanged':
        return this.attributeChanges(rule);
      case 'loyaltyEvent':
        return { loyaltyEvents: this.loyaltyEvents(rule) };
      case 'every': {
        // Every record of the kind: periods depend on the clock alone.
        const kind = (rule.trigger as EveryTrigger).every.record;
        return this.asCandidates(kind, this.recordsOf(kind));
      }
      default:
        return null;
    }
  }

  /**
   * Deals in one of the trigger's stages that the mirror saw in another
   * stage, or that it never saw and whose stage entry lies inside the
   * look-back. Deals with an unknown stage go to the finder, which reports
   * them. On a scheduled run an unchanged deal has the stage the mirror saw,
   * so only changed deals can have entered a stage.
   */
  private stageEntries(rule: Rule): BrevoDeal[] {
    const spec = (rule.trigger as DealStageEnteredTrigger).dealStageEntered;
    const stageIds = new Set<string>();
    for (const stage of this.index.stages.values()) {
      if (!namesMatch(stage.stageName, spec.stage)) continue;
      if (spec.pipeline !== undefined && !namesMatch(stage.pipelineName, spec.pipeline)) continue;
      stageIds.add(stage.stageId);
    }
    const zone = rule.calendar.timezone;
    const { byStage, unknown } = this.dealPositionsByStage();
    const positions = [...unknown];
    for (const stageId of stageIds) {
      for (const position of byStage.get(stageId) ?? []) positions.push(position);
    }
    positions.sort((a, b) => a - b);
    const deals = this.index.snapshot.deals;

    return positions.map((position) => deals[position]!).filter((deal) => {
      if (this.scope && !this.scope.changed('deal', deal.id)) return false;
      const stageId = deal.attributes.deal_stage;
      if (typeof stageId !== 'string' || !this.index.stages.has(stageId)) return true;

      const seen = this.mirror.get('deal', deal.id);
      if (seen) return seen.attributes.deal_stage !== stageId;
      const enteredAt = readRecordInstant(deal.attributes.stage_updated_at, zone);
      if (enteredAt === null) return true;
      const age = this.nowMs - enteredAt;
      return age >= -EDGE_SLACK_MS && age <= rule.lookbackMs + EDGE_SLACK_MS;
    });
  }

  /**
   * Records whose date lies inside the window or cannot be read (the finder
   * reports those). On a scheduled run a clean record, one that neither
   * changed nor links a changed record, had the same date at the previous
   * run, so it has a new occurrence only when the window's end moved past
   * its date since then. Rules whose conditions read the clock can change
   * their verdict on a clean record, so they look at the whole window.
   */
  private approachingDates(rule: Rule, conditionsReadClock: boolean): Candidates {
    const spec = (rule.trigger as DateApproachingTrigger).dateApproaching;
    const windowMs = durationToMillis(spec.within) ?? 0;
    const instants = this.instantTable(spec.record, spec.field, rule.calendar.timezone);
    const scope = this.scope;
    const earliest = this.nowMs - DAY_MS - EDGE_SLACK_MS;
    const latest = this.nowMs + windowMs + EDGE_SLACK_MS;
    const newSince = scope ? scope.sinceMs + windowMs - EDGE_SLACK_MS : -Infinity;

    const records = this.recordsOf(spec.record).filter((record, position) => {
      const at = instants[position]!;
      if (at === NO_DATE) return false;
      const clean = scope !== null && !scope.dirty(spec.record, record.id);
      if (Number.isNaN(at)) return !clean;
      if (at < earliest || at > latest) return false;
      return !clean || conditionsReadClock || at > newSince;
    });
    return this.asCandidates(spec.record, records);
  }

  /**
   * Nothing differs from an empty mirror, and on a scheduled run only a
   * changed record can differ from the mirror.
   */
  private attributeChanges(rule: Rule): Candidates {
    const spec = (rule.trigger as AttributeChangedTrigger).attributeChanged;
    if (this.mirror.isEmpty) return this.asCandidates(spec.record, []);
    const records = this.recordsOf(spec.record);
    const scope = this.scope;
    return this.asCandidates(spec.record, scope ? records.filter((record) => scope.changed(spec.record, record.id)) : records);
  }

  /**
   * Events of the trigger's types inside the look-back. Scheduled runs see
   * them all too, because an event may arrive after the run that its time
   * falls into; the ledger keeps a created task from being planned again.
   */
  private loyaltyEvents(rule: Rule): LoyaltyEvent[] {
    const spec = (rule.trigger as LoyaltyEventTrigger).loyaltyEvent;
    const types = new Set(Array.isArray(spec.event) ? spec.event : [spec.event]);
    const zone = rule.calendar.timezone;
    return this.index.snapshot.loyaltyEvents.filter((event) => {
      if (!types.has(event.type)) return false;
      const occurredAt = readRecordInstant(event.occurredAt, zone);
      if (occurredAt === null) return false;
      const age = this.nowMs - occurredAt;
      return age >= -EDGE_SLACK_MS && age <= rule.lookbackMs + EDGE_SLACK_MS;
    });
  }

  /** Each record's date in `field` as the `dateApproaching` finder reads it, read once per zone. */
  private instantTable(kind: RecordKind, field: string, zone: string): Float64Array {
    const key = `${kind}\u0000${field}\u0000${zone}`;
    let table = this.instantTables.get(key);
    if (table) return table;

    const records = this.recordsOf(kind);
    table = new Float64Array(records.length);
    records.forEach((record, position) => {
      const raw = this.dateValue(kind, record, field);
      if (raw === undefined || raw === null || raw === '') table![position] = NO_DATE;
      else table![position] = readRecordInstant(raw, zone) ?? INVALID_DATE;
    });
    this.instantTables.set(key, table);
    return table;
  }

  private dealPositionsByStage(): StagePositions {
    if (this.stagePositions) return this.stagePositions;
    const positions: StagePositions = { byStage: new Map(), unknown: [] };
    this.index.snapshot.deals.forEach((deal, position) => {
      const stageId = deal.attributes.deal_stage;
      if (typeof stageId !== 'string' || !this.index.stages.has(stageId)) {
        positions.unknown.push(position);
        return;
      }
      const inStage = positions.byStage.get(stageId);
      if (inStage) inStage.push(position);
      else positions.byStage.set(stageId, [position]);
    });
    this.stagePositions = positions;
    return positions;
  }

  /**
   * The date a `dateApproaching` finder reads: the raw attribute, else the
   * record view's field. A view holds only the raw attributes and the
   * friendly fields, so for any other name there is nothing to read, and no
   * view needs building.
   */
  private dateValue(kind: RecordKind, record: AnyBrevoRecord, field: string): unknown {
    const attributes = record.attributes as Record<string, unknown>;
    if (Object.hasOwn(attributes, field)) return attributes[field];
    if (!FRIENDLY_FIELDS[kind].includes(field)) return undefined;
    return viewOf(this.index, { kind, record } as AnyRecord)[field];
  }

  private recordsOf(kind: RecordKind): AnyBrevoRecord[] {
    const snapshot = this.index.snapshot;
    if (kind === 'deal') return snapshot.deals;
    if (kind === 'company') return snapshot.companies;
    return snapshot.contacts;
  }

  private asCandidates(kind: RecordKind, records: AnyBrevoRecord[]): Candidates {
    if (kind === 'deal') return { deals: records as BrevoDeal[] };
    if (kind === 'company') return { companies: records as BrevoCompany[] };
    return { contacts: records as BrevoContact[] };
  }

}

/**
 * An account index whose `snapshot` lists only `candidates`, for one
 * finder. Every lookup (records by id, views, stages) still covers the whole
 * account, because the object inherits them from `index`. This relies on
 * AccountIndex keeping its state in ordinary properties.
 */
export function narrowIndex(index: AccountIndex, candidates: Candidates): AccountIndex {
  const narrowed = Object.create(index) as AccountIndex;
  Object.defineProperty(narrowed, 'snapshot', { value: { ...index.snapshot, ...candidates }, enumerable: true });
  return narrowed;
}

const CLOCK_OPERATORS: ReadonlySet<string> = new Set([...DATE_OPERATORS, ...DAY_WINDOW_OPERATORS]);

/** Check for conditions whose verdict can change with the clock alone. */
export function readsClock(conditions: ConditionSpec | undefined): boolean {
  if (conditions === undefined) return false;
  if ('all' in conditions) return conditions.all.some(readsClock);
  if ('any' in conditions) return conditions.any.some(readsClock);
  if ('not' in conditions) return readsClock(conditions.not);
  if (CLOCK_OPERATORS.has(conditions.operator) || conditions.fact.split('.')[0] === 'now') return true;
  const value = conditions.value;
  if (typeof value === 'string' && RELATIVE_DATES.includes(value)) return true;
  return isFactReference(value) && value.fact.split('.')[0] === 'now';
}
