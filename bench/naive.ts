/**
 * The naive baseline: json-rules-engine used the straightforward way. One
 * engine contains every rule of the rule set, and each record gets one
 * engine run with the whole Brevo record as its fact. Conditions reach into
 * it with JSONPath (`$.attributes.amount`), the library's default path
 * resolver. Each rule's trigger becomes conditions too (record kind, stage
 * ids, a date window), so every rule is evaluated against every record.
 *
 * It measures throughput only: it plans no tasks. Its rate (rule-record
 * evaluations per second) is what the plan bench compares with.
 */
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { DateTime } from 'luxon';
import { addOperators } from '../src/evaluate/operators.js';
import { namesMatch } from '../src/evaluate/triggers/stage-entered.js';
import { durationToMillis } from '../src/time/duration.js';
import type { RecordKind } from '../src/types/diagnostics.js';
import type { AccountSnapshot, BrevoCompany, BrevoContact, BrevoDeal } from '../src/types/records.js';
import type { ConditionSpec, Rule } from '../src/types/rules.js';

const DAY_MS = 86_400_000;

/** For each friendly field of the record views, the raw attribute it comes from. */
const RAW_ATTRIBUTE: Record<RecordKind, Record<string, string>> = {
  deal: { name: 'deal_name', owner: 'deal_owner', stageId: 'deal_stage', pipelineId: 'pipeline', stageUpdatedAt: 'stage_updated_at', createdAt: 'created_at' },
  company: { createdAt: 'created_at' },
  contact: { firstName: 'FIRSTNAME', lastName: 'LASTNAME' },
};

export interface NaiveRate {
  records: number;
  rules: number;
  seconds: number;
  /** Rule-record evaluations per second. */
  pairsPerSecond: number;
  /** Records whose run fired at least one rule, as a sanity check that the rules are live. */
  recordsMatched: number;
}

type AnyBrevoRecord = BrevoDeal | BrevoCompany | BrevoContact;

interface SampledRecord {
  kind: RecordKind;
  record: AnyBrevoRecord;
}

/** Build the engine with every rule of `rules`, as the naive setup has it. */
export function buildNaiveEngine(rules: readonly Rule[], snapshot: AccountSnapshot, now: string): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  const clock = { now: DateTime.fromISO(now, { zone: 'utc' }), zone: rules[0]?.calendar.timezone ?? 'UTC' };
  addOperators(engine, clock);
  for (const rule of rules) {
    const conditions: ConditionSpec[] = [...triggerConditions(rule, snapshot)];
    const properties: RuleProperties = {
      name: rule.id,
      conditions: { all: [...conditions.map((condition) => toJsonPath(condition, rule)), ...(rule.conditions ? [toJsonPath(rule.conditions, rule)] : [])] } as TopLevelCondition,
      event: { type: 'matched', params: { rule: rule.id } },
    };
    engine.addRule(properties);
  }
  return engine;
}

/**
 * Run the naive engine on `sampleSize` records spread evenly over the
 * account's deals, companies and contacts, one record after another.
 */
export async function measureNaiveRate(rules: readonly Rule[], snapshot: AccountSnapshot, now: string, sampleSize: number): Promise<NaiveRate> {
  const engine = buildNaiveEngine(rules, snapshot, now);
  const companies = new Map(snapshot.companies.map((company) => [company.id, company]));
  const sample = sampleRecords(snapshot, sampleSize);

  // A warm-up pass over a few records, so that the measurement leaves out compiling.
  for (const sampled of sample.slice(0, 50)) await engine.run(naiveFacts(sampled, companies));

  let recordsMatched = 0;
  const startedAt = performance.now();
  for (const sampled of sample) {
    const { events } = await engine.run(naiveFacts(sampled, companies));
    if (events.length > 0) recordsMatched++;
  }
  const seconds = (performance.now() - startedAt) / 1000;
  return { records: sample.length, rules: rules.length, seconds, pairsPerSecond: (sample.length * rules.length) / seconds, recordsMatched };
}

/** Pick records at an even stride, so the sample has the account's mix of kinds. */
function sampleRecords(snapshot: AccountSnapshot, size: number): SampledRecord[] {
  const all: SampledRecord[] = [
    ...snapshot.deals.map((record) => ({ kind: 'deal' as const, record })),
    ...snapshot.companies.map((record) => ({ kind: 'company' as const, record })),
    ...snapshot.contacts.map((record) => ({ kind: 'contact' as const, record })),
  ];
  const stride = Math.max(1, all.length / size);
  const sample: SampledRecord[] = [];
  for (let position = 0; position < all.length && sample.length < size; position += stride) sample.push(all[Math.floor(position)]!);
  return sample;
}

