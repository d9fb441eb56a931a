/**
 * An explanation as text: one block per rule, saying whether it planned a
 * task for the record and, when not, the exact reason with both values.
 */
import { t, type Lang } from '../i18n/index.js';
import type { Explanation, RuleVerdict } from '../evaluate/explain.js';
import { diagnosticMessage } from './diagnostics.js';
import { formatValue } from './near-misses.js';
import { formatDate } from './plan-text.js';

export interface ExplainTextOptions {
  lang: Lang;
  zones: Map<string, string>;
}

const MARKS: Record<RuleVerdict['status'], string> = {
  planned: '✓',
  conditionFailed: '✗',
  problem: '!',
  notTriggered: '·',
  otherKind: '–',
};

export function renderExplanation(explanation: Explanation, options: ExplainTextOptions): string {
  const { record } = explanation;
  const lines = [`${record.type} ${record.id}${record.name ? ` "${record.name}"` : ''}`];
  const order = Object.keys(MARKS);
  const verdicts = [...explanation.verdicts].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  for (const verdict of verdicts) {
    lines.push(`  ${MARKS[verdict.status]} ${verdict.rule}: ${describeVerdict(verdict, options)}`);
  }
  return lines.join('\n');
}

function describeVerdict(verdict: RuleVerdict, options: ExplainTextOptions): string {
  const { lang } = options;
  switch (verdict.status) {
    case 'planned': {
      const { item } = verdict;
      const due = formatDate(item.task.date, options.zones.get(verdict.rule) ?? 'UTC', lang);
      return t(lang, `explain.planned.${item.action}`, { name: item.task.name, due, key: item.key });
    }
    case 'conditionFailed':
      return verdict.failed
        .map((failed) =>
          t(lang, 'explain.conditionFailed', {
            fact: failed.fact,
            operator: failed.operator,
            expected: formatValue(failed.expected, lang),
            actual: formatValue(failed.actual, lang),
          }),
        )
        .join('; ');
    case 'problem':
      return diagnosticMessage(verdict.problem, lang);
    case 'notTriggered':
      return t(lang, verdict.reason.id, verdict.reason.params);
    case 'otherKind':
      return t(lang, 'explain.otherKind', { kind: verdict.recordKind });
  }
}
