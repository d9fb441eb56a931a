import type { BrevoContact } from '../../src/types/records.js';
import { parseZonedDateTime } from './dates.js';
import { documentNotFound, invalidParameter } from './errors.js';
import { isContactId, isEmail } from './ids.js';
import { checkQueryNames, readInteger, readSince, readSortDirection, sortByKey } from './query.js';
import type { Route, RouteContext } from './router.js';

const CONTACT_LIST_PARAMETERS = new Set(['limit', 'offset', 'modifiedSince', 'createdSince', 'sort']);
const CONTACTS_MAX_LIMIT = 1000;

export const contactRoutes: Route[] = [
  { method: 'GET', path: '/contacts', handle: listContacts },
  { method: 'GET', path: '/contacts/:identifier', handle: getContact },
];

/**
 * GET /contacts pages with `offset` and `limit` (0-1000) and, unlike the CRM
 * lists, returns the total: `{contacts, count}`, where `count` is the number
 * of contacts matching the filters. `segmentId`, `listIds` and `filter` are
 * not implemented and rejected as unsupported parameters.
 */
function listContacts({ query, store, rules }: RouteContext): { status: number; body: { contacts: BrevoContact[]; count: number } } {
  checkQueryNames(query, (name) => CONTACT_LIST_PARAMETERS.has(name), rules.unknownFields === 'reject');
  const offset = readInteger(query, 'offset', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
  const limit = readInteger(query, 'limit', { min: 0, max: CONTACTS_MAX_LIMIT, fallback: 50 });
  const direction = readSortDirection(query);
  const modifiedSince = readSince(query, 'modifiedSince');
  const createdSince = readSince(query, 'createdSince');

  const isAtOrAfter = (time: string | undefined, since: number | undefined): boolean => {
    if (since === undefined) return true;
    const ms = parseZonedDateTime(time);
    return ms !== undefined && ms >= since;
  };
  const matching = store.seed.contacts.filter(
    (contact) => isAtOrAfter(contact.modifiedAt ?? contact.createdAt, modifiedSince) && isAtOrAfter(contact.createdAt, createdSince),
  );
  const sorted = sortByKey(matching, (contact) => parseZonedDateTime(contact.createdAt), direction);
  return { status: 200, body: { contacts: sorted.slice(offset, offset + limit), count: matching.length } };
}

/** GET /contacts/{identifier}: a numeric contact id or a URL-encoded email. */
function getContact({ params, query, store, rules }: RouteContext): { status: number; body: BrevoContact } {
  checkQueryNames(query, (name) => name === 'identifierType', rules.unknownFields === 'reject');
  const identifier = params.identifier ?? '';
  const identifierType = query.get('identifierType') ?? (isEmail(identifier) ? 'email_id' : 'contact_id');

  let contact: BrevoContact | undefined;
  if (identifierType === 'email_id' && isEmail(identifier)) {
    contact = store.seed.contacts.find((candidate) => candidate.email?.toLowerCase() === identifier.toLowerCase());
  } else if (identifierType === 'contact_id' && /^\d+$/.test(identifier) && isContactId(Number(identifier))) {
    contact = store.seed.contacts.find((candidate) => candidate.id === Number(identifier));
  } else {
    throw invalidParameter(`Contact identifier "${identifier}" is invalid: expected a contact id or an email (identifierType ${identifierType})`);
  }
  if (!contact) throw documentNotFound();
  return { status: 200, body: contact };
}
