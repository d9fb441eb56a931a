import { createHash } from 'node:crypto';

const HEX_ID = /^[0-9a-f]{24}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Deliberately loose: the server only needs to tell an email from a hex id.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Brevo's task, deal, company, pipeline and user ids: 24 lowercase hex digits. */
export function isHexId(value: unknown): value is string {
  return typeof value === 'string' && HEX_ID.test(value);
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && EMAIL.test(value);
}

/** Contact ids are positive integers. */
export function isContactId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * Derives a stable 24-hex user id from an email, so that a task assigned by
 * email reads back with the same id in every run and on every server.
 */
export function userIdForEmail(email: string): string {
  return createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 24);
}

/**
 * Issues 24-hex ids from a counter: `prefix` followed by the zero-padded
 * counter in hex. An id for which `taken` returns true is skipped, so a new
 * id never repeats a seeded one.
 */
export class HexIdSequence {
  private counter = 0;

  constructor(private readonly prefix: string) {
    if (!/^[0-9a-f]{1,16}$/.test(prefix)) throw new Error(`invalid id prefix "${prefix}": expected 1-16 hex digits`);
  }

  next(taken: (id: string) => boolean): string {
    for (;;) {
      this.counter += 1;
      const id = this.prefix + this.counter.toString(16).padStart(24 - this.prefix.length, '0');
      if (!taken(id)) return id;
    }
  }

  reset(): void {
    this.counter = 0;
  }
}
