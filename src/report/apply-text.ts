/**
 * The apply report as text: one line per task sent, then the totals.
 */
import { t, type Lang } from '../i18n/index.js';
import type { ApplyReport } from '../execute/apply.js';

export function renderApplyText(report: ApplyReport, lang: Lang): string {
  const lines: string[] = [];
  for (const result of report.results) {
    const record = `${result.record.type} ${result.record.name ?? result.record.id}`;
    const detail = result.taskId ?? result.error ?? '';
    lines.push(`${t(lang, `apply.outcome.${result.outcome}`).padEnd(10)} ${result.name}  (${record})  ${detail}`);
  }
  if (report.stopped) lines.push('', t(lang, `apply.stopped.${report.stopped}`, { detail: report.stopMessage ?? '' }));
  const { created, adopted, exists, failed, pending, requests } = report;
  lines.push('', t(lang, 'apply.summary', { created, adopted, exists, failed, pending, requests }));
  return lines.join('\n');
}
