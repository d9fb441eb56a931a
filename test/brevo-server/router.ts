import type { BrevoStore } from './store.js';
import type { TaskBodyRules } from './task-body.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** What a route handler gets: path parameters, query, parsed JSON body and the account state. */
export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  store: BrevoStore;
  rules: TaskBodyRules;
  now: () => number;
}

/** A response without a body (`body` undefined) is sent empty, as Brevo's 204s are. */
export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface Route {
  method: HttpMethod;
  /** Path under the base URL. A `:name` segment matches any one segment. */
  path: string;
  handle(context: RouteContext): RouteResult;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrongMethod'; allowed: string[] }
  | { kind: 'none' };

/** Finds the route for a request. The first route in table order wins. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.method === method) return { kind: 'found', route, params };
    if (!allowed.includes(route.method)) allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'wrongMethod', allowed } : { kind: 'none' };
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const patternParts = pattern.split('/');
  const pathParts = path.split('/');
  if (patternParts.length !== pathParts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    if (part.startsWith(':')) {
      if (actual === '') return undefined;
      params[part.slice(1)] = decodeSegment(actual);
    } else if (part !== actual) {
      return undefined;
    }
  }
  return params;
}

// A malformed escape stays as sent, so the handler rejects it as an invalid id.
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
