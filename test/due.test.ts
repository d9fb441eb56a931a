import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computeDue, nextWorkingSlot } from '../src/time/due.js';
import type { Calendar, DueSpec, Weekday } from '../src/types/rules.js';

const BERLIN: Calendar = {
  timezone: 'Europe/Berlin',
  workdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  holidays: ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01'],
};
const EVERY_DAY: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Tuesday 2026-12-01, 08:00 in Berlin. */
const NOW = '2026-12-01T07:00:00.000Z';

interface DueCase {
  name: string;
  due: DueSpec;
  /** Occurrence time, UTC. */
  anchor?: string;
  now?: string;
  facts?: Record<string, unknown>;
  calendar?: Partial<Calendar>;
  /** Expected due date, UTC. */
  expected: string;
  /** Expected original date when the due date was moved out of the past, UTC. */
  movedFrom?: string;
}

function due(testCase: DueCase) {
  const calendar = { ...BERLIN, ...testCase.calendar };
  const anchor = DateTime.fromISO(testCase.anchor ?? NOW, { zone: 'utc' });
  const now = DateTime.fromISO(testCase.now ?? NOW, { zone: 'utc' });
  return computeDue(testCase.due, anchor, testCase.facts ?? {}, calendar, now);
}

const utc = (date: DateTime) => date.toUTC().toISO();

