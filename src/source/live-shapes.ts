/**
 * Shape checks on Brevo list responses. A response in the wrong shape is a
 * SourceError, because nothing in it can be trusted. One bad entry in a good
 * list is dropped with a RECORD_INVALID problem, and the rest goes on.
 */
import type { Diagnostic } from '../types/diagnostics.js';
import type { BrevoPipeline, BrevoTask, BrevoTaskType } from '../types/records.js';
import { SourceError } from './errors.js';

const HEX_ID = /^[0-9a-f]{24}$/;

/** Returns the array under `key` of a list body such as `{ items: [...] }`. */
export function listOf(body: unknown, key: string, path: string): unknown[] {
  const list = (body as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) throw new SourceError('SOURCE_BREVO_SHAPE', { path, expected: `{ "${key}": [...] }` });
  return list;
}

/** Returns a top-level array, as GET /crm/tasktypes and /crm/pipeline/details/all send it. */
export function arrayOf(body: unknown, path: string): unknown[] {
  if (!Array.isArray(body)) throw new SourceError('SOURCE_BREVO_SHAPE', { path, expected: '[...]' });
  return body;
}

export function validTaskTypes(items: unknown[], problems: Diagnostic[]): BrevoTaskType[] {
  return keep(items, 'task type', problems, (item) => {
    if (typeof item.id !== 'string' || item.id === '') return 'id';
    return typeof item.title === 'string' ? null : 'title';
  }) as unknown as BrevoTaskType[];
}

export function validPipelines(items: unknown[], problems: Diagnostic[]): BrevoPipeline[] {
  return keep(items, 'pipeline', problems, (item) => {
    if (typeof item.pipeline !== 'string') return 'pipeline';
    if (typeof item.pipeline_name !== 'string') return 'pipeline_name';
    const stagesValid =
      Array.isArray(item.stages) &&
      item.stages.every((stage: unknown) => typeof (stage as { id?: unknown })?.id === 'string' && typeof (stage as { name?: unknown })?.name === 'string');
    return stagesValid ? null : 'stages';
  }) as unknown as BrevoPipeline[];
}

/** Tasks need a 24-hex id; `notes` and `createdAt`, when present, must be strings. */
export function validTasks(items: unknown[], problems: Diagnostic[]): BrevoTask[] {
  return keep(items, 'task', problems, (item) => {
    if (typeof item.id !== 'string' || !HEX_ID.test(item.id)) return 'id';
    if (item.notes !== undefined && item.notes !== null && typeof item.notes !== 'string') return 'notes';
    if (item.createdAt !== undefined && typeof item.createdAt !== 'string') return 'createdAt';
    return null;
  }) as unknown as BrevoTask[];
}

function keep(
  items: unknown[],
  kind: string,
  problems: Diagnostic[],
  invalidField: (item: Record<string, unknown>) => string | null,
): Record<string, unknown>[] {
  const valid: Record<string, unknown>[] = [];
  for (const item of items) {
    const record = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : null;
    const field = record ? invalidField(record) : '(record)';
    if (record && field === null) {
      valid.push(record);
      continue;
    }
    problems.push({ code: 'RECORD_INVALID', severity: 'warning', params: { kind, id: String(record?.id ?? record?.pipeline ?? '?'), field: field ?? '?' } });
  }
  return valid;
}
