/**
 * The plan as a terminal table, followed by problems, adjusted due dates
 * and a summary.
 */
import Table from 'cli-table3';
import { DateTime } from 'luxon';
import { t, type Lang } from '../i18n/index.js';
import type { Plan, PlanItem } from '../types/plan.js';
import { formatDiagnostic } from './diagnostics.js';
import { describePacing } from './pacing-text.js';
import { describeNearMiss } from './near-misses.js';
import { renderOutboxSections } from './outbox-text.js';

export interface TextOptions {
  lang: Lang;
  /** Rule id → IANA zone, so due dates show in the rule's own time. */
  zones: Map<string, string>;
  color?: boolean;
}

const MAX_RECORD = 40;
const MAX_TASK = 44;

/** Box characters without lines between rows, so a long plan stays readable. */
export const COMPACT_ROWS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

export function renderPlanText(plan: Plan, options: TextOptions): string {
  const { lang } = options;
  const out: string[] = [t(lang, 'plan.heading', { now: formatDate(plan.now, 'UTC', lang) + ' UTC' })];
  if (plan.items.length === 0) {
    out.push(t(lang, 'plan.empty'));
  } else {
    out.push(renderTable(plan.items, options));
    const zones = [...new Set(plan.items.map((item) => zoneOf(item, options)))].sort();
    out.push(t(lang, 'plan.zones', { zones: zones.join(', ') }));
  }
  out.push(...renderOutboxSections(plan.outbox, options));
  if (plan.problems.length > 0) {
    out.push('', t(lang, 'plan.problems', { count: plan.problems.length }));
    for (const problem of plan.problems) out.push(formatDiagnostic(problem, lang));
  }
  if (plan.nearMisses.length > 0) {
    const total = plan.nearMisses.reduce((sum, group) => sum + group.count, 0);
    out.push('', t(lang, 'plan.nearMisses', { count: total }));
    for (const group of plan.nearMisses) out.push(describeNearMiss(group, lang));
  }
  const adjustments = plan.items.flatMap((item) => item.notes);
  if (adjustments.length > 0) {
    out.push('', t(lang, 'plan.adjustments', { count: adjustments.length }));
    for (const note of adjustments) out.push(formatDiagnostic(note, lang));
  }
  out.push('', t(lang, 'plan.summary', { ...plan.summary }));
  if (plan.pacing && plan.summary.requests > 0) out.push(describePacing(plan.pacing, lang));
  return out.join('\n');
}

function renderTable(items: PlanItem[], options: TextOptions): string {
  const { lang } = options;
  const head = ['action', 'rule', 'record', 'task', 'type', 'due', 'assignee'].map((column) => t(lang, `plan.column.${column}`));
  const table = new Table({
    head,
    chars: COMPACT_ROWS,
    style: { head: options.color ? ['cyan'] : [], border: options.color ? ['grey'] : [] },
  });
  for (const item of items) {
    table.push([
      t(lang, `plan.action.${item.action}`),
      item.rule,
      truncate(`${item.record.type} ${item.record.name ?? item.record.id}`, MAX_RECORD),
      truncate(item.task.name, MAX_TASK),
      item.task.taskType,
      formatDate(item.task.date, zoneOf(item, options), lang),
      item.task.assignToId,
    ]);
  }
  return table.toString();
}

function zoneOf(item: PlanItem, options: TextOptions): string {
  return options.zones.get(item.rule) ?? 'UTC';
}

/** Local wall time in `zone`: `2026-12-01 09:00` (en) or `01.12.2026 09:00` (de). */
export function formatDate(iso: string, zone: string, lang: Lang): string {
  const date = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return date.toFormat(lang === 'de' ? 'dd.MM.yyyy HH:mm' : 'yyyy-MM-dd HH:mm');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
