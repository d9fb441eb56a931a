/**
 * Meaning checks on names: rule ids, task types, pipelines and stages,
 * loyalty event types, and the record fields that triggers read.
 */
import type { Lang } from '../../i18n/index.js';
import { positionOf } from '../../load/positions.js';
import type { BrevoPipeline } from '../../types/records.js';
import type { PathSegment } from '../../load/positions.js';
import type { DealStageEnteredTrigger, LoyaltyEventTrigger } from '../../types/rules.js';
import { didYouMean } from '../suggest.js';
import { listForHint, reportRule, ruleSegments, sameName, validTextAt, warnRule, type CheckContext, type MeaningInput, type RuleEntry } from './context.js';
import { checkRecordAttribute } from './fact-paths.js';

/** Brevo's task types in a new account, used when no data directory is given. */
export const BREVO_DEFAULT_TASK_TYPES = ['Email', 'Call', 'Meeting', 'Todo', 'Lunch', 'Deadline', 'LinkedIn'] as const;

/** Check that every rule id appears once across all files. Each duplicate names the other place. */
export function ruleIdsAreUnique({ rules }: MeaningInput, context: CheckContext): void {
  const byId = new Map<string, RuleEntry[]>();
  for (const entry of rules) byId.set(entry.spec.id, [...(byId.get(entry.spec.id) ?? []), entry]);

  for (const [id, entries] of byId) {
    if (entries.length < 2) continue;
    for (const [index, entry] of entries.entries()) {
      const other = entries[index === 0 ? 1 : 0]!;
      const otherPosition = positionOf(other.file, ruleSegments(other, 'id'));
      reportRule(context, entry, 'RULE_ID_DUPLICATE', ruleSegments(entry, 'id'), {
        id,
        otherFile: otherPosition.file,
        otherLine: otherPosition.line,
        otherCol: otherPosition.col,
      });
    }
  }
}

/** Check that `task.type` names a task type of the account, ignoring case. */
export function taskTypesAreKnown({ rules }: MeaningInput, context: CheckContext): void {
  for (const entry of rules) {
    const type = validTextAt(entry, 'task', 'type');
    if (type === undefined || context.taskTypes.some((known) => sameName(known, type))) continue;
    reportRule(context, entry, 'TASK_TYPE_UNKNOWN', ruleSegments(entry, 'task', 'type'), unknownTaskTypeParams(type, context.taskTypes, context.lang));
  }
}

/**
 * Build the params of a `TASK_TYPE_UNKNOWN` diagnostic, whose catalog hint
 * reads `known` and `didYouMean`. Evaluation reports the same code.
 */
export function unknownTaskTypeParams(type: string, known: readonly string[], lang: Lang): Record<string, string> {
  return { type, known: listForHint(known), didYouMean: didYouMean(type, known, lang) };
}

/** Check that the stage, `from` stage and pipeline names of dealStageEntered exist, when pipelines are known. */
export function stagesAndPipelinesExist({ rules }: MeaningInput, context: CheckContext): void {
  const pipelines = context.pipelines;
  if (!pipelines) return;

  for (const entry of rules) {
    if (entry.triggerKind !== 'dealStageEntered') continue;
    const trigger = (entry.spec.trigger as DealStageEnteredTrigger).dealStageEntered;

    let scope: readonly BrevoPipeline[] = pipelines;
    if (trigger.pipeline !== undefined) {
      const named = pipelines.filter((pipeline) => sameName(pipeline.pipeline_name, trigger.pipeline!));
      if (named.length === 0) {
        reportPipelineUnknown(context, entry, trigger.pipeline, pipelines);
        continue;
      }
      scope = named;
    }

    for (const key of ['stage', 'from'] as const) {
      const stage = trigger[key];
      if (stage !== undefined) checkStageName(context, entry, key, stage, scope);
    }
    if (trigger.pipeline === undefined) warnStageInSeveralPipelines(context, entry, trigger.stage, pipelines);
  }
}

