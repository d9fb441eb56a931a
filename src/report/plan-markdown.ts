/**
 * The plan as Markdown for a pull-request comment: summary first, then the
 * tasks, problems and near misses, with long sections folded.
 */
import { hasMessage, t, type Lang } from '../i18n/index.js';
import type { Diagnostic } from '../types/diagnostics.js';
import type { Plan } from '../types/plan.js';
import { diagnosticMessage } from './diagnostics.js';
import { describeNearMiss } from './near-misses.js';
import { describePacing } from './pacing-text.js';
import { formatDate } from './plan-text.js';
import { splitOutbox } from '../plan/outbox-items.js';

export interface MarkdownOptions {
  lang: Lang;
  zones: Map<string, string>;
}

export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions): string {
  const { lang } = options;
  const out: string[] = [`### ${t(lang, 'plan.heading', { now: `${formatDate(plan.now, 'UTC', lang)} UTC` })}`, '', t(lang, 'plan.summary', { ...plan.summary })];
  if (plan.pacing && plan.summary.requests > 0) out.push(describePacing(plan.pacing, lang));

  if (plan.items.length > 0) {
    const columns = ['action', 'rule', 'record', 'task', 'type', 'due', 'assignee'].map((column) => t(lang, `plan.column.${column}`));
    out.push('', `| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`);
    for (const item of plan.items) {
      const cells = [
        t(lang, `plan.action.${item.action}`),
        `\`${item.rule}\``,
        `${item.record.type} ${item.record.name ?? item.record.id}`,
        item.task.name,
        item.task.taskType,
        formatDate(item.task.date, options.zones.get(item.rule) ?? 'UTC', lang),
        item.task.assignToId,
      ];
      out.push(`| ${cells.map(escapeCell).join(' | ')} |`);
    }
  }
  out.push(...outboxMarkdown(plan, options));
  if (plan.problems.length > 0) {
    out.push('', `<details><summary>${t(lang, 'plan.problems', { count: plan.problems.length })}</summary>`, '');
    for (const problem of plan.problems) out.push(describeProblem(problem, lang));
    out.push('', '</details>');
  }
  const notes = plan.items.flatMap((item) => item.notes);
  if (notes.length > 0) {
    out.push('', `<details><summary>${t(lang, 'plan.adjustments', { count: notes.length })}</summary>`, '');
    for (const note of notes) out.push(describeProblem(note, lang));
    out.push('', '</details>');
  }
  if (plan.nearMisses.length > 0) {
    const total = plan.nearMisses.reduce((sum, group) => sum + group.count, 0);
    out.push('', `<details><summary>${t(lang, 'plan.nearMisses', { count: total })}</summary>`, '');
    for (const group of plan.nearMisses) out.push(`- ${escapeInline(describeNearMiss(group, lang))}`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}

/** Tasks earlier runs left in the outbox, as a list: on their way, then rejected. */
function outboxMarkdown(plan: Plan, options: MarkdownOptions): string[] {
  const { lang } = options;
  const out: string[] = [];
  const { waiting, rejected } = splitOutbox(plan.outbox);
  if (waiting.length > 0) {
    out.push('', t(lang, 'outbox.waiting', { count: waiting.length }), '');
    for (const item of waiting) {
      const due = formatDate(item.date, options.zones.get(item.rule) ?? 'UTC', lang);
      out.push(`- ${t(lang, `outbox.status.${item.status}`)}: \`${item.rule}\` ${escapeInline(`${item.record.type} ${item.record.name ?? item.record.id}: ${item.name}, ${due}`)}`);
    }
  }
  if (rejected.length > 0) {
    out.push('', escapeInline(t(lang, 'outbox.rejected', { count: rejected.length })), '');
    for (const item of rejected) {
      out.push(`- \`${item.key}\` \`${item.rule}\` ${escapeInline(`${item.record.type} ${item.record.name ?? item.record.id}: ${item.name}: ${item.lastError ?? ''}`)}`);
    }
  }
  return out;
}

/** Render one list line: code, message, the record it concerns, and the hint when there is one. */
function describeProblem(problem: Diagnostic, lang: Lang): string {
  const record = problem.record ? ` (${problem.record.type} ${problem.record.name ?? problem.record.id})` : '';
  const hintId = `${problem.code}.hint`;
  const hint = hasMessage(hintId) ? ` ${t(lang, 'hint.prefix')} ${t(lang, hintId, problem.params)}` : '';
  return `- \`${problem.code}\` ${escapeInline(diagnosticMessage(problem, lang) + record + hint)}`;
}

function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function escapeInline(text: string): string {
  return text.replace(/[<>]/g, (char) => (char === '<' ? '&lt;' : '&gt;'));
}
