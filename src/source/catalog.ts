/**
 * Task types and pipelines: the lookups that map the names in rules to
 * Brevo's ids. They rarely change, so a copy is kept in the state store and
 * fetched again when it is older than CATALOG_MAX_AGE_MS, or at once when a
 * rule names a task type, pipeline or stage the copy lacks.
 */
import type { BrevoClient } from '../brevo/client.js';
import type { CachedList, CatalogCache } from '../state/store.js';
import type { Diagnostic } from '../types/diagnostics.js';
import type { BrevoPipeline, BrevoTaskType } from '../types/records.js';
import { arrayOf, validPipelines, validTaskTypes } from './live-shapes.js';

/** Six hours: at 100 requests per hour, refreshing both lists costs 2 requests in 600. */
export const CATALOG_MAX_AGE_MS = 6 * 3_600_000;

export interface Catalog {
  taskTypes: BrevoTaskType[];
  pipelines: BrevoPipeline[];
  /** The parts fetched now, to store in the cache. */
  fetched: CatalogCache;
  /** True when any part came from the cache, so a refresh could change it. */
  fromCache: boolean;
}

export interface CatalogOptions {
  /** Epoch milliseconds. */
  now: number;
  maxAgeMs?: number;
  /** Fetch both parts even when the cache is fresh. */
  refresh?: boolean;
}

export async function loadCatalog(client: BrevoClient, cache: CatalogCache, options: CatalogOptions, problems: Diagnostic[]): Promise<Catalog> {
  const fetchedAt = new Date(options.now).toISOString();
  const fetched: CatalogCache = {};
  let fromCache = false;

  let taskTypes = usable(cache.taskTypes, options);
  if (taskTypes) fromCache = true;
  else {
    taskTypes = await fetchTaskTypes(client, problems);
    fetched.taskTypes = { fetchedAt, items: taskTypes };
  }

  let pipelines = usable(cache.pipelines, options);
  if (pipelines) fromCache = true;
  else {
    pipelines = await fetchPipelines(client, problems);
    fetched.pipelines = { fetchedAt, items: pipelines };
  }
  return { taskTypes, pipelines, fetched, fromCache };
}

export async function fetchTaskTypes(client: BrevoClient, problems: Diagnostic[]): Promise<BrevoTaskType[]> {
  const response = await client.getTaskTypes();
  return validTaskTypes(arrayOf(response.data, '/crm/tasktypes'), problems);
}

export async function fetchPipelines(client: BrevoClient, problems: Diagnostic[]): Promise<BrevoPipeline[]> {
  const response = await client.getPipelines();
  return validPipelines(arrayOf(response.data, '/crm/pipeline/details/all'), problems);
}

/** Returns the cached items when they are younger than the maximum age, else undefined. */
export function usable<T>(part: CachedList<T> | undefined, options: CatalogOptions): T[] | undefined {
  if (!part || options.refresh) return undefined;
  const age = options.now - Date.parse(part.fetchedAt);
  return Number.isFinite(age) && age >= 0 && age < (options.maxAgeMs ?? CATALOG_MAX_AGE_MS) ? part.items : undefined;
}
