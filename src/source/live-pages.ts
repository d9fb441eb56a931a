/**
 * Paged reads of Brevo's lists, each with its own syntax. Deals, contacts and
 * tasks page by `offset`, companies by a 1-based `page`. Contacts report a
 * total `count`, but the CRM lists do not, so those are read until a short page.
 * Deals, companies and contacts take `modifiedSince`. Tasks have no such
 * filter, so they are read newest first until a page reaches tasks created
 * before the watermark.
 */
import type { BrevoClient, BrevoResponse } from '../brevo/client.js';
import { SourceError } from './errors.js';
import { listOf } from './live-shapes.js';

export interface PagedRead {
  items: unknown[];
  pages: number;
  /** Server clock of the first page, from its `Date` header. */
  serverTime: number | null;
}

interface Page {
  items: unknown[];
  response: BrevoResponse;
  /** Total across all pages, when the list reports one. */
  total?: number;
}

export async function readDeals(client: BrevoClient, limit: number, modifiedSince?: string): Promise<PagedRead> {
  return readPages('/crm/deals', limit, async (index) => {
    const response = await client.listDeals({ offset: index * limit, limit, ...(modifiedSince ? { modifiedSince } : {}) });
    return { items: listOf(response.data, 'items', '/crm/deals'), response };
  });
}

export async function readCompanies(client: BrevoClient, limit: number, modifiedSince?: string): Promise<PagedRead> {
  return readPages('/companies', limit, async (index) => {
    const response = await client.listCompanies({ page: index + 1, limit, ...(modifiedSince ? { modifiedSince } : {}) });
    return { items: listOf(response.data, 'items', '/companies'), response };
  });
}

export async function readContacts(client: BrevoClient, limit: number, modifiedSince?: string): Promise<PagedRead> {
  return readPages('/contacts', limit, async (index) => {
    const response = await client.listContacts({ offset: index * limit, limit, ...(modifiedSince ? { modifiedSince } : {}) });
    const count = (response.data as { count?: unknown } | null)?.count;
    return { items: listOf(response.data, 'contacts', '/contacts'), response, ...(typeof count === 'number' ? { total: count } : {}) };
  });
}

/** Tasks newest first; with `createdSince` (epoch ms) the read stops after the first page that reaches older tasks. */
export async function readTasks(client: BrevoClient, limit: number, createdSince?: number): Promise<PagedRead> {
  const reachesOlder = (items: unknown[]): boolean =>
    createdSince !== undefined &&
    items.some((item) => {
      const created = Date.parse(String((item as { createdAt?: unknown } | null)?.createdAt ?? ''));
      return !Number.isNaN(created) && created < createdSince;
    });
  return readPages(
    '/crm/tasks',
    limit,
    async (index) => {
      const response = await client.listTasks({}, { offset: index * limit, limit, sort: 'desc' });
      return { items: listOf(response.data, 'items', '/crm/tasks'), response };
    },
    reachesOlder,
  );
}

/**
 * Reads pages until one is short, the total is reached or `isLast` returns true.
 * A full page that brings no new id means the server ignores the paging
 * parameters, and reading on would never end.
 */
async function readPages(path: string, limit: number, fetchPage: (index: number) => Promise<Page>, isLast?: (items: unknown[]) => boolean): Promise<PagedRead> {
  const items: unknown[] = [];
  const ids = new Set<string>();
  let serverTime: number | null = null;
  for (let index = 0; ; index++) {
    const page = await fetchPage(index);
    if (index === 0) serverTime = page.response.serverTime;
    const fresh = page.items.filter((item) => {
      const id = (item as { id?: unknown } | null)?.id;
      // An entry without an id stays, so that the shape checks report it.
      if (typeof id !== 'string' && typeof id !== 'number') return true;
      if (ids.has(String(id))) return false;
      ids.add(String(id));
      return true;
    });
    items.push(...fresh);
    const done = page.items.length < limit || (page.total !== undefined && (index + 1) * limit >= page.total) || isLast?.(page.items) === true;
    if (done) return { items, pages: index + 1, serverTime };
    if (fresh.length === 0) throw new SourceError('SOURCE_BREVO_PAGING', { path });
  }
}
