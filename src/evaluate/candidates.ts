/**
 * The trigger index: for each rule group, the records its trigger can fire
 * for. The finders in triggers/ decide exactly, but each one scans every
 * record of its kind and parses its dates with luxon. Over 100 000 deals
 * and 30 rules, those scans alone take seconds. This search leaves out only
 * records that a finder would pass over without a firing and without a
 * problem. It uses cheap tests: the stage id, a date read without luxon,
 * the event type, and on scheduled runs whether the record changed since
 * the previous run. What is left goes to the finder unchanged.
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
import { isCanonicalUtc, readRecordInstant } from './record-instants.js';
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

/**
 * On a scheduled run, dates that reached the window's end up to this long
 * before the previous run still count as new. A smaller slack than at the
 * window's edges, because every run evaluates the records in this band again.
 */
const NEW_IN_WINDOW_SLACK_MS = 60 * 60_000;

/** Records or events handed to a finder in one call. */
const SLICE_SIZE = 100;

/** In an instant table: a record without a value in the field, which the finder passes over silently. */
const NO_DATE = Number.NEGATIVE_INFINITY;

/** In an instant table: a value that is no date, which the finder reports. */
const INVALID_DATE = Number.NaN;

/** Records of one kind, or events, that a group's finder should look at. */
export type Candidates = Partial<Pick<AccountSnapshot, 'deals' | 'companies' | 'contacts' | 'loyaltyEvents'>>;

type AnyBrevoRecord = BrevoDeal | BrevoCompany | BrevoContact;

export class CandidateSearch {
  /** Per record kind, field and zone: each record's date in epoch ms, or NO_DATE or INVALID_DATE. */
  private readonly instantTables = new Map<string, Float64Array>();
  /** Per look-back and zone: the deals that may fire a stage rule. */
  private readonly stageEntryCandidates = new Map<string, BrevoDeal[]>();
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
   * over all candidates would. For a trigger kind this search does not
   * handle, it yields null once, and that finder scans the whole account.
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
   * Return the records or events the group's finder has to look at, in
   * account order, or null when it has to scan the whole account.
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
   * Deals in one of the trigger's stages that can have entered it: see
   * `dealsThatCanEnterStages`. Deals with an unknown stage go to the finder,
   * which reports them.
   */
  private stageEntries(rule: Rule): BrevoDeal[] {
    const spec = (rule.trigger as DealStageEnteredTrigger).dealStageEntered;
    const stageIds = new Set<string>();
    for (const stage of this.index.stages.values()) {
      if (!namesMatch(stage.stageName, spec.stage)) continue;
      if (spec.pipeline !== undefined && !namesMatch(stage.pipelineName, spec.pipeline)) continue;
      stageIds.add(stage.stageId);
    }
    return this.dealsThatCanEnterStages(rule.lookbackMs, rule.calendar.timezone).filter((deal) => {
      const stageId = deal.attributes.deal_stage;
      return typeof stageId !== 'string' || !this.index.stages.has(stageId) || stageIds.has(stageId);
    });
  }

  /**
   * Return the deals that may fire a `dealStageEntered` trigger, whatever
   * its stage: those the mirror saw in another stage, and those it never saw
   * whose stage entry lies inside the look-back. On a scheduled run an
   * unmodified deal has the stage the mirror saw, so it can fire only when
   * the mirror lacks it and its entry lies inside the look-back. The list is
   * worked out once for all stage rules with the same look-back and zone.
   */
  private dealsThatCanEnterStages(lookbackMs: number, zone: string): BrevoDeal[] {
    const key = `${lookbackMs}\u0000${zone}`;
    const cached = this.stageEntryCandidates.get(key);
    if (cached) return cached;

    const scope = this.scope;
    const earliest = this.nowMs - lookbackMs - EDGE_SLACK_MS;
    const latest = this.nowMs + EDGE_SLACK_MS;
    const earliestText = new Date(earliest).toISOString();
    const deals = this.index.snapshot.deals.filter((deal) => {
      const stageId = deal.attributes.deal_stage;
      if (typeof stageId !== 'string' || !this.index.stages.has(stageId)) return !scope || scope.dirty('deal', deal.id);

      const raw = deal.attributes.stage_updated_at;
      const unmodified = scope !== null && !scope.modified('deal', deal.id);
      // The previous run saw an unmodified deal as it is, so a quick look at an old entry time is enough.
      if (unmodified && typeof raw === 'string' && isCanonicalUtc(raw) && raw < earliestText) return false;

      // An unreadable entry time counts as inside, so that the finder reports it.
      const enteredAt = readRecordInstant(raw, zone);
      const insideLookback = enteredAt === null || (enteredAt >= earliest && enteredAt <= latest);
      const seen = this.mirror.get('deal', deal.id);
      if (!seen) return insideLookback;
      // An unmodified deal is in the stage the mirror saw, which needs no parse of the mirror entry.
      return !unmodified && seen.attributes.deal_stage !== stageId;
    });
    this.stageEntryCandidates.set(key, deals);
    return deals;
  }

