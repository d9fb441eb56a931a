/**
 * The meaning pass: small checks over the schema-valid rules of all files.
 * Each check is named as the assertion it makes and appends its findings to
 * the shared diagnostics list.
 */
import { assigneesCanResolve } from './checks/assignees.js';
import { conditionValuesSuitOperators, negationsAvoidTypedOperators } from './checks/conditions.js';
import type { CheckContext, MeaningCheck, MeaningInput } from './checks/context.js';
import {
  loyaltyEventsAreKnown,
  loyaltyEventsAreNamed,
  ruleIdsAreUnique,
  stagesAndPipelinesExist,
  taskTypesAreKnown,
  triggerFieldsExist,
} from './checks/names.js';
import { rulesDoNotDuplicateTasks } from './checks/overlap.js';
import { conditionFactsAreKnown, dueFieldsBelongToRecord, templatesAreValid } from './checks/paths.js';
import { dueTimesAreConsistent, durationsAreValid, timesOfDayAreValid, timezonesAreValid } from './checks/time.js';

export const MEANING_CHECKS: readonly MeaningCheck[] = [
  ruleIdsAreUnique,
  taskTypesAreKnown,
  stagesAndPipelinesExist,
  loyaltyEventsAreNamed,
  loyaltyEventsAreKnown,
  triggerFieldsExist,
  timezonesAreValid,
  durationsAreValid,
  timesOfDayAreValid,
  dueTimesAreConsistent,
  dueFieldsBelongToRecord,
  conditionFactsAreKnown,
  conditionValuesSuitOperators,
  negationsAvoidTypedOperators,
  templatesAreValid,
  assigneesCanResolve,
  rulesDoNotDuplicateTasks,
];

export function runMeaningChecks(input: MeaningInput, context: CheckContext): void {
  for (const check of MEANING_CHECKS) check(input, context);
}
