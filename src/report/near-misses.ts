/**
 * Near misses in plain words: "3 × deal-qualified-schedule-demo:
 * deal.amount is not at least 5000 (for example deal Acme: 1200)."
 */
import { hasMessage, t, type Lang } from '../i18n/index.js';
import type { NearMissSummary } from '../types/plan.js';

export function describeNearMiss(summary: NearMissSummary, lang: Lang): string {
  const example = summary.examples[0];
  const negated = summary.operator.startsWith('not ');
  const operator = negated ? summary.operator.slice(4) : summary.operator;
  const operatorId = `operator.${operator}`;
  const value = formatValue(summary.expected, lang);
  const condition = hasMessage(operatorId) ? t(lang, operatorId, { value }) : `${operator} ${value}`;
  return t(lang, negated ? 'plan.nearMissNegated' : 'plan.nearMiss', {
    count: summary.count,
    rule: summary.rule,
    fact: summary.fact,
    condition,
    example: example ? `${example.record.type} ${example.record.name ?? example.record.id}` : '-',
    actual: formatValue(example?.actual, lang),
  });
}

export function formatValue(value: unknown, lang: Lang): string {
  if (value === undefined || value === null) return t(lang, 'value.missing');
  if (typeof value === 'string') return `"${value}"`;
  return JSON.stringify(value);
}
