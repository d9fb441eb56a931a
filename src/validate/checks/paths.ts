/**
 * Meaning checks on the data a rule reads: condition facts (also those in a
 * `value: { fact }`), the `due.on` field and the variables of templates must
 * start with a name the rule's trigger provides (see evaluate/fact-roots.ts),
 * must never walk into `__proto__`, `constructor` or `prototype`, and must
 * be able to read something below their root (see fact-paths.ts).
 */
import { isScalar } from 'yaml';
import { analyzeTemplate, TemplateSyntaxError } from '../../evaluate/template.js';
import { isFactReference } from '../../evaluate/fact-reference.js';
import { factRoots } from '../../evaluate/fact-roots.js';
import { nodeAt, positionAt, positionOf, type PathSegment } from '../../load/positions.js';
import type { SourcePosition } from '../../types/diagnostics.js';
import type { ConditionSpec } from '../../types/rules.js';
import { didYouMean } from '../suggest.js';
import { listForHint, reportRule, ruleSegments, validAt, validTextAt, warnRule, type CheckContext, type MeaningInput, type RuleEntry } from './context.js';
import { checkPathBelowRoot, type PathFinding, type PathReader } from './fact-paths.js';

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/** Check that every condition leaf reads a fact under one of the rule's roots. */
export function conditionFactsAreKnown({ rules }: MeaningInput, context: CheckContext): void {
  for (const entry of rules) {
    const conditions = validAt(entry, 'conditions') as ConditionSpec | undefined;
    if (conditions === undefined) continue;
    const roots = factRoots(entry.triggerKind, entry.recordKind);

    for (const { fact, segments: factSegments } of conditionFacts(conditions, ruleSegments(entry, 'conditions'))) {
      if (reportForbiddenSegment(context, entry, fact, fact.split('.'), factSegments, 'conditions')) continue;

      const root = fact.split('.')[0] ?? '';
      if (roots.includes(root)) {
        reportPathFinding(context, entry, fact.split('.'), 'condition', factSegments);
        continue;
      }
      reportRule(context, entry, 'CONDITION_FACT_UNKNOWN', factSegments, {
        fact,
        allowed: listForHint(roots),
        didYouMean: didYouMean(root, roots, context.lang),
      });
    }
  }
}

/** Check that `due.on` reads a field of the rule's own record (or of the event, for loyalty rules). */
export function dueFieldsBelongToRecord({ rules }: MeaningInput, context: CheckContext): void {
  for (const entry of rules) {
    const field = validTextAt(entry, 'task', 'due', 'on');
    if (field === undefined) continue;

    const segments = ruleSegments(entry, 'task', 'due', 'on');
    if (reportForbiddenSegment(context, entry, field, field.split('.'), segments, 'due.on')) continue;

    const allowed = entry.triggerKind === 'loyaltyEvent' ? [entry.recordKind, 'event'] : [entry.recordKind];
    const [root, ...rest] = field.split('.');
    if (allowed.includes(root ?? '') && rest.length > 0) {
      reportPathFinding(context, entry, field.split('.'), 'condition', segments);
      continue;
    }
    reportRule(context, entry, 'DUE_FIELD_WRONG_RECORD', segments, {
      field,
      record: entry.recordKind,
      allowed: allowed.map((name) => `${name}.`).join(', '),
    });
  }
}

/** Check that templates parse and read only variables under the rule's roots. */
export function templatesAreValid({ rules }: MeaningInput, context: CheckContext): void {
  for (const entry of rules) {
    const roots = factRoots(entry.triggerKind, entry.recordKind);
    for (const [segments, source] of templateFields(entry)) {
      checkTemplate(context, entry, segments, source, roots);
    }
  }
}

function checkTemplate(context: CheckContext, entry: RuleEntry, segments: PathSegment[], source: string, roots: string[]): void {
  const field = segments.slice(2).join('.');
  let variables;
  try {
    variables = analyzeTemplate(source);
  } catch (error) {
    const offset = error instanceof TemplateSyntaxError ? error.offset : undefined;
    const detail = error instanceof Error ? error.message : String(error);
    reportRule(context, entry, 'TEMPLATE_SYNTAX', segments, { field, detail }, templatePosition(entry, segments, offset));
    return;
  }

  for (const variable of variables) {
    const name = variable.segments.join('.');
    const position = templatePosition(entry, segments, variable.offset);
    if (reportForbiddenSegment(context, entry, name, variable.segments, segments, field, position)) continue;

    const root = variable.segments[0] ?? '';
    if (!variable.global) continue;
    if (roots.includes(root)) {
      reportPathFinding(context, entry, variable.segments, 'template', segments, position);
      continue;
    }
    reportRule(context, entry, 'TEMPLATE_VARIABLE_UNKNOWN', segments, {
      variable: name,
      field,
      allowed: listForHint(roots),
      didYouMean: didYouMean(root, roots, context.lang),
    }, position);
  }
}