/**
 * Return the facts of one run: the record, its kind, a deal's first company
 * (for deal rules that read `company.*`), and the record as last seen, which
 * on a first run is the record itself.
 */
function naiveFacts(sampled: SampledRecord, companies: Map<string, BrevoCompany>): Record<string, unknown> {
  const firstCompany = sampled.kind === 'deal' ? (sampled.record as BrevoDeal).linkedCompaniesIds?.[0] : undefined;
  return {
    kind: sampled.kind,
    record: sampled.record,
    company: firstCompany ? (companies.get(firstCompany) ?? null) : null,
    previous: sampled.record,
  };
}

/** Write the trigger as conditions on the raw record. */
function triggerConditions(rule: Rule, snapshot: AccountSnapshot): ConditionSpec[] {
  const trigger = rule.trigger;
  const lookbackDays = Math.ceil(rule.lookbackMs / DAY_MS);
  if ('dealStageEntered' in trigger) {
    const spec = trigger.dealStageEntered;
    const stageIds = snapshot.pipelines
      .filter((pipeline) => spec.pipeline === undefined || namesMatch(pipeline.pipeline_name, spec.pipeline))
      .flatMap((pipeline) => pipeline.stages.filter((stage) => namesMatch(stage.name, spec.stage)).map((stage) => stage.id));
    return [
      { fact: 'kind', operator: 'equal', value: 'deal' },
      { fact: 'record.attributes.deal_stage', operator: 'in', value: stageIds },
      { fact: 'record.attributes.stage_updated_at', operator: 'withinLastDays', value: lookbackDays },
    ];
  }
  if ('dateApproaching' in trigger) {
    const spec = trigger.dateApproaching;
    const days = Math.ceil((durationToMillis(spec.within) ?? 0) / DAY_MS);
    return [
      { fact: 'kind', operator: 'equal', value: spec.record },
      { fact: `record.attributes.${spec.field}`, operator: 'withinNextDays', value: days },
    ];
  }
  if ('attributeChanged' in trigger) {
    const spec = trigger.attributeChanged;
    return [
      { fact: 'kind', operator: 'equal', value: spec.record },
      { fact: `record.attributes.${spec.attribute}`, operator: 'notEqual', value: { fact: `previous.attributes.${spec.attribute}` } },
    ];
  }
  if ('loyaltyEvent' in trigger) {
    const types = trigger.loyaltyEvent.event;
    return [
      { fact: 'kind', operator: 'equal', value: 'event' },
      { fact: 'record.type', operator: 'in', value: Array.isArray(types) ? types : [types] },
    ];
  }
  return [{ fact: 'kind', operator: 'equal', value: rule.recordKind }];
}

/**
 * Rewrite a condition for the naive facts. On a deal rule, `deal.amount`
 * becomes fact `record`, path `$.attributes.amount`, and
 * `company.loyalty_tier` reads the `company` fact. `event.data.to` reads the
 * event record, `$.data.to`.
 */
function toJsonPath(spec: ConditionSpec, rule: Rule): unknown {
  if ('all' in spec) return { all: spec.all.map((child) => toJsonPath(child, rule)) };
  if ('any' in spec) return { any: spec.any.map((child) => toJsonPath(child, rule)) };
  if ('not' in spec) return { not: toJsonPath(spec.not, rule) };
  const value = isFactValue(spec.value) ? jsonPathFact(spec.value.fact, rule) : spec.value;
  return { ...jsonPathFact(spec.fact, rule), operator: spec.operator, value };
}

function jsonPathFact(dotted: string, rule: Rule): { fact: string; path?: string } {
  const [root = '', ...rest] = dotted.split('.');
  if (rest.length === 0) return { fact: root };
  if (root === 'record' || root === 'previous') return { fact: root, path: `$.${rest.join('.')}` };
  if (root === 'event') return { fact: 'record', path: `$.${rest.join('.')}` };

  const kind = root as RecordKind;
  const [field = '', ...deeper] = rest;
  const attribute = [RAW_ATTRIBUTE[kind]?.[field] ?? field, ...deeper].join('.');
  const fact = kind === rule.recordKind ? 'record' : root;
  return { fact, path: `$.attributes.${attribute}` };
}

function isFactValue(value: unknown): value is { fact: string } {
  return typeof value === 'object' && value !== null && typeof (value as { fact?: unknown }).fact === 'string';
}