  /**
   * Return the records whose date lies inside the window or cannot be read
   * (the finder reports those). On a scheduled run a clean record, one that
   * is not dirty, had the same date and facts at the previous run. It has a
   * new occurrence only when the window's end moved past its date since
   * then. Conditions that read the clock can change their verdict on a clean
   * record, so the rules with such conditions look at the whole window.
   */
  private approachingDates(rule: Rule, conditionsReadClock: boolean): Candidates {
    const spec = (rule.trigger as DateApproachingTrigger).dateApproaching;
    const windowMs = durationToMillis(spec.within) ?? 0;
    const instants = this.instantTable(spec.record, spec.field, rule.calendar.timezone);
    const scope = this.scope;
    const earliest = this.nowMs - DAY_MS - EDGE_SLACK_MS;
    const latest = this.nowMs + windowMs + EDGE_SLACK_MS;
    const newSince = scope ? scope.sinceMs + windowMs - NEW_IN_WINDOW_SLACK_MS : -Infinity;

    const records = this.recordsOf(spec.record).filter((record, position) => {
      const at = instants[position]!;
      if (at === NO_DATE) return false;
      if (Number.isNaN(at)) return !scope || scope.dirty(spec.record, record.id);
      if (at < earliest || at > latest) return false;
      if (!scope || conditionsReadClock || at > newSince) return true;
      return scope.dirty(spec.record, record.id);
    });
    return this.asCandidates(spec.record, records);
  }

  /**
   * Return the records that can differ from the mirror: none when it is
   * empty, and on a scheduled run only the modified ones.
   */
  private attributeChanges(rule: Rule): Candidates {
    const spec = (rule.trigger as AttributeChangedTrigger).attributeChanged;
    if (this.mirror.isEmpty) return this.asCandidates(spec.record, []);
    const records = this.recordsOf(spec.record);
    const scope = this.scope;
    return this.asCandidates(spec.record, scope ? records.filter((record) => scope.modified(spec.record, record.id)) : records);
  }

  /**
   * Return the events of the trigger's types inside the look-back. On a
   * scheduled run, an event older than the previous run (less the margin
   * that record modifications get) was there for that run, so it matters
   * again only when its company is dirty. Events that name only a contact go
   * to the finder, which looks up their company.
   */
  private loyaltyEvents(rule: Rule): LoyaltyEvent[] {
    const spec = (rule.trigger as LoyaltyEventTrigger).loyaltyEvent;
    const types = new Set(Array.isArray(spec.event) ? spec.event : [spec.event]);
    const instants = this.eventInstants(rule.calendar.timezone);
    const scope = this.scope;
    return this.index.snapshot.loyaltyEvents.filter((event, position) => {
      if (!types.has(event.type)) return false;
      const occurredAt = instants[position]!;
      if (Number.isNaN(occurredAt)) return false;
      const age = this.nowMs - occurredAt;
      if (age < -EDGE_SLACK_MS || age > rule.lookbackMs + EDGE_SLACK_MS) return false;
      if (!scope || occurredAt >= scope.newFromMs || event.companyId === undefined) return true;
      return scope.dirty('company', event.companyId);
    });
  }

  /** Read each record's date in `field` as the `dateApproaching` finder does, once per zone. */
  private instantTable(kind: RecordKind, field: string, zone: string): Float64Array {
    const key = `${kind}\u0000${field}\u0000${zone}`;
    let table = this.instantTables.get(key);
    if (table) return table;

    const records = this.recordsOf(kind);
    const read = new Map<string, number>();
    table = new Float64Array(records.length);
    records.forEach((record, position) => {
      const raw = this.dateValue(kind, record, field);
      if (raw === undefined || raw === null || raw === '') {
        table![position] = NO_DATE;
      } else if (typeof raw === 'string') {
        // Date attributes repeat few distinct values, renewal days above all.
        let instant = read.get(raw);
        if (instant === undefined) {
          instant = readRecordInstant(raw, zone) ?? INVALID_DATE;
          read.set(raw, instant);
        }
        table![position] = instant;
      } else {
        table![position] = INVALID_DATE;
      }
    });
    this.instantTables.set(key, table);
    return table;
  }

  /** Read each loyalty event's time in epoch ms (INVALID_DATE when unreadable), once per zone. */
  private eventInstants(zone: string): Float64Array {
    const key = `event\u0000occurredAt\u0000${zone}`;
    let table = this.instantTables.get(key);
    if (table) return table;
    const events = this.index.snapshot.loyaltyEvents;
    table = new Float64Array(events.length);
    events.forEach((event, position) => {
      table![position] = readRecordInstant(event.occurredAt, zone) ?? INVALID_DATE;
    });
    this.instantTables.set(key, table);
    return table;
  }

  /**
   * Return the date a `dateApproaching` finder reads: the raw attribute, else
   * the record view's field. A view contains only the raw attributes and the
   * friendly fields, so for any other name there is no value, and no view
   * needs building.
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
 * Return an account index whose `snapshot` lists only `candidates`, for one
 * finder. Every lookup (records by id, views, stages) still covers the whole
 * account, because the object inherits them from `index`. This relies on
 * AccountIndex keeping its state in ordinary properties, not `#private` ones.
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