/** Report a path that reaches into the prototype chain; returns true when it did. */
function reportForbiddenSegment(
  context: CheckContext,
  entry: RuleEntry,
  name: string,
  pathParts: string[],
  segments: PathSegment[],
  field: string,
  position?: SourcePosition,
): boolean {
  const segment = pathParts.find((part) => FORBIDDEN_SEGMENTS.has(part));
  if (segment === undefined) return false;
  reportRule(context, entry, 'TEMPLATE_PROTOTYPE_ACCESS', segments, { variable: name, field, segment }, position);
  return true;
}

function templateFields(entry: RuleEntry): [PathSegment[], string][] {
  const fields: [PathSegment[], string][] = [];
  for (const key of ['name', 'notes']) {
    const value = validTextAt(entry, 'task', key);
    if (value !== undefined) fields.push([ruleSegments(entry, 'task', key), value]);
  }

  const assignee = validAt(entry, 'task', 'assignee');
  if (typeof assignee === 'string') fields.push([ruleSegments(entry, 'task', 'assignee'), assignee]);
  if (Array.isArray(assignee)) {
    assignee.forEach((value: string, index) => fields.push([ruleSegments(entry, 'task', 'assignee', index), value]));
  }
  return fields;
}

/** Report what {@link checkPathBelowRoot} finds, as an error or a warning. */
function reportPathFinding(
  context: CheckContext,
  entry: RuleEntry,
  pathParts: readonly string[],
  reader: PathReader,
  segments: PathSegment[],
  position?: SourcePosition,
): void {
  const finding: PathFinding | undefined = checkPathBelowRoot(pathParts, reader, context);
  if (!finding) return;
  const report = finding.severity === 'error' ? reportRule : warnRule;
  report(context, entry, finding.code, segments, finding.params, position);
}

/** Every fact path a condition tree reads, with the segments of its YAML node. */
function* conditionFacts(condition: ConditionSpec, segments: PathSegment[]): Generator<{ fact: string; segments: PathSegment[] }> {
  for (const { leaf, segments: leafSegments } of conditionLeaves(condition, segments)) {
    yield { fact: leaf.fact, segments: [...leafSegments, 'fact'] };
    if (isFactReference(leaf.value)) yield { fact: leaf.value.fact, segments: [...leafSegments, 'value', 'fact'] };
  }
}

export type ConditionLeaf = Extract<ConditionSpec, { fact: string }>;

/** Every leaf of a condition tree, with the segments of its YAML node. */
export function* conditionLeaves(condition: ConditionSpec, segments: PathSegment[]): Generator<{ leaf: ConditionLeaf; segments: PathSegment[] }> {
  if ('all' in condition) {
    for (const [index, child] of condition.all.entries()) yield* conditionLeaves(child, [...segments, 'all', index]);
  } else if ('any' in condition) {
    for (const [index, child] of condition.any.entries()) yield* conditionLeaves(child, [...segments, 'any', index]);
  } else if ('not' in condition) {
    yield* conditionLeaves(condition.not, [...segments, 'not']);
  } else {
    yield { leaf: condition, segments };
  }
}

/**
 * Find the position of `offset` inside a template scalar. It is column-exact
 * for single-line plain and quoted scalars without escapes. Other scalars
 * (block scalars, folded lines, escapes) give the scalar's own start.
 */
function templatePosition(entry: RuleEntry, segments: PathSegment[], offset: number | undefined): SourcePosition {
  const node = nodeAt(entry.file.document, segments);
  const start = node?.range?.[0];
  if (offset === undefined || !isScalar(node) || start === undefined || typeof node.value !== 'string') {
    return positionOf(entry.file, segments);
  }

  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  if (!quoted && node.type !== 'PLAIN') return positionOf(entry.file, segments);

  const raw = entry.file.text.slice(start, node.range![1]);
  const body = quoted ? raw.slice(1, -1) : raw;
  if (body !== node.value) return positionOf(entry.file, segments);
  return positionAt(entry.file, start + (quoted ? 1 : 0) + offset);
}
