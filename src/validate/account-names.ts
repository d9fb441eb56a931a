/**
 * The names in an account that rule files refer to: task type titles,
 * pipelines with their stages, attribute names per record kind and loyalty
 * event types. `validate --data` and `plan` check rules against them.
 */
import type { RecordKind } from '../types/diagnostics.js';
import type { AccountSnapshot } from '../types/records.js';
import type { LoadOptions } from './index.js';

export type AccountNames = Pick<LoadOptions, 'taskTypes' | 'pipelines' | 'attributes' | 'eventTypes'>;

/**
 * Collect the names from a snapshot. A record kind without records gets no
 * attribute list, so its field names go unchecked rather than all flagged.
 */
export function accountNamesOf(snapshot: AccountSnapshot): AccountNames {
  const attributes: Partial<Record<RecordKind, string[]>> = {};
  const kinds: [RecordKind, { attributes: object }[]][] = [
    ['deal', snapshot.deals],
    ['company', snapshot.companies],
    ['contact', snapshot.contacts],
  ];
  for (const [kind, records] of kinds) {
    if (records.length > 0) attributes[kind] = attributeNames(records);
  }

  return {
    taskTypes: snapshot.taskTypes.map((type) => type.title),
    pipelines: snapshot.pipelines,
    attributes,
    eventTypes: [...new Set(snapshot.loyaltyEvents.map((event) => event.type))].sort(),
  };
}

function attributeNames(records: { attributes: object }[]): string[] {
  const names = new Set<string>();
  for (const record of records) {
    for (const name of Object.keys(record.attributes ?? {})) names.add(name);
  }
  return [...names].sort();
}
