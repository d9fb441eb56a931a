/**
 * A cache for luxon's IANA zone offsets. Luxon 3.7 computes the UTC offset of
 * an IANA zone with Intl.DateTimeFormat#formatToParts on every call, and
 * every zoned DateTime it creates (a parse, `plus`, `set`, `setZone`) needs
 * one or two offsets. On Node 20 that took 5–15 µs a call (measured on a 2-core
 * VM), and a plan over a large account makes millions of calls. The cache
 * keeps the offset of each UTC hour in which the offset does not change, so
 * it returns the offsets luxon computes, and an hour with a transition is
 * computed as before.
 *
 * NOTE: it assumes that no zone changes its offset twice within one UTC
 * hour. test/zone-offsets.test.ts checks the transitions of a few zones
 * only, not the whole IANA time zone database.
 */
import { IANAZone } from 'luxon';

const HOUR_MS = 3_600_000;

/** Most hours cached per zone; a plan touches a few thousand. */
const HOURS_PER_ZONE_LIMIT = 100_000;

/** Marks an hour that contains a transition: its offsets are computed every time. */
const TRANSITION = Number.NaN;

let installed = false;

/**
 * Install the cache on luxon's IANAZone, for every zone. Call it before
 * heavy date arithmetic; calls after the first do nothing.
 */
export function cacheZoneOffsets(): void {
  if (installed) return;
  installed = true;

  const computeOffset = IANAZone.prototype.offset;
  const hoursByZone = new WeakMap<IANAZone, Map<number, number>>();

  IANAZone.prototype.offset = function offsetFromCache(this: IANAZone, ts: number): number {
    if (!Number.isFinite(ts)) return computeOffset.call(this, ts);
    let hours = hoursByZone.get(this);
    if (!hours) {
      hours = new Map();
      hoursByZone.set(this, hours);
    }

    const hour = Math.floor(ts / HOUR_MS);
    let offset = hours.get(hour);
    if (offset === undefined) {
      const atStart = computeOffset.call(this, hour * HOUR_MS);
      const atEnd = computeOffset.call(this, hour * HOUR_MS + HOUR_MS - 1);
      offset = atStart === atEnd ? atStart : TRANSITION;
      if (hours.size >= HOURS_PER_ZONE_LIMIT) hours.clear();
      hours.set(hour, offset);
    }
    return Number.isNaN(offset) ? computeOffset.call(this, ts) : offset;
  };
}
