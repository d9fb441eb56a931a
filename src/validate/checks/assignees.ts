/**
 * Meaning checks on the assignee chain. An entry without template markup is
 * fixed: it resolves the same way for every record, so it must be a user id
 * or an email, and entries after it can never be reached. Template entries
 * are checked with the other templates (paths.ts).
 */
import { isFixedEntry, isUserReference } from '../../evaluate/assignee.js';
import type { PathSegment } from '../../load/positions.js';
import { reportRule, ruleSegments, validAt, warnRule, type CheckContext, type MeaningInput, type RuleEntry } from './context.js';

/** Check fixed entries: a user id or an email, and the last entry of the chain. */
export function assigneesCanResolve({ rules }: MeaningInput, context: CheckContext): void {
  for (const entry of rules) {
    let fixed: string | undefined;
    for (const [segments, value] of assigneeEntries(entry)) {
      if (fixed !== undefined) {
        warnRule(context, entry, 'ASSIGNEE_UNREACHABLE', segments, { value, fixed });
        continue;
      }
      if (!isFixedEntry(value)) continue;

      const trimmed = value.trim();
      if (isUserReference(trimmed)) fixed = trimmed;
      else reportRule(context, entry, 'ASSIGNEE_INVALID', segments, { value });
    }
  }
}

function assigneeEntries(entry: RuleEntry): [PathSegment[], string][] {
  const assignee = validAt(entry, 'task', 'assignee');
  if (typeof assignee === 'string') return [[ruleSegments(entry, 'task', 'assignee'), assignee]];
  if (!Array.isArray(assignee)) return [];
  return assignee.map((value: string, index) => [ruleSegments(entry, 'task', 'assignee', index), value]);
}
