/**
 * The plan as a terminal table, followed by problems and a summary.
 */
import Table from 'cli-table3';
import { DateTime } from 'luxon';
import { t, type Lang } from '../i18n/index.js';
import type { Plan, PlanItem } from '../types/plan.js';
import { formatDiagnostic } from './diagnostics.js';

export interface TextOptions {
  lang: Lang;
  /** Rule id → IANA zone, so due dates show in the rule's own time. */
  zones: Map<string, string>;
  color?: boolean;
}

export function renderPlanText(plan: Plan, options: TextOptions): string {
  const { lang } = options;
  const out: string[] = [t(lang, 'plan.heading', { now: formatDate(plan.now, 'UTC', lang) })];
  if (plan.items.length === 0) {
    out.push(t(lang, 'plan.empty'));
  } else {
    out.push(renderTable(plan.items, options));
  }
  if (plan.problems.length > 0) {
    out.push('', t(lang, 'plan.problems', { count: plan.problems.length }));
    for (const problem of plan.problems) out.push(formatDiagnostic(problem, lang));
  }
  const moved = plan.items.flatMap((item) => item.notes);
  if (moved.length > 0) {
    out.push('', t(lang, 'plan.adjustments', { count: moved.length }));
    for (const note of moved) out.push(formatDiagnostic(note, lang));
  }
  out.push('', t(lang, 'plan.summary', { ...plan.summary }));
  return out.join('\n');
}

function renderTable(items: PlanItem[], options: TextOptions): string {
  const { lang } = options;
  const head = ['action', 'rule', 'record', 'task', 'type', 'due', 'assignee'].map((column) => t(lang, `plan.column.${column}`));
  const table = new Table({ head, style: { head: options.color ? ['cyan'] : [], border: options.color ? ['grey'] : [] }, wordWrap: true });
  for (const item of items) {
    table.push([
      t(lang, `plan.action.${item.action}`),
      item.rule,
      `${item.record.type} ${item.record.name ?? item.record.id}`,
      truncate(item.task.name, 48),
      item.task.taskType,
      formatDate(item.task.date, options.zones.get(item.rule) ?? 'UTC', lang),
      item.task.assignToId,
    ]);
  }
  return table.toString();
}

export function formatDate(iso: string, zone: string, lang: Lang): string {
  const date = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  const pattern = lang === 'de' ? 'dd.MM.yyyy HH:mm' : 'yyyy-MM-dd HH:mm';
  return `${date.toFormat(pattern)} ${date.offsetNameShort ?? zone}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
