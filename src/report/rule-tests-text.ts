/**
 * Rule test results for people: PASS/FAIL per test, then for each failure
 * what differs, in words, with expected and actual side by side.
 */
import { DateTime } from 'luxon';
import { t, type Lang } from '../i18n/index.js';
import type { Difference, MissReason, RuleTestResult } from '../ruletest/types.js';
import type { RecordRef } from '../types/diagnostics.js';
import { diagnosticMessage, formatDiagnostic, formatPosition } from './diagnostics.js';
import { formatValue } from './near-misses.js';

export function renderRuleTests(results: RuleTestResult[], lang: Lang): string {
  const lines: string[] = [];
  for (const result of results) {
    const status = t(lang, result.passed ? 'ruletest.pass' : 'ruletest.fail');
    lines.push(`${status}  ${result.name}  (${formatPosition(result.position)})`);
    for (const error of result.errors) lines.push(indent(formatDiagnostic(error, lang), 6));
    for (const difference of result.differences) lines.push(...describeDifference(difference, lang).map((line) => indent(line, 6)));
  }
  const passed = results.filter((result) => result.passed).length;
  lines.push('', t(lang, 'ruletest.summary', { passed, failed: results.length - passed }));
  return lines.join('\n');
}

function describeDifference(difference: Difference, lang: Lang): string[] {
  const record = describeRecord(difference.record);
  switch (difference.kind) {
    case 'missing':
      return [t(lang, 'ruletest.missing', { rule: difference.rule, record }), ...difference.reasons.map((reason) => `  ${describeReason(reason, lang)}`)];
    case 'unexpected':
      return [t(lang, 'ruletest.unexpected', { rule: difference.rule, record, name: difference.name })];
    case 'field':
      return [
        t(lang, 'ruletest.field', {
          rule: difference.rule,
          record,
          field: difference.field,
          expected: formatFieldValue(difference.field, difference.expected, difference.expected, lang),
          actual: formatFieldValue(difference.field, difference.actual, difference.expected, lang),
        }),
      ];
  }
}

function describeReason(reason: MissReason, lang: Lang): string {
  if (reason.kind === 'problem') return t(lang, 'ruletest.reason.problem', { detail: diagnosticMessage(reason.problem, lang) });
  const { fact, operator, expected, actual } = reason.failed;
  return t(lang, 'ruletest.reason.condition', { fact, operator, expected: formatValue(expected, lang), actual: formatValue(actual, lang) });
}

/** Dates show in the offset the test author wrote, so both sides read alike. */
function formatFieldValue(field: string, value: unknown, expected: unknown, lang: Lang): string {
  if (field === 'date' && typeof value === 'string' && typeof expected === 'string') {
    const zone = DateTime.fromISO(expected, { setZone: true }).zone;
    const date = DateTime.fromISO(value, { setZone: true });
    if (date.isValid) return date.setZone(zone).toISO({ suppressMilliseconds: true }) ?? value;
  }
  return formatValue(value, lang);
}

function describeRecord(record: RecordRef): string {
  return record.name ? `${record.type} ${record.id} "${record.name}"` : `${record.type} ${record.id}`;
}

function indent(text: string, width: number): string {
  const pad = ' '.repeat(width);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}
