/**
 * Shape checks on records from any source. A record that fails is dropped
 * with a problem naming it; the rest of the account goes on.
 */
import type { Diagnostic, RecordKind } from '../types/diagnostics.js';

const HEX_ID = /^[0-9a-f]{24}$/;

interface RawRecord {
  id?: unknown;
  attributes?: unknown;
}

export function keepValidRecords<T>(kind: RecordKind, records: T[], problems: Diagnostic[]): T[] {
  const valid: T[] = [];
  for (const record of records) {
    const field = findInvalidField(kind, record as RawRecord);
    if (field === null) {
      valid.push(record);
      continue;
    }
    const id = (record as RawRecord | null)?.id;
    problems.push({
      code: 'RECORD_INVALID',
      severity: 'warning',
      params: { kind, id: String(id ?? '?'), field },
      record: { type: kind, id: String(id ?? '?') },
    });
  }
  return valid;
}

/** The first field in the wrong shape: contact ids are integers, others 24-digit hex. */
function findInvalidField(kind: RecordKind, record: RawRecord | null): string | null {
  if (record === null || typeof record !== 'object') return '(record)';
  const idValid = kind === 'contact' ? Number.isInteger(record.id) : typeof record.id === 'string' && HEX_ID.test(record.id);
  if (!idValid) return 'id';
  if (record.attributes === null || typeof record.attributes !== 'object' || Array.isArray(record.attributes)) {
    return 'attributes';
  }
  return null;
}
