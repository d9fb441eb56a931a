import type { BrevoDeal } from '../../src/types/records.js';
import { documentNotFound, invalidParameter } from './errors.js';
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

const DEAL_LIST_PARAMETERS = new Set([
  'filters[linkedCompaniesIds]', 'filters[linkedContactsIds]', 'modifiedSince', 'createdSince',
  'offset', 'limit', 'sort', 'sortBy',
]);
const ATTRIBUTE_FILTER = /^filters\[attributes\.([^\]]+)\]$/;

export const dealRoutes: Route[] = [
  { method: 'GET', path: '/crm/deals', handle: listDeals },
  { method: 'GET', path: '/crm/deals/:id', handle: getDeal },
];

/**
 * GET /crm/deals with the plural `filters[...]` syntax. Stage, pipeline and
 * owner filters compare ids, and owner also takes an email. `modifiedSince`
 * reads `attributes.last_updated_date`. Returns `{items}` without a total.
 */
function listDeals({ query, store, rules }: RouteContext): { status: number; body: { items: BrevoDeal[] } } {
  checkQueryNames(query, (name) => DEAL_LIST_PARAMETERS.has(name) || ATTRIBUTE_FILTER.test(name), rules.unknownFields === 'reject');
  const offset = readInteger(query, 'offset', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
  const limit = readInteger(query, 'limit', { min: 1, max: CRM_LIST_MAX_LIMIT, fallback: 50 });
  const direction = readSortDirection(query);

  const predicates: RecordPredicate<BrevoDeal>[] = sinceFilters(query, { modified: 'last_updated_date', created: 'created_at' });
  for (const [name, text] of query) {
    const attribute = ATTRIBUTE_FILTER.exec(name)?.[1];
    if (attribute !== undefined) predicates.push(attributeEquals(attribute, text, store, 'deal_owner'));
  }
  const companies = query.get('filters[linkedCompaniesIds]');
  if (companies !== null) predicates.push(linkedHexIdsFilter(companies, 'filters[linkedCompaniesIds]', 'linkedCompaniesIds'));
  const contacts = query.get('filters[linkedContactsIds]');
  if (contacts !== null) predicates.push(linkedContactsFilter(contacts, 'filters[linkedContactsIds]'));

  const matching = store.seed.deals.filter((deal) => predicates.every((matches) => matches(deal)));
  const sorted = sortByKey(matching, recordSortKey(query.get('sortBy'), 'created_at'), direction);
  return { status: 200, body: { items: sorted.slice(offset, offset + limit) } };
}

function getDeal({ params, store }: RouteContext): { status: number; body: BrevoDeal } {
  if (!isHexId(params.id)) throw invalidParameter('Route attribute id is not valid.');
  const deal = store.seed.deals.find((candidate) => candidate.id === params.id);
  if (!deal) throw documentNotFound();
  return { status: 200, body: deal };
}
