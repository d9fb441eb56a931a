/**
 * ajv errors as diagnostics at the right YAML node: `required` points at the
 * object that lacks the key, an unknown key at the key itself, everything
 * else at the value. The combinators that produce several errors for one
 * mistake (trigger and due shapes, condition groups) collapse into one
 * diagnostic with a plain explanation.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { t, type Lang } from '../i18n/index.js';
import type { ParsedRuleFile } from '../load/rule-files.js';
import { positionOf, type PathSegment } from '../load/positions.js';
import type { Diagnostic } from '../types/diagnostics.js';
import { DURATION_PATTERN } from '../time/duration.js';
import { didYouMean } from './suggest.js';

const TRIGGER_PATH = /^\/rules\/\d+\/trigger$/;
const DUE_PATH = /^\/rules\/\d+\/task\/due$/;
const CONDITION_PATH = /^\/rules\/\d+\/conditions(\/(all|any)\/\d+|\/not)*$/;

/** Friendly texts for the schema's patterns, keyed by the pattern source. */
const PATTERN_MESSAGES: Record<string, string> = {
  [DURATION_PATTERN.source]: 'schema.durationPattern',
  '^\\d{1,2}:\\d{2}$': 'schema.timeOfDayPattern',
  '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_-]+)*$': 'schema.factPathPattern',
  '^[a-z0-9][a-z0-9-]*$': 'schema.ruleIdPattern',
};

interface SchemaProblem {
  segments: PathSegment[];
  /** Point at the key `segments` ends with instead of its value. */
  atKey: boolean;
  detail: string;
  didYouMean: string;
}

/** Convert ajv errors to one diagnostic per distinct mistake. `errors` may already carry German messages. */
export function schemaDiagnostics(errors: ErrorObject[], file: ParsedRuleFile, lang: Lang): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();

  for (const error of errors) {
    const problem = describeError(error, lang);
    if (!problem) continue;

    const path = problem.segments.join('/');
    const identity = `${path}\n${problem.detail}`;
    if (seen.has(identity)) continue;
    seen.add(identity);

    diagnostics.push({
      code: 'RULE_SCHEMA_INVALID',
      severity: 'error',
      params: { path: path || '/', detail: problem.detail, didYouMean: problem.didYouMean, keyword: error.keyword },
      position: positionOf(file, problem.segments, problem.atKey ? 'key' : 'value'),
      path,
      ...ruleOf(file, problem.segments),
    });
  }
  return diagnostics;
}

/** Returns undefined for errors that only repeat another one (`if` wrappers). */
function describeError(error: ErrorObject, lang: Lang): SchemaProblem | undefined {
  if (error.keyword === 'if') return undefined;

  const segments = pointerSegments(error.instancePath);
  const collapsed = collapsedMessageId(error);
  if (collapsed) return { segments, atKey: false, detail: t(lang, collapsed), didYouMean: '' };

  const message = error.message ?? error.keyword;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(params.additionalProperty ?? params.unevaluatedProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return { segments: [...segments, key], atKey: true, detail: `${message}: ${key}`, didYouMean: didYouMean(key, known, lang) };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const hint = typeof error.data === 'string' ? didYouMean(error.data, allowed, lang) : '';
      return { segments, atKey: false, detail: `${message}: ${allowed.join(', ')}`, didYouMean: hint };
    }
    case 'const':
      return { segments, atKey: false, detail: `${message}: ${JSON.stringify(params.allowedValue)}`, didYouMean: '' };
    default:
      return { segments, atKey: false, detail: message, didYouMean: '' };
  }
}

/** Return a catalog id that replaces ajv's wording for this error, if any. */
function collapsedMessageId(error: ErrorObject): string | undefined {
  const { instancePath: path, keyword, schemaPath } = error;
  const isCount = keyword === 'minProperties' || keyword === 'maxProperties';

  if (TRIGGER_PATH.test(path) && isCount) return 'schema.triggerShape';
  if (DUE_PATH.test(path)) {
    if (schemaPath.includes('/dependentSchemas/')) return 'schema.dueOffset';
    if (keyword === 'oneOf' || /\/oneOf\/\d+\/required$/.test(schemaPath)) return 'schema.dueShape';
  }
  if (CONDITION_PATH.test(path) && keyword === 'maxProperties') return 'schema.conditionGroup';
  if (CONDITION_PATH.test(path) && (keyword === 'minProperties' || (keyword === 'required' && isEmptyMap(error.data)))) {
    return 'schema.conditionEmpty';
  }
  if (keyword === 'pattern') return PATTERN_MESSAGES[String((error.params as { pattern?: unknown }).pattern)];
  return undefined;
}

function isEmptyMap(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/** Split a JSON Pointer (RFC 6901) into keys and array indexes. */
function pointerSegments(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function ruleOf(file: ParsedRuleFile, segments: PathSegment[]): { rule?: string } {
  if (segments[0] !== 'rules' || typeof segments[1] !== 'number') return {};
  const data = file.data;
  const rules = typeof data === 'object' && data !== null ? (data as { rules?: unknown }).rules : undefined;
  const id = Array.isArray(rules) ? (rules[segments[1]] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' ? { rule: id } : {};
}
