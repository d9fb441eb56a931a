/**
 * The apply report as text: one line per task sent, the problems met, why
 * the run stopped early if it did, then the totals.
 */
import { t, type Lang } from '../i18n/index.js';
import type { ApplyReport } from '../execute/apply.js';
import { formatDiagnostic } from './diagnostics.js';
import { renderRejected } from './outbox-text.js';
import { formatSeconds } from './pacing-text.js';

export function renderApplyText(report: ApplyReport, lang: Lang): string {
  const lines: string[] = [];
  for (const result of report.results) {
    const record = `${result.record.type} ${result.record.name ?? result.record.id}`;
    const detail = result.taskId ?? result.error ?? '';
    lines.push(`${t(lang, `apply.outcome.${result.outcome}`).padEnd(14)} ${result.name}  (${record})  ${detail}`);
  }
  if (report.problems.length > 0) {
    lines.push('', t(lang, 'plan.problems', { count: report.problems.length }));
    for (const problem of report.problems) lines.push(formatDiagnostic(problem, lang));
  }
  lines.push(...renderRejected(report.rejected, { lang }));
  const stop = stopMessage(report, lang);
  if (stop) lines.push('', stop);
  const { created, adopted, exists, skipped, failed, pending, requests } = report;
  lines.push('', t(lang, 'apply.summary', { created, adopted, exists, skipped, failed, pending, requests }));
  return lines.join('\n');
}

function stopMessage(report: ApplyReport, lang: Lang): string | null {
  if (!report.stopped) return null;
  if (report.stopped !== 'budget') return t(lang, `apply.stopped.${report.stopped}`, { detail: report.stopMessage ?? '' });
  const budget = report.budget ?? { kind: 'requests', limit: 0 };
  const limit = budget.kind === 'duration' ? formatSeconds(budget.limit / 1000) : budget.limit;
  if (budget.duringRead) return t(lang, `apply.stopped.${budget.kind}DuringRead`, { limit });
  if (budget.duringLockWait) return t(lang, 'apply.stopped.signalDuringLockWait');
  if (budget.kind === 'duration' && budget.wait) {
    return t(lang, `apply.stopped.durationWait.${budget.wait.cause}`, { limit, wait: formatSeconds(budget.wait.ms / 1000) });
  }
  return t(lang, `apply.stopped.${budget.kind}`, { limit });
}