/** A stage name without a pipeline fires in every pipeline that has such a stage. */
function warnStageInSeveralPipelines(context: CheckContext, entry: RuleEntry, stage: string, pipelines: readonly BrevoPipeline[]): void {
  const holding = pipelines.filter((pipeline) => pipeline.stages.some((candidate) => sameName(candidate.name, stage)));
  if (holding.length < 2) return;
  const names = holding.map((pipeline) => `"${pipeline.pipeline_name}"`).join(', ');
  warnRule(context, entry, 'STAGE_IN_SEVERAL_PIPELINES', ruleSegments(entry, 'trigger', 'dealStageEntered', 'stage'), { stage, pipelines: names });
}

/** Check that loyaltyEvent names at least one event type. */
export function loyaltyEventsAreNamed({ rules }: MeaningInput, context: CheckContext): void {
  for (const entry of rules) {
    if (entry.triggerKind !== 'loyaltyEvent') continue;
    const { event } = (entry.spec.trigger as LoyaltyEventTrigger).loyaltyEvent;
    const names = (Array.isArray(event) ? event : [event]).filter((name) => name.trim() !== '');
    if (names.length > 0) continue;
    reportRule(context, entry, 'LOYALTY_EVENT_EMPTY', ruleSegments(entry, 'trigger', 'loyaltyEvent', 'event'), {});
  }
}

/** Warn about loyalty event types that the events source has never delivered, when it has delivered some. */
export function loyaltyEventsAreKnown({ rules }: MeaningInput, context: CheckContext): void {
  const known = context.eventTypes;
  if (!known || known.length === 0) return;

  for (const entry of rules) {
    if (entry.triggerKind !== 'loyaltyEvent') continue;
    const { event } = (entry.spec.trigger as LoyaltyEventTrigger).loyaltyEvent;
    const base = ruleSegments(entry, 'trigger', 'loyaltyEvent', 'event');
    const names: [PathSegment[], string][] = Array.isArray(event) ? event.map((name, index) => [[...base, index], name]) : [[base, event]];
    for (const [segments, name] of names) {
      if (name.trim() === '' || known.includes(name)) continue;
      warnRule(context, entry, 'LOYALTY_EVENT_UNKNOWN', segments, { event: name, known: listForHint(known), didYouMean: didYouMean(name, known, context.lang) });
    }
  }
}

/** Warn about trigger fields (dateApproaching.field, attributeChanged.attribute, every.since) that no record has. */
export function triggerFieldsExist({ rules }: MeaningInput, context: CheckContext): void {
  const fields: [string, string][] = [['dateApproaching', 'field'], ['attributeChanged', 'attribute'], ['every', 'since']];
  for (const entry of rules) {
    for (const [kind, key] of fields) {
      const field = validTextAt(entry, 'trigger', kind, key);
      if (field === undefined) continue;
      const finding = checkRecordAttribute(entry.recordKind, field, `${entry.recordKind}.${field}`, context);
      if (finding) warnRule(context, entry, finding.code, ruleSegments(entry, 'trigger', kind, key), finding.params);
    }
  }
}

function reportPipelineUnknown(context: CheckContext, entry: RuleEntry, pipeline: string, pipelines: readonly BrevoPipeline[]): void {
  const names = pipelines.map((candidate) => candidate.pipeline_name);
  reportRule(context, entry, 'PIPELINE_UNKNOWN', ruleSegments(entry, 'trigger', 'dealStageEntered', 'pipeline'), {
    pipeline,
    known: listForHint(names),
    didYouMean: didYouMean(pipeline, names, context.lang),
  });
}

function checkStageName(context: CheckContext, entry: RuleEntry, key: 'stage' | 'from', stage: string, scope: readonly BrevoPipeline[]): void {
  const names = scope.flatMap((pipeline) => pipeline.stages.map((candidate) => candidate.name));
  if (names.some((name) => sameName(name, stage))) return;

  reportRule(context, entry, 'STAGE_UNKNOWN', ruleSegments(entry, 'trigger', 'dealStageEntered', key), {
    stage,
    pipelines: scope.map((pipeline) => `"${pipeline.pipeline_name}"`).join(', '),
    known: listForHint(names),
    didYouMean: didYouMean(stage, names, context.lang),
  });
}
