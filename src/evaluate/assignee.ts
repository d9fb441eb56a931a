/**
 * The assignee chain of a task template: entries are tried in order, and the
 * first that renders to a Brevo user id (24 hex digits) or an email address
 * wins. Brevo's `assignToId` accepts both. An entry that renders empty, fails
 * to render (a variable the record lacks) or renders anything else moves on
 * to the next entry.
 *
 * NOTE: an id or email of the right shape is taken as it is. Whether it names
 * a user of the account is only known when Brevo accepts or rejects the task.
 */

const USER_ID = /^[0-9a-f]{24}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reason an entry of the chain did not resolve. */
export type SkipReason = 'empty' | 'renderFailed' | 'notUser';

export interface AssigneeResolution {
  /** The user id or email, or null when no entry resolved. */
  assignee: string | null;
  /** Index of the entry that resolved; -1 when none did. */
  index: number;
  /** The entries before the winner (or all of them), each with the reason it was passed over. */
  skipped: { entry: string; reason: SkipReason }[];
}

/** Check for a text Brevo accepts as `assignToId`: a 24-hex user id or an email address. */
export function isUserReference(value: string): boolean {
  return USER_ID.test(value) || EMAIL.test(value);
}

/** Check for an entry without template markup, which resolves the same for every record. */
export function isFixedEntry(entry: string): boolean {
  return !entry.includes('{{') && !entry.includes('{%');
}

/** Walk the chain; `render` fills one entry's template and throws when it cannot. */
export function resolveAssignee(chain: readonly string[], render: (entry: string) => string): AssigneeResolution {
  const skipped: AssigneeResolution['skipped'] = [];
  for (const [index, entry] of chain.entries()) {
    let value: string;
    try {
      value = render(entry).trim();
    } catch {
      skipped.push({ entry, reason: 'renderFailed' });
      continue;
    }
    if (value === '') {
      skipped.push({ entry, reason: 'empty' });
      continue;
    }
    if (isUserReference(value)) return { assignee: value, index, skipped };
    skipped.push({ entry, reason: 'notUser' });
  }
  return { assignee: null, index: -1, skipped };
}
