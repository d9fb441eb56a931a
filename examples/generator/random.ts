/**
 * A seeded pseudo-random number generator plus the value formats Brevo uses
 * (24-hex object ids, UUID stage ids, ISO-8601 timestamps). The same seed
 * gives the same account on every run and every machine.
 */

const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

/**
 * Creates a mulberry32 generator: 32 bits of state, floats in [0, 1).
 * Good enough for test data, not for anything that needs to be unpredictable.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class Random {
  private readonly nextFloat: () => number;

  constructor(seed: number) {
    this.nextFloat = mulberry32(seed);
  }

  /** Returns a float in [0, 1). */
  float(): number {
    return this.nextFloat();
  }

  /** Returns an integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.nextFloat() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.nextFloat() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error('Random.pick() was called with an empty list.');
    return item;
  }

  /** Picks up to `count` distinct items in random order, in O(count) time when `count` is below `items.length`. */
  sample<T>(items: readonly T[], count: number): T[] {
    if (count >= items.length) {
      const pool = [...items];
      const chosen: T[] = [];
      while (pool.length > 0) chosen.push(pool.splice(this.int(0, pool.length - 1), 1)[0] as T);
      return chosen;
    }

    const indices = new Set<number>();
    while (indices.size < count) indices.add(this.int(0, items.length - 1));
    return [...indices].map((index) => items[index] as T);
  }

  /**
   * Returns a number between min and max, rounded to `step`, whose logarithm
   * is uniform, so small amounts are more frequent than large ones.
   */
  logUniform(min: number, max: number, step: number): number {
    const value = min * Math.pow(max / min, this.nextFloat());
    return Math.min(max, Math.max(min, Math.round(value / step) * step));
  }

  hex(length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += this.int(0, 15).toString(16);
    return text;
  }

  /**
   * Creates a 24-hex id in the MongoDB ObjectId layout that Brevo ids follow:
   * 8 hex digits of Unix seconds at `createdAt`, then 16 random hex digits.
   */
  objectId(createdAt: Date): string {
    const seconds = Math.floor(createdAt.getTime() / 1000);
    return seconds.toString(16).padStart(8, '0').slice(-8) + this.hex(16);
  }

  /** Creates a UUID with the version 4 and variant bits set, as Brevo stage ids have. */
  uuid(): string {
    const variant = this.pick(['8', '9', 'a', 'b']);
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }

  /** Returns a time between `from` and `to`, rounded down to the whole minute. */
  timeBetween(from: Date, to: Date): Date {
    const span = Math.max(0, to.getTime() - from.getTime());
    const ms = from.getTime() + Math.floor(this.nextFloat() * span);
    return new Date(Math.floor(ms / MS_PER_MINUTE) * MS_PER_MINUTE);
  }
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * MS_PER_DAY);
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * MS_PER_MINUTE);
}

/**
 * Formats an instant as ISO-8601 with milliseconds. With offset 0 the result
 * ends in `Z`, otherwise it shows the local time and the offset
 * (`2026-11-30T16:45:00.000+01:00`), as some Brevo records do.
 */
export function formatTimestamp(date: Date, offsetMinutes = 0): string {
  if (offsetMinutes === 0) return date.toISOString();

  const local = addMinutes(date, offsetMinutes).toISOString().slice(0, -1);
  const sign = offsetMinutes > 0 ? '+' : '-';
  const absolute = Math.abs(offsetMinutes);
  const hours = String(Math.floor(absolute / 60)).padStart(2, '0');
  const minutes = String(absolute % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

/** Formats an instant as its calendar date in UTC (`YYYY-MM-DD`). */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
