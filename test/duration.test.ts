import { describe, expect, it } from 'vitest';
import { DURATION_PATTERN, durationToMillis, hasFixedLength, parseDuration } from '../src/time/duration.js';
import { rulesSchema } from '../src/validate/schema.js';

describe('parseDuration', () => {
  it.each([
    ['15m', 15, 'minutes'],
    ['10 min', 10, 'minutes'],
    ['1 minute', 1, 'minutes'],
    ['1h', 1, 'hours'],
    ['2 hours', 2, 'hours'],
    ['1 day', 1, 'days'],
    ['2 days', 2, 'days'],
    ['7d', 7, 'days'],
    ['3 workdays', 3, 'workdays'],
    ['1 workday', 1, 'workdays'],
    ['1 week', 1, 'weeks'],
    ['2w', 2, 'weeks'],
    ['  2 days  ', 2, 'days'],
    ['0 days', 0, 'days'],
  ] as const)('reads %j', (text, amount, unit) => {
    expect(parseDuration(text)).toEqual({ amount, unit });
  });

  it.each(['', 'days', '1.5h', '-1d', '1 fortnight', '1 Days', '2 days ago', '99999999999999999999 days'])(
    'rejects %j',
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );
});

describe('durationToMillis', () => {
  it('converts calendar units', () => {
    expect(durationToMillis('15m')).toBe(900_000);
    expect(durationToMillis('1h')).toBe(3_600_000);
    expect(durationToMillis('2 days')).toBe(172_800_000);
    expect(durationToMillis('1 week')).toBe(604_800_000);
  });

  it('accepts a parsed duration', () => {
    expect(durationToMillis({ amount: 30, unit: 'minutes' })).toBe(1_800_000);
  });

  it('gives null for workdays', () => {
    expect(durationToMillis('3 workdays')).toBeNull();
    expect(hasFixedLength({ amount: 3, unit: 'workdays' })).toBe(false);
  });

  it('gives null for invalid text', () => {
    expect(durationToMillis('soon')).toBeNull();
  });
});

describe('duration pattern', () => {
  it('matches the rule file schema', () => {
    const defs = rulesSchema().$defs as Record<string, { pattern?: string }>;

    expect(defs.duration?.pattern).toBe(DURATION_PATTERN.source);
  });
});