const cases: DueCase[] = [
  // `in` calendar days
  { name: 'in days at a time of day', due: { in: '3 days', at: '10:00' }, expected: '2026-12-04T09:00:00.000Z' },
  { name: 'in days without a time uses 09:00', due: { in: '1 day' }, expected: '2026-12-02T08:00:00.000Z' },
  { name: 'in weeks', due: { in: '1 week', at: '10:00' }, expected: '2026-12-08T09:00:00.000Z' },
  { name: 'in days landing on Saturday moves to Monday', due: { in: '4 days', at: '10:00' }, expected: '2026-12-07T09:00:00.000Z' },
  {
    name: 'in days landing on a holiday moves past the holidays and the weekend',
    due: { in: '1 day', at: '09:00' },
    anchor: '2026-12-23T11:00:00.000Z',
    now: '2026-12-23T11:00:00.000Z',
    expected: '2026-12-28T08:00:00.000Z',
  },
  {
    name: 'in days counts from the occurrence, not the run',
    due: { in: '3 days', at: '10:00' },
    anchor: '2026-11-30T15:00:00.000Z',
    now: '2026-12-01T15:00:00.000Z',
    expected: '2026-12-03T09:00:00.000Z',
  },

  // `in` workdays
  {
    name: 'in workdays skips the weekend',
    due: { in: '2 workdays', at: '09:00' },
    anchor: '2026-12-04T11:00:00.000Z',
    now: '2026-12-04T11:00:00.000Z',
    expected: '2026-12-08T08:00:00.000Z',
  },
  {
    name: 'in workdays skips holidays',
    due: { in: '1 workday', at: '09:00' },
    anchor: '2026-12-23T11:00:00.000Z',
    now: '2026-12-23T11:00:00.000Z',
    expected: '2026-12-28T08:00:00.000Z',
  },
  {
    name: 'in workdays from a Saturday counts Monday as the first',
    due: { in: '1 workday', at: '09:00' },
    anchor: '2026-12-05T11:00:00.000Z',
    now: '2026-12-05T11:00:00.000Z',
    expected: '2026-12-07T08:00:00.000Z',
  },
  {
    name: 'in workdays follows a custom week',
    due: { in: '2 workdays', at: '09:00' },
    anchor: '2026-12-01T11:00:00.000Z',
    calendar: { workdays: ['mon', 'thu'] },
    expected: '2026-12-07T08:00:00.000Z',
  },

  // `in` hours and minutes
  { name: 'in hours is elapsed time', due: { in: '4h' }, expected: '2026-12-01T11:00:00.000Z' },
  { name: 'in minutes is elapsed time', due: { in: '90 minutes' }, expected: '2026-12-01T08:30:00.000Z' },
  {
    name: 'in hours ending on a weekend starts Monday at 09:00',
    due: { in: '10h' },
    anchor: '2026-12-04T16:00:00.000Z',
    now: '2026-12-04T16:00:00.000Z',
    expected: '2026-12-07T08:00:00.000Z',
  },

  // `on` a date attribute
  {
    name: 'on a date attribute at a time of day',
    due: { on: 'company.renewal_date', at: '11:00' },
    facts: { company: { renewal_date: '2026-12-10' } },
    expected: '2026-12-10T10:00:00.000Z',
  },
  {
    name: 'on with before',
    due: { on: 'company.renewal_date', before: '7 days', at: '09:00' },
    facts: { company: { renewal_date: '2026-12-17' } },
    expected: '2026-12-10T08:00:00.000Z',
  },
  {
    name: 'on with after',
    due: { on: 'deal.close_date', after: '1 day', at: '09:00' },
    facts: { deal: { close_date: '2026-12-09' } },
    expected: '2026-12-10T08:00:00.000Z',
  },
  {
    name: 'on with before in workdays',
    due: { on: 'company.renewal_date', before: '2 workdays', at: '09:00' },
    facts: { company: { renewal_date: '2026-12-07' } },
    expected: '2026-12-03T08:00:00.000Z',
  },
  {
    name: 'on a holiday moves back to the working day before',
    due: { on: 'company.renewal_date', at: '09:00' },
    facts: { company: { renewal_date: '2026-12-24' } },
    expected: '2026-12-23T08:00:00.000Z',
  },
  {
    name: 'on a Saturday moves back to Friday',
    due: { on: 'company.renewal_date', at: '09:00' },
    facts: { company: { renewal_date: '2026-12-12' } },
    expected: '2026-12-11T08:00:00.000Z',
  },
  {
    name: 'on a timestamp with an offset takes the rule time of day',
    due: { on: 'deal.close_at', at: '16:00' },
    facts: { deal: { close_at: '2026-12-10T07:30:00-05:00' } },
    expected: '2026-12-10T15:00:00.000Z',
  },
  {
    name: 'on reads the event of a loyalty rule',
    due: { on: 'event.data.expiresAt', before: '1 day', at: '09:00' },
    facts: { event: { data: { expiresAt: '2026-12-15' } } },
    expected: '2026-12-14T08:00:00.000Z',
  },

  // Due dates in the past
  {
    name: 'a past date moves to the next working slot today',
    due: { in: '1 day', at: '10:00' },
    anchor: '2026-11-25T10:00:00.000Z',
    expected: '2026-12-01T09:00:00.000Z',
    movedFrom: '2026-11-26T09:00:00.000Z',
  },
  {
    name: 'a past date moves to tomorrow when today slot has passed',
    due: { in: '1 day', at: '07:30' },
    anchor: '2026-11-25T10:00:00.000Z',
    expected: '2026-12-02T06:30:00.000Z',
    movedFrom: '2026-11-26T06:30:00.000Z',
  },
  {
    name: 'a past date on Friday evening moves to Monday',
    due: { on: 'company.renewal_date', at: '09:00' },
    facts: { company: { renewal_date: '2026-12-01' } },
    now: '2026-12-04T17:00:00.000Z',
    expected: '2026-12-07T08:00:00.000Z',
    movedFrom: '2026-12-01T08:00:00.000Z',
  },
  {
    name: 'a past date before the holidays moves past them',
    due: { on: 'company.renewal_date', at: '09:00' },
    facts: { company: { renewal_date: '2026-12-22' } },
    now: '2026-12-23T15:00:00.000Z',
    expected: '2026-12-28T08:00:00.000Z',
    movedFrom: '2026-12-22T08:00:00.000Z',
  },

  // Daylight-saving switches in Europe/Berlin: 2026-03-29 02:00 → 03:00, 2026-10-25 03:00 → 02:00
  {
    name: 'one day across the March switch keeps 09:00',
    due: { in: '1 day', at: '09:00' },
    anchor: '2026-03-28T12:00:00.000Z',
    now: '2026-03-28T12:00:00.000Z',
    calendar: { workdays: EVERY_DAY },
    expected: '2026-03-29T07:00:00.000Z',
  },
  {
    name: 'one day across the October switch keeps 09:00',
    due: { in: '1 day', at: '09:00' },
    anchor: '2026-10-24T12:00:00.000Z',
    now: '2026-10-24T12:00:00.000Z',
    calendar: { workdays: EVERY_DAY },
    expected: '2026-10-25T08:00:00.000Z',
  },
  {
    name: 'one workday across the March switch keeps 09:00',
    due: { in: '1 workday', at: '09:00' },
    anchor: '2026-03-27T12:00:00.000Z',
    now: '2026-03-27T12:00:00.000Z',
    expected: '2026-03-30T07:00:00.000Z',
  },
  {
    name: 'one workday across the October switch keeps 09:00',
    due: { in: '1 workday', at: '09:00' },
    anchor: '2026-10-23T12:00:00.000Z',
    now: '2026-10-23T12:00:00.000Z',
    expected: '2026-10-26T08:00:00.000Z',
  },
  {
    name: '24 hours across the March switch end an hour later on the clock',
    due: { in: '24h' },
    anchor: '2026-03-28T12:00:00.000Z',
    now: '2026-03-28T12:00:00.000Z',
    calendar: { workdays: EVERY_DAY },
    expected: '2026-03-29T12:00:00.000Z',
  },
  {
    name: '24 hours across the October switch end an hour earlier on the clock',
    due: { in: '24h' },
    anchor: '2026-10-24T12:00:00.000Z',
    now: '2026-10-24T12:00:00.000Z',
    calendar: { workdays: EVERY_DAY },
    expected: '2026-10-25T12:00:00.000Z',
  },
  {
    name: 'before a week across the October switch keeps 09:00',
    due: { on: 'company.renewal_date', before: '7 days', at: '09:00' },
    facts: { company: { renewal_date: '2026-10-30' } },
    now: '2026-10-01T08:00:00.000Z',
    expected: '2026-10-23T07:00:00.000Z',
  },
  {
    name: 'before a week across the March switch keeps 09:00',
    due: { on: 'company.renewal_date', before: '7 days', at: '09:00' },
    facts: { company: { renewal_date: '2026-04-02' } },
    now: '2026-03-01T08:00:00.000Z',
    expected: '2026-03-26T08:00:00.000Z',
  },
  {
    name: 'a time skipped by the March switch moves forward an hour',
    due: { in: '1 day', at: '02:30' },
    anchor: '2026-03-28T12:00:00.000Z',
    now: '2026-03-28T12:00:00.000Z',
    calendar: { workdays: EVERY_DAY },
    expected: '2026-03-29T01:30:00.000Z',
  },
  {
    name: 'a time repeated by the October switch takes the first one',
    due: { in: '1 day', at: '02:30' },
    anchor: '2026-10-24T12:00:00.000Z',
    now: '2026-10-24T12:00:00.000Z',
    calendar: { workdays: EVERY_DAY },
    expected: '2026-10-25T00:30:00.000Z',
  },
  {
    name: 'a past date moved over the March switch lands at 09:00 summer time',
    due: { on: 'company.renewal_date', at: '09:00' },
    facts: { company: { renewal_date: '2026-03-20' } },
    now: '2026-03-27T17:00:00.000Z',
    expected: '2026-03-30T07:00:00.000Z',
    movedFrom: '2026-03-20T08:00:00.000Z',
  },
  {
    name: 'another time zone reads the same wall time',
    due: { in: '1 day', at: '09:00' },
    calendar: { timezone: 'America/New_York', holidays: [] },
    expected: '2026-12-02T14:00:00.000Z',
  },
];

