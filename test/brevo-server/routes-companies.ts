import type { BrevoCompany } from '../../src/types/records.js';
import { documentNotFound, invalidParameter, NOT_VALID_DATA } from './errors.js';
import { isHexId } from './ids.js';
import { checkQueryNames, readInteger, readSortDirection, sortByKey } from './query.js';
import {
  attributeEquals,
  linkedContactsFilter,
  linkedHexIdsFilter,
  recordSortKey,
  sinceFilters,
  type RecordPredicate,
} from './record-filters.js';
import type { Route, RouteContext } from './router.js';
import { CRM_LIST_MAX_LIMIT } from './routes-tasks.js';

const COMPANY_LIST_PARAMETERS = new Set([
  'filters', 'linkedContactsIds', 'linkedDealsIds', 'modifiedSince', 'createdSince', 'page', 'limit', 'sort', 'sortBy',
]);
const ATTRIBUTE_FILTER = /^filters\[attributes\.([^\]]+)\]$/;

export const companyRoutes: Route[] = [
  { method: 'GET', path: '/companies', handle: listCompanies },
  { method: 'GET', path: '/companies/:id', handle: getCompany },
];

/**
 * GET /companies pages with a 1-based `page` (not `offset`) and filters by
 * attribute either as `filters[attributes.x]=v` or as the JSON string
 * `filters={"attributes.x":"v"}`, because Brevo documents both. `modifiedSince` reads
 * `attributes.last_updated_at`. Returns `{items}` without a total.
 */
function listCompanies({ query, store, rules }: RouteContext): { status: number; body: { items: BrevoCompany[] } } {
  checkQueryNames(query, (name) => COMPANY_LIST_PARAMETERS.has(name) || ATTRIBUTE_FILTER.test(name), rules.unknownFields === 'reject');
  const page = readInteger(query, 'page', { min: 1, max: Number.MAX_SAFE_INTEGER, fallback: 1 });
  const limit = readInteger(query, 'limit', { min: 1, max: CRM_LIST_MAX_LIMIT, fallback: 50 });
  const direction = readSortDirection(query);

  const predicates: RecordPredicate<BrevoCompany>[] = sinceFilters(query, { modified: 'last_updated_at', created: 'created_at' });
  for (const [attribute, text] of attributeFilterEntries(query)) {
    predicates.push(attributeEquals(attribute, text, store, 'owner'));
  }
  const contacts = query.get('linkedContactsIds');
  if (contacts !== null) predicates.push(linkedContactsFilter(contacts, 'linkedContactsIds'));
  const deals = query.get('linkedDealsIds');
  if (deals !== null) predicates.push(linkedHexIdsFilter(deals, 'linkedDealsIds', 'linkedDealsIds'));

  const matching = store.seed.companies.filter((company) => predicates.every((matches) => matches(company)));
  const sorted = sortByKey(matching, recordSortKey(query.get('sortBy'), 'created_at'), direction);
  const offset = (page - 1) * limit;
  return { status: 200, body: { items: sorted.slice(offset, offset + limit) } };
}

/** Collects `[attribute, value]` pairs from both filter forms. */
function attributeFilterEntries(query: URLSearchParams): [string, string][] {
  const entries: [string, string][] = [];
  for (const [name, text] of query) {
    const attribute = ATTRIBUTE_FILTER.exec(name)?.[1];
    if (attribute !== undefined) entries.push([attribute, text]);
  }
  const json = query.get('filters');
  if (json === null) return entries;

  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw invalidParameter(NOT_VALID_DATA);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidParameter(NOT_VALID_DATA);
  for (const [key, value] of Object.entries(parsed)) {
    const attribute = /^attributes\.(.+)$/.exec(key)?.[1];
    const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    if (attribute === undefined || !scalar) throw invalidParameter(NOT_VALID_DATA);
    entries.push([attribute, String(value)]);
  }
  return entries;
}

function getCompany({ params, store }: RouteContext): { status: number; body: BrevoCompany } {
  if (!isHexId(params.id)) throw invalidParameter('Route company id is not valid.');
  const company = store.seed.companies.find((candidate) => candidate.id === params.id);
  if (!company) throw documentNotFound();
  return { status: 200, body: company };
}
