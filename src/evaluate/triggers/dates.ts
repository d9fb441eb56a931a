import { DateTime } from 'luxon';

/**
 * Parse a record's date value. A plain `YYYY-MM-DD` is a calendar day in the
 * rule's time zone; anything with a time must carry an offset or `Z`.
 */
export function parseRecordDate(value: unknown, zone: string): DateTime | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = DateTime.fromISO(text, { zone });
    return day.isValid ? day : null;
  }
  const instant = DateTime.fromISO(text, { setZone: true });
  if (!instant.isValid) return null;
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) return null;
  return instant.setZone(zone);
}
