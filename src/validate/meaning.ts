/**
 * The meaning pass: small checks over the schema-valid rules of all files.
 * Each check is named as the assertion it makes and appends its findings to
 * the shared diagnostics list.
 */
import type { CheckContext, MeaningCheck, MeaningInput } from './checks/context.js';
import { loyaltyEventsAreNamed, ruleIdsAreUnique, stagesAndPipelinesExist, taskTypesAreKnown } from './checks/names.js';
import { conditionFactsAreKnown, dueFieldsBelongToRecord, templatesAreValid } from './checks/paths.js';
import { durationsAreValid, timesOfDayAreValid, timezonesAreValid } from './checks/time.js';

export const MEANING_CHECKS: readonly MeaningCheck[] = [
  ruleIdsAreUnique,
  taskTypesAreKnown,
  stagesAndPipelinesExist,
  loyaltyEventsAreNamed,
  timezonesAreValid,
  durationsAreValid,
  timesOfDayAreValid,
  dueFieldsBelongToRecord,
  conditionFactsAreKnown,
  templatesAreValid,
];

export function runMeaningChecks(input: MeaningInput, context: CheckContext): void {
  for (const check of MEANING_CHECKS) check(input, context);
}
