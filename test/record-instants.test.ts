import { describe, expect, it } from 'vitest';
import { readIsoInstant, readRecordInstant } from '../src/evaluate/record-instants.js';
import { parseRecordDate } from '../src/evaluate/triggers/dates.js';

const ZONE = 'Europe/Berlin';

/** Values a record may hold, valid and not, in the forms Brevo and people write. */
const VALUES = [
  '2026-12-01T07:00:00.000Z', '2026-12-01T07:00:00Z', '2026-12-01T07:00Z', '2026-12-01T08:00:00.5+01:00',
  '2026-03-29T01:30:00.000Z', '2026-10-25T00:59:59.999Z', '2026-12-01T07:00:00.000-05:30', '2024-02-29T12:00:00.000Z',
  '2026-02-29T12:00:00.000Z', '2026-02-30T10:00:00.000Z', '2026-04-31T10:00:00Z', '2026-12-01T24:00:00.000Z',
  '2026-12-01T23:60:00Z', '2026-13-01T10:00:00Z', '2026-12-01T10:00:00+15:00', '2026-12-01T10:00:00+0100',
  '2026-12-01T10:00:00', '2026-12-01 10:00:00Z', '0999-12-31T00:00:00.000Z', ' 2026-12-01T07:00:00.000Z ',
  '2026-12-01T07:00:00.000z', '2026-12-01', '2026-02-30', '2026-12-01T07:00:00.1234Z', 'not a date', '', 20261201, null,
];

describe('record instants', () => {
  for (const value of VALUES) {
    it(`reads ${JSON.stringify(value)} as parseRecordDate does`, () => {
      const expected = parseRecordDate(value, ZONE)?.toMillis() ?? null;
      expect(readRecordInstant(value, ZONE)).toBe(expected);
    });
  }

  it('reads every millisecond fraction as luxon does', () => {
    for (let fraction = 0; fraction < 1000; fraction += 7) {
      for (const digits of [String(fraction), String(fraction).padStart(3, '0')]) {
        const text = `2026-12-01T10:00:00.${digits}Z`;
        expect(readIsoInstant(text), text).toBe(parseRecordDate(text, ZONE)?.toMillis());
      }
    }
  });

  it('leaves texts it cannot read alone to parseRecordDate', () => {
    expect(readIsoInstant('2026-02-30T10:00:00.000Z')).toBeUndefined();
    expect(readIsoInstant('2026-12-01T10:00:00+0100')).toBeUndefined();
    expect(readIsoInstant('2026-12-01')).toBeUndefined();
  });
});
