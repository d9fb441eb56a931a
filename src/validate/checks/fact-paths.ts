/**
 * Checks of the part of a fact path below its root (`deal.amount`,
 * `contacts.0.email`, `event.data.to`). Roots are checked by their callers;
 * these catch paths that can only ever read nothing:
 *
 * - a path below a single value (`now.year`),
 * - a field of a list without picking one record (`contacts.email`),
 * - a field that `rule` or `event` does not have,
 * - an attribute that no record of the data directory has (a warning only,
 *   because Brevo leaves out attributes that are empty on a record).
 */
import { FRIENDLY_FIELDS, LIST_ROOTS, RECORD_ROOTS, RULE_FIELDS, SCALAR_ROOTS } from '../../evaluate/fact-roots.js';
import type { RecordKind, Severity } from '../../types/diagnostics.js';
import { didYouMean } from '../suggest.js';
import { listForHint, type CheckContext } from './context.js';

/** One problem with a path; the caller attaches rule and position. */
export interface PathFinding {
  code: string;
  severity: Severity;
  params: Record<string, string>;
}

/**
 * Who reads the path. Conditions use the dotted resolver, which knows only
 * own properties and list indexes; Liquid templates also know `first`,
 * `last` and `size` on lists.
 */
export type PathReader = 'condition' | 'template';

const LIQUID_LIST_ACCESSORS = ['first', 'last', 'size'];

/** Check the segments below the root of a path whose root is already known to be allowed. */
export function checkPathBelowRoot(segments: readonly string[], reader: PathReader, context: CheckContext): PathFinding | undefined {
  const [root, ...rest] = segments;
  if (root === undefined || rest.length === 0) return undefined;
  const path = segments.join('.');

  if (SCALAR_ROOTS.includes(root)) return { code: 'FACT_PATH_BELOW_VALUE', severity: 'error', params: { path, root } };
  if (root === 'rule') return checkClosedField(path, root, rest[0]!, RULE_FIELDS, context);
  if (root === 'event') return checkClosedField(path, root, rest[0]!, FRIENDLY_FIELDS.event, context);

  const kind = RECORD_ROOTS[root];
  // `trigger` and `occurrence` have fields that depend on the trigger kind.
  if (kind === undefined) return undefined;
  if (!LIST_ROOTS.includes(root)) return checkRecordField(path, kind, rest, context);

  const [accessor, ...fieldSegments] = rest as [string, ...string[]];
  const picksOne = /^\d+$/.test(accessor) || (reader === 'template' && LIQUID_LIST_ACCESSORS.includes(accessor));
  if (!picksOne) {
    return { code: 'FACT_PATH_NEEDS_INDEX', severity: 'error', params: { path, root, example: `${root}.0.${accessor}` } };
  }
  return accessor === 'size' ? undefined : checkRecordField(path, kind, fieldSegments, context);
}

/**
 * Check a field name of a record kind against its friendly fields and the
 * attributes seen in the account. Without account data it accepts any name.
 */
export function checkRecordAttribute(kind: RecordKind, field: string, path: string, context: CheckContext): PathFinding | undefined {
  if (FRIENDLY_FIELDS[kind].includes(field)) return undefined;
  return checkRawAttribute(kind, field, path, context);
}

function checkRecordField(path: string, kind: RecordKind, segments: readonly string[], context: CheckContext): PathFinding | undefined {
  const [field, ...after] = segments;
  if (field === undefined) return undefined;
  if (field !== 'attributes') return checkRecordAttribute(kind, field, path, context);
  return after[0] === undefined ? undefined : checkRawAttribute(kind, after[0], path, context);
}

function checkRawAttribute(kind: RecordKind, field: string, path: string, context: CheckContext): PathFinding | undefined {
  const known = context.attributes?.[kind];
  if (known === undefined || known.includes(field)) return undefined;
  return {
    code: 'ATTRIBUTE_UNKNOWN',
    severity: 'warning',
    params: { path, field, record: kind, didYouMean: didYouMean(field, [...FRIENDLY_FIELDS[kind], ...known], context.lang) },
  };
}

function checkClosedField(path: string, root: string, field: string, fields: readonly string[], context: CheckContext): PathFinding | undefined {
  if (fields.includes(field)) return undefined;
  return {
    code: 'FACT_FIELD_UNKNOWN',
    severity: 'error',
    params: { path, root, field, known: listForHint(fields), didYouMean: didYouMean(field, fields, context.lang) },
  };
}
