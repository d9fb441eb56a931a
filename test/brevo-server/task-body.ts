import type { ReminderSpec } from '../../src/types/rules.js';
import { parseZonedDateTime } from './dates.js';
import { ApiError, documentNotFound, invalidParameter, missingParameter } from './errors.js';
import { isContactId, isEmail, isHexId } from './ids.js';
import type { BrevoStore, TaskFields } from './store.js';

export interface TaskBodyRules {
  /** `reject` responds with 400 to a field Brevo does not define, and `ignore` drops it. */
  unknownFields: 'reject' | 'ignore';
  /** When true, a linked deal, company or contact missing from the seed is a 404. */
  checkLinks: boolean;
}

const TASK_FIELDS = new Set([
  'name', 'taskTypeId', 'date', 'duration', 'notes', 'done', 'assignToId',
  'contactsIds', 'dealsIds', 'companiesIds', 'reminder',
]);
const REQUIRED_ON_CREATE = ['name', 'taskTypeId', 'date'] as const;

// Fields of the simplified vendor shape that Brevo does not accept, with the real field name.
const REAL_NAME_HINTS: Record<string, string> = { taskType: 'taskTypeId', assignTo: 'assignToId' };

const REMINDER_UNITS = new Set(['minutes', 'hours', 'days', 'weeks']);
const REMINDER_TYPES = new Set(['email', 'push']);

/**
 * Validates a POST (`create`) or PATCH (`patch`) body for /crm/tasks and
 * returns the fields to store. `date` is stored in UTC and an assignee email
 * becomes the user id, which is what the task reads back with.
 */
export function readTaskBody(body: unknown, mode: 'create' | 'patch', store: BrevoStore, rules: TaskBodyRules): TaskFields {
  if (!isPlainObject(body)) throw invalidParameter('Request body must be a JSON object');
  checkUnknownFields(body, rules.unknownFields);
  if (mode === 'create') {
    for (const field of REQUIRED_ON_CREATE) {
      if (body[field] === undefined) throw missingParameter(`${field} is required`);
    }
  }

  const fields: TaskFields = {};
  const has = (field: string): boolean => body[field] !== undefined;

  if (has('name')) {
    if (typeof body.name !== 'string' || body.name.trim() === '') throw invalid('name', 'a non-empty string');
    fields.name = body.name;
  }
  if (has('taskTypeId')) {
    const exists = store.seed.taskTypes.some((type) => type.id === body.taskTypeId);
    if (typeof body.taskTypeId !== 'string' || !exists) {
      throw invalidParameter(`taskTypeId ${JSON.stringify(body.taskTypeId)} is not valid: use an id from GET /crm/tasktypes`);
    }
    fields.taskTypeId = body.taskTypeId;
  }
  if (has('date')) {
    const ms = parseZonedDateTime(body.date);
    if (ms === undefined) throw invalid('date', 'an ISO-8601 date-time with a zone, e.g. 2026-01-31T09:00:00.000Z');
    // NOTE: whether Brevo returns the date in UTC or with the offset sent is unverified; this server returns UTC.
    fields.date = new Date(ms).toISOString();
  }
  if (has('duration')) {
    if (!isNonNegativeInteger(body.duration)) throw invalid('duration', 'an integer number of milliseconds >= 0');
    fields.duration = body.duration;
  }
  if (has('notes')) {
    if (typeof body.notes !== 'string') throw invalid('notes', 'a string');
    fields.notes = body.notes;
  }
  if (has('done')) {
    if (typeof body.done !== 'boolean') throw invalid('done', 'a boolean');
    fields.done = body.done;
  }
  if (has('assignToId')) {
    if (!isHexId(body.assignToId) && !isEmail(body.assignToId)) throw invalid('assignToId', 'a 24-hex user id or an account email');
    fields.assignToId = store.userIdFor(body.assignToId);
  }
  if (has('contactsIds')) fields.contactsIds = readIdArray(body.contactsIds, 'contactsIds', isContactId, 'positive integers');
  if (has('dealsIds')) fields.dealsIds = readIdArray(body.dealsIds, 'dealsIds', isHexId, '24-hex ids');
  if (has('companiesIds')) fields.companiesIds = readIdArray(body.companiesIds, 'companiesIds', isHexId, '24-hex ids');
  if (has('reminder')) fields.reminder = readReminder(body.reminder, rules.unknownFields);

  if (rules.checkLinks) checkLinksExist(fields, store);
  return fields;
}

function checkUnknownFields(body: Record<string, unknown>, unknownFields: TaskBodyRules['unknownFields']): void {
  for (const field of Object.keys(body)) {
    if (TASK_FIELDS.has(field)) continue;
    // Ignored fields are never copied into the stored task.
    if (unknownFields === 'ignore') continue;
    const hint = REAL_NAME_HINTS[field];
    const suffix = hint ? `: use "${hint}"` : '';
    throw invalidParameter(`Field "${field}" is not a valid task field${suffix}`);
  }
}

function readReminder(value: unknown, unknownFields: TaskBodyRules['unknownFields']): ReminderSpec {
  const expected = 'an object {value, unit, types} with unit minutes|hours|days|weeks and types a non-empty list of email|push';
  if (!isPlainObject(value)) throw invalid('reminder', expected);
  const extra = Object.keys(value).find((key) => !['value', 'unit', 'types'].includes(key));
  if (extra !== undefined && unknownFields === 'reject') throw invalidParameter(`Field "reminder.${extra}" is not a valid reminder field`);
  if (value.value === undefined) throw missingParameter('reminder.value is required');
  if (value.unit === undefined) throw missingParameter('reminder.unit is required');
  if (value.types === undefined) throw missingParameter('reminder.types is required');
  if (!isNonNegativeInteger(value.value)) throw invalid('reminder.value', 'an integer >= 0');
  if (typeof value.unit !== 'string' || !REMINDER_UNITS.has(value.unit)) throw invalid('reminder.unit', 'minutes, hours, days or weeks');
  const types = value.types;
  const typesValid = Array.isArray(types) && types.length > 0 && types.every((type) => REMINDER_TYPES.has(type as string));
  if (!typesValid) throw invalid('reminder.types', 'a non-empty list of "email" and "push"');
  return { value: value.value, unit: value.unit as ReminderSpec['unit'], types: [...types] as ReminderSpec['types'] };
}

function readIdArray<T>(value: unknown, field: string, isValid: (item: unknown) => item is T, description: string): T[] {
  if (!Array.isArray(value) || !value.every(isValid)) throw invalid(field, `a list of ${description}`);
  return [...value];
}

function checkLinksExist(fields: TaskFields, store: BrevoStore): void {
  const { deals, companies, contacts } = store.seed;
  const missing =
    fields.dealsIds?.some((id) => !deals.some((deal) => deal.id === id)) ||
    fields.companiesIds?.some((id) => !companies.some((company) => company.id === id)) ||
    fields.contactsIds?.some((id) => !contacts.some((contact) => contact.id === id));
  if (missing) throw documentNotFound();
}

function invalid(field: string, expected: string): ApiError {
  return invalidParameter(`${field} is invalid: expected ${expected}`);
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
