import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { cacheZoneOffsets } from '../src/time/zone-offsets.js';

/** Zones with DST, half-hour and 45-minute offsets, a half-hour DST shift, and a local-mean-time start. */
const ZONES = ['Europe/Berlin', 'America/New_York', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Europe/Amsterdam'];

/** Instants around transitions and plain times: 1893 (Berlin leaves local mean time), 1937, 2026, 2027. */
function instants(): number[] {
  const starts = ['1893-03-31T22:00:00Z', '1937-06-30T22:00:00Z', '2026-03-28T00:00:00Z', '2026-10-24T00:00:00Z', '2026-04-04T12:00:00Z', '2027-03-27T00:00:00Z'];
  const result: number[] = [];
  for (const start of starts) {
    const from = Date.parse(start);
    for (let minute = 0; minute < 3 * 24 * 60; minute += 7) result.push(from + minute * 60_000 + (minute % 13) * 1_000);
  }
  return result;
}

describe('zone offset cache', () => {
  it('gives the offsets luxon computes', () => {
    const expected = ZONES.map((name) => instants().map((ts) => IANAZone.create(name).offset(ts)));

    cacheZoneOffsets();
    const cached = ZONES.map((name) => instants().map((ts) => IANAZone.create(name).offset(ts)));

    ZONES.forEach((name, index) => expect(cached[index], name).toEqual(expected[index]));
  });

  it('keeps an invalid zone invalid', () => {
    cacheZoneOffsets();
    expect(IANAZone.create('Mars/Olympus_Mons').offset(0)).toBeNaN();
  });
});