describe('computeDue', () => {
  it.each(cases)('$name', (testCase) => {
    const result = due(testCase);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(utc(result.date)).toBe(testCase.expected);
    expect(result.movedFrom === undefined ? undefined : utc(result.movedFrom)).toBe(testCase.movedFrom);
  });

  it('reports a missing date attribute', () => {
    const result = due({ name: '', due: { on: 'company.renewal_date' }, facts: { company: {} }, expected: '' });

    expect(result).toEqual({ ok: false, code: 'DUE_FIELD_MISSING', params: { field: 'company.renewal_date' } });
  });

  it('reports an empty date attribute', () => {
    const result = due({ name: '', due: { on: 'company.renewal_date' }, facts: { company: { renewal_date: '' } }, expected: '' });

    expect(result).toMatchObject({ ok: false, code: 'DUE_FIELD_MISSING' });
  });

  it('reports a value that is not a date', () => {
    const result = due({ name: '', due: { on: 'company.renewal_date' }, facts: { company: { renewal_date: 'next spring' } }, expected: '' });

    expect(result).toEqual({ ok: false, code: 'DUE_FIELD_INVALID', params: { field: 'company.renewal_date', value: 'next spring' } });
  });

  it('reports a time without an offset as not a date', () => {
    const result = due({ name: '', due: { on: 'deal.close_at' }, facts: { deal: { close_at: '2026-12-10T10:00:00' } }, expected: '' });

    expect(result).toMatchObject({ ok: false, code: 'DUE_FIELD_INVALID' });
  });

  it('does not read inherited properties', () => {
    const result = due({ name: '', due: { on: 'company.constructor' }, facts: { company: {} }, expected: '' });

    expect(result).toMatchObject({ ok: false, code: 'DUE_FIELD_MISSING' });
  });
});

describe('nextWorkingSlot', () => {
  it('keeps today when the slot is still ahead', () => {
    const slot = nextWorkingSlot(DateTime.fromISO(NOW, { zone: 'utc' }), '10:00', BERLIN);

    expect(utc(slot)).toBe('2026-12-01T09:00:00.000Z');
  });

  it('takes the slot that starts exactly now', () => {
    const slot = nextWorkingSlot(DateTime.fromISO(NOW, { zone: 'utc' }), '08:00', BERLIN);

    expect(utc(slot)).toBe(NOW);
  });

  it('skips New Year holidays and the weekend', () => {
    const slot = nextWorkingSlot(DateTime.fromISO('2026-12-30T18:00:00.000Z', { zone: 'utc' }), undefined, BERLIN);

    expect(utc(slot)).toBe('2027-01-04T08:00:00.000Z');
  });
});
