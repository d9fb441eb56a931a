/**
 * Turn a firing into the exact body apply will send to POST /crm/tasks.
 * Every failure is a problem naming the rule and the record, never a throw.
 */
import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { Diagnostic } from '../types/diagnostics.js';
import type { TaskBody } from '../types/plan.js';
import type { LinkTarget } from '../types/rules.js';
import { computeDue } from '../time/due.js';
import { durationToMillis } from '../time/duration.js';
import type { AccountIndex, RecordView } from './account-index.js';
import { resolveAssignee, type AssigneeResolution } from './assignee.js';
import type { Firing } from './firing.js';
import { renderTemplate, type RenderOptions } from './template.js';

export interface RenderedTask {
  key: string;
  task: TaskBody & { taskType: string };
  notes: Diagnostic[];
}

export type RenderOutcome = { ok: true; value: RenderedTask } | { ok: false; problem: Diagnostic };

/** Idempotency key of one occurrence of one rule; also written into the task notes. */
export function idempotencyKey(ruleId: string, identity: string): string {
  return `fu-${createHash('sha256').update(`${ruleId}\n${identity}`).digest('hex').slice(0, 20)}`;
}

/** The marker that lets a later run find a task whose creation it could not confirm. */
export function keyMarker(key: string): string {
  return `[followup:${key}]`;
}

export function renderTask(firing: Firing, index: AccountIndex, now: DateTime): RenderOutcome {
  const { rule, facts } = firing;
  const fail = (code: string, params: Record<string, string | number>): RenderOutcome => ({
    ok: false,
    problem: { code, severity: 'warning', params, rule: rule.id, record: firing.record, position: rule.position },
  });

  const taskType = index.taskTypesByTitle.get(rule.task.type.toLowerCase());
  if (!taskType) return fail('TASK_TYPE_UNKNOWN', { type: rule.task.type });

  const due = computeDue(rule.task.due, firing.anchor, facts, rule.calendar, now);
  if (!due.ok) return fail(due.code, due.params);

  // Template dates (`localdate`) show in the rule's zone, like due dates.
  const renderOptions: RenderOptions = { timezone: rule.calendar.timezone };
  const render = (source: string) => renderTemplate(source, facts, rule.locale, renderOptions);
  let name: string;
  let notes: string;
  try {
    name = render(rule.task.name).trim();
    notes = rule.task.notes === undefined ? '' : render(rule.task.notes).trim();
  } catch (error) {
    return fail('TEMPLATE_RENDER_FAILED', { detail: (error as Error).message });
  }
  if (name === '') return fail('TASK_NAME_EMPTY', {});

  const resolution = resolveAssignee(rule.task.assignee, render);
  const assignee = resolution.assignee;
  if (!assignee) return fail('ASSIGNEE_UNRESOLVED', { chain: rule.task.assignee.join(' → ') });

  const key = idempotencyKey(rule.id, firing.occurrence.identity);
  const duration = rule.task.duration === undefined ? undefined : durationToMillis(rule.task.duration);
  const task: TaskBody & { taskType: string } = {
    name,
    taskTypeId: taskType.id,
    taskType: taskType.title,
    date: due.date.toUTC().toISO() ?? '',
    ...(duration != null ? { duration } : {}),
    notes: notes === '' ? keyMarker(key) : `${notes}\n\n${keyMarker(key)}`,
    done: rule.task.done ?? false,
    assignToId: assignee,
    ...linkedIds(rule.task.link ?? [], firing),
    ...(rule.reminder ? { reminder: rule.reminder } : {}),
  };

  const notesOut: Diagnostic[] = [];
  if (resolution.index > 0) notesOut.push(fallbackNote(resolution, firing));
  if (due.movedFrom) {
    notesOut.push({
      code: 'DUE_MOVED',
      severity: 'warning',
      params: { from: due.movedFrom.toISO() ?? '', to: due.date.toISO() ?? '' },
      rule: rule.id,
      record: firing.record,
    });
  }
  return { ok: true, value: { key, task, notes: notesOut } };
}

/** Say which assignee entries were passed over, so the plan shows why a fallback got the task. */
function fallbackNote(resolution: AssigneeResolution, firing: Firing): Diagnostic {
  return {
    code: 'ASSIGNEE_FALLBACK',
    severity: 'warning',
    params: {
      assignee: resolution.assignee ?? '',
      skipped: resolution.skipped.map((skip) => skip.entry).join(', '),
    },
    rule: firing.rule.id,
    record: firing.record,
  };
}

function linkedIds(targets: LinkTarget[], firing: Firing): Pick<TaskBody, 'dealsIds' | 'companiesIds' | 'contactsIds'> {
  const { facts, record } = firing;
  const own = facts[record.type] as RecordView;
  const pick = <T>(kind: 'deal' | 'company' | 'contact', plural: string, linked: T[]): T[] => {
    if (!targets.includes(kind as LinkTarget) && !targets.includes(plural as LinkTarget)) return [];
    if (record.type === kind) return [own.id as T];
    return targets.includes(plural as LinkTarget) ? linked : linked.slice(0, 1);
  };
  return {
    dealsIds: pick('deal', 'deals', idsOf(facts.deals)),
    companiesIds: pick('company', 'companies', idsOf(facts.companies)),
    contactsIds: pick('contact', 'contacts', idsOf(facts.contacts)),
  };
}

function idsOf<T>(views: unknown): T[] {
  return Array.isArray(views) ? views.map((view) => (view as RecordView).id as T) : [];
}
