/**
 * Warn about two rules that would create the same task for the same
 * occurrence: their triggers can fire on the same occurrence, and their
 * tasks have the same type and the same name template. Each rule has its own
 * idempotency keys, so both tasks would be created. Conditions are not
 * compared, because proving that two condition trees exclude each other is
 * out of reach; the hint names them as the way out.
 */
import { positionOf } from '../../load/positions.js';
import { durationToMillis } from '../../time/duration.js';
import type { TriggerSpec } from '../../types/rules.js';
import { ruleSegments, sameName, validTextAt, warnRule, type CheckContext, type MeaningInput, type RuleEntry } from './context.js';

/** Check every pair of enabled rules for the same trigger occurrence and the same task. */
export function rulesDoNotDuplicateTasks({ rules }: MeaningInput, context: CheckContext): void {
  const candidates = rules.filter((entry) => entry.spec.enabled !== false && taskIdentity(entry) !== undefined);
  for (const [index, later] of candidates.entries()) {
    const earlier = candidates.slice(0, index).find((other) => sameTask(other, later) && triggersOverlap(other.spec.trigger, later.spec.trigger));
    if (!earlier) continue;

    const otherPosition = positionOf(earlier.file, ruleSegments(earlier, 'id'));
    warnRule(context, later, 'RULE_TASK_OVERLAP', ruleSegments(later, 'id'), {
      id: later.spec.id,
      otherId: earlier.spec.id,
      otherFile: otherPosition.file,
      otherLine: otherPosition.line,
      otherCol: otherPosition.col,
    });
  }
}

/** Type and name template of a rule's task, the name with blanks inside `{{ }}` normalised. */
function taskIdentity(entry: RuleEntry): { type: string; name: string } | undefined {
  const type = validTextAt(entry, 'task', 'type');
  const name = validTextAt(entry, 'task', 'name');
  if (type === undefined || name === undefined) return undefined;
  const normalisedName = name.trim().replace(/\{\{\s*/g, '{{ ').replace(/\s*\}\}/g, ' }}').replace(/\s+/g, ' ');
  return { type: type.trim().toLowerCase(), name: normalisedName };
}

function sameTask(a: RuleEntry, b: RuleEntry): boolean {
  const first = taskIdentity(a);
  const second = taskIdentity(b);
  return first !== undefined && second !== undefined && first.type === second.type && first.name === second.name;
}

/** Check whether one occurrence can fire both triggers. A missing optional key matches anything. */
export function triggersOverlap(a: TriggerSpec, b: TriggerSpec): boolean {
  if ('dealStageEntered' in a && 'dealStageEntered' in b) {
    const [x, y] = [a.dealStageEntered, b.dealStageEntered];
    return sameName(x.stage, y.stage) && optionalNamesMatch(x.pipeline, y.pipeline) && optionalNamesMatch(x.from, y.from);
  }
  if ('dateApproaching' in a && 'dateApproaching' in b) {
    return a.dateApproaching.record === b.dateApproaching.record && a.dateApproaching.field === b.dateApproaching.field;
  }
  if ('attributeChanged' in a && 'attributeChanged' in b) {
    const [x, y] = [a.attributeChanged, b.attributeChanged];
    return x.record === y.record && x.attribute === y.attribute && optionalValuesMatch(x.from, y.from) && optionalValuesMatch(x.to, y.to);
  }
  if ('loyaltyEvent' in a && 'loyaltyEvent' in b) {
    const types = new Set([a.loyaltyEvent.event].flat());
    return [b.loyaltyEvent.event].flat().some((type) => types.has(type));
  }
  if ('every' in a && 'every' in b) {
    const [x, y] = [a.every, b.every];
    return x.record === y.record && durationToMillis(x.interval) === durationToMillis(y.interval) && (x.since ?? '') === (y.since ?? '');
  }
  return false;
}

function optionalNamesMatch(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || sameName(a, b);
}

function optionalValuesMatch(a: unknown, b: unknown): boolean {
  return a === undefined || b === undefined || JSON.stringify(a) === JSON.stringify(b);
}
