import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from './errors.js';
import { FaultList, type Fault, type FaultKind } from './faults.js';
import { parseJsonBody, readBody, sendResponse } from './http-io.js';
import { FixedWindowRateLimiter, type RateLimitOptions, type RateLimitWindow } from './rate-limit.js';
import { matchRoute, type Route } from './router.js';
import { catalogRoutes } from './routes-catalog.js';
import { companyRoutes } from './routes-companies.js';
import { contactRoutes } from './routes-contacts.js';
import { dealRoutes } from './routes-deals.js';
import { taskRoutes } from './routes-tasks.js';
import { completeSeed, type BrevoSeed } from './seed.js';
import { BrevoStore, type CrmRecordKind, type CrmRecordOf, type StoredTask } from './store.js';
import type { TaskBodyRules } from './task-body.js';

export { DEFAULT_PIPELINE, DEFAULT_TASK_TYPES, seedFromDirectory, type BrevoSeed, type BrevoUser } from './seed.js';
export type { Fault, FaultKind } from './faults.js';
export type { RateLimitOptions, RateLimitWindow } from './rate-limit.js';
export type { CrmRecordKind, StoredTask } from './store.js';
export { CRM_LIST_MAX_LIMIT } from './routes-tasks.js';

export interface BrevoServerOptions {
  /** TCP port on 127.0.0.1. The default 0 picks a free one. */
  port?: number;
  /** The only accepted value of the `api-key` header, by default `test-api-key`. */
  apiKey?: string;
  /** Account contents. Missing parts get the default task types and pipeline, or empty lists. */
  seed?: Partial<BrevoSeed>;
  /**
   * Fixed-window limit shared by all endpoints except `/contacts`. The default
   * of 100000 requests per 3600 s is effectively off.
   */
  rateLimit?: RateLimitOptions;
  /**
   * Separate fixed-window limit for `/contacts`, because Brevo limits contacts
   * apart from the other endpoints. Default: the same numbers as `rateLimit`,
   * counted separately.
   */
  contactsRateLimit?: RateLimitOptions;
  /** When false, rate-limit headers always claim a full window while 429s still happen. Default true. */
  honestHeaders?: boolean;
  /**
   * Clock in epoch milliseconds for rate-limit windows, task and record
   * timestamps and the `Date` response header, by default Date.now.
   */
  now?: () => number;
  /** Body fields and query parameters Brevo does not define: `reject` (default) responds with 400, `ignore` drops them. */
  unknownFields?: TaskBodyRules['unknownFields'];
  /** When true, a task linking a deal, company or contact missing from the seed gets a 404. Default false. */
  checkLinks?: boolean;
}

/** The rate-limit buckets: `/contacts` and everything else. */
export type RateLimitBucket = 'crm' | 'contacts';

/** One request as the server saw it. The API key value is never stored. */
export interface RecordedRequest {
  method: string;
  /** Path under the base URL, e.g. `/crm/tasks`, or the full path when it lies outside `/v3`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  /** Status sent, or 0 while pending and when a fault reset or hung the connection. */
  status: number;
  apiKeyPresent: boolean;
  /** The injected fault that affected this request, if any. */
  fault?: FaultKind;
}

export interface BrevoServer {
  /** Base URL a client uses, e.g. `http://127.0.0.1:4010/v3`. */
  readonly url: string;
  readonly port: number;
  /** Every request received, oldest first. `reset()` empties this same array. */
  readonly requests: RecordedRequest[];
  readonly faults: Pick<FaultList, 'add' | 'clear'>;
  /** Copies of the stored tasks, in creation order. */
  tasks(): StoredTask[];
  /** The user id that a task assigned to this account email reads back with. */
  userIdFor(email: string): string;
  /** Adds or replaces a deal, company or contact and stamps its modification time with the server clock. */
  putRecord<K extends CrmRecordKind>(kind: K, record: CrmRecordOf<K>): void;
  /** Removes a deal, company or contact. Returns false when there was none with that id. */
  deleteRecord(kind: CrmRecordKind, id: string | number): boolean;
  /** The windows a rate-limit bucket opened since the start or the last reset, with accepted and rejected counts. */
  rateLimitWindows(bucket?: RateLimitBucket): RateLimitWindow[];
  /**
   * `request` fires when a request's body was read and before the server acts
   * on it, `response` after the response was sent. Both get the RecordedRequest.
   * A listener may act at once (for example kill the client): the server
   * still finishes the request, as a real one would after its client died.
   */
  on(event: 'request' | 'response', listener: (request: RecordedRequest) => void): void;
  off(event: 'request' | 'response', listener: (request: RecordedRequest) => void): void;
  /** Restores the seeded records and tasks and clears requests, faults and the rate-limit windows. */
  reset(): void;
  /** Stops the server after destroying every open connection, hanging ones included. */
  close(): Promise<void>;
}

const ROUTES: readonly Route[] = [...taskRoutes, ...catalogRoutes, ...dealRoutes, ...companyRoutes, ...contactRoutes];
const BASE_PATH = '/v3';

interface Outcome {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** Starts a Brevo-compatible HTTP server on 127.0.0.1 for tests. */
export async function startBrevoServer(options: BrevoServerOptions = {}): Promise<BrevoServer> {
  const apiKey = options.apiKey ?? 'test-api-key';
  if (apiKey === '') throw new Error('apiKey must not be empty');
  const now = options.now ?? Date.now;
  const store = new BrevoStore(completeSeed(options.seed), now);
  const crmLimit = options.rateLimit ?? { limit: 100_000, windowSeconds: 3600 };
  const limiters: Record<RateLimitBucket, FixedWindowRateLimiter> = {
    crm: new FixedWindowRateLimiter(crmLimit, now, options.honestHeaders ?? true),
    contacts: new FixedWindowRateLimiter(options.contactsRateLimit ?? crmLimit, now, options.honestHeaders ?? true),
  };
  const events = new EventEmitter();
  const rules: TaskBodyRules = { unknownFields: options.unknownFields ?? 'reject', checkLinks: options.checkLinks ?? false };
  const faults = new FaultList();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  /** Authenticates, counts, injects faults and routes one request. Returns undefined when no response is due. */
  async function decideOutcome(request: IncomingMessage, record: RecordedRequest, bodyText: string, url: URL): Promise<Outcome | undefined> {
    const limiter = limiters[bucketOf(record.path)];
    if (request.headers['api-key'] !== apiKey) {
      return errorOutcome(new ApiError(401, 'unauthorized', 'Key not found'), limiter.peek());
    }
    const decision = limiter.take();
    if (!decision.allowed) {
      return errorOutcome(new ApiError(429, 'too_many_requests', 'Too many requests'), decision.headers);
    }

    const fault = faults.take(record.method, record.path);
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'reset' || fault?.kind === 'hang') return undefined;
    if (fault?.kind === 'latency') await wait(fault.ms);
    if (fault?.kind === 'hold') await fault.release.catch(() => undefined);
    if (fault?.kind === 'status') return statusFaultOutcome(fault, decision.headers);

    const outcome = route(request, record, bodyText, url, decision.headers);
    return fault?.kind === 'resetAfterCreate' || fault?.kind === 'hangAfterCreate' ? undefined : outcome;
  }

  function route(request: IncomingMessage, record: RecordedRequest, bodyText: string, url: URL, headers: Record<string, string>): Outcome {
    try {
      const match = url.pathname.startsWith(`${BASE_PATH}/`) ? matchRoute(ROUTES, record.method, record.path) : { kind: 'none' as const };
      if (match.kind === 'none') throw new ApiError(404, 'not_found', `No endpoint ${record.method} ${url.pathname}`);
      if (match.kind === 'wrongMethod') {
        throw new ApiError(405, 'method_not_allowed', `Method ${record.method} is not allowed on ${url.pathname}`, { allow: match.allowed.join(', ') });
      }
      const body = parseJsonBody(bodyText, request.headers['content-type']);
      const result = match.route.handle({ params: match.params, query: url.searchParams, body, store, rules, now });
      return { status: result.status, body: result.body, headers };
    } catch (error) {
      if (error instanceof ApiError) return errorOutcome(error, headers);
      console.error('brevo test server: unexpected error', error);
      return { status: 500, body: { code: 'internal_error', message: String(error) }, headers };
    }
  }

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname.startsWith(`${BASE_PATH}/`) ? url.pathname.slice(BASE_PATH.length) : url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      status: 0,
      apiKeyPresent: request.headers['api-key'] !== undefined,
    };
    requests.push(record);

    let outcome: Outcome | undefined;
    try {
      const bodyText = await readBody(request);
      record.body = bodyForRecord(bodyText);
      events.emit('request', record);
      outcome = await decideOutcome(request, record, bodyText, url);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      outcome = errorOutcome(error, limiters[bucketOf(record.path)].peek());
    }

    if (outcome === undefined) {
      if (record.fault === 'reset' || record.fault === 'resetAfterCreate') request.socket.resetAndDestroy();
      return; // a hang: the connection stays open until the client or close() ends it
    }
    if (response.destroyed) return;
    record.status = outcome.status;
    const headers = { ...outcome.headers, date: new Date(now()).toUTCString() };
    sendResponse(response, outcome.status, outcome.body, headers, record.fault === 'stallBody');
    events.emit('response', record);
  }

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      console.error('brevo test server: request failed', error);
      response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}${BASE_PATH}`,
    port,
    requests,
    faults,
    tasks: () => structuredClone([...store.tasks.values()]),
    userIdFor: (email) => store.userIdFor(email),
    putRecord: (kind, record) => store.putRecord(kind, record),
    deleteRecord: (kind, id) => store.deleteRecord(kind, id),
    rateLimitWindows: (bucket = 'crm') => limiters[bucket].windows(),
    on: (event, listener) => void events.on(event, listener),
    off: (event, listener) => void events.off(event, listener),
    reset() {
      store.reset();
      requests.length = 0;
      faults.clear();
      limiters.crm.reset();
      limiters.contacts.reset();
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function bucketOf(path: string): RateLimitBucket {
  return path === '/contacts' || path.startsWith('/contacts/') ? 'contacts' : 'crm';
}

function errorOutcome(error: ApiError, headers: Record<string, string>): Outcome {
  return { status: error.status, body: error.toBody(), headers: { ...headers, ...error.headers } };
}

function statusFaultOutcome(fault: Extract<Fault, { kind: 'status' }>, headers: Record<string, string>): Outcome {
  const reason = STATUS_REASONS[fault.status] ?? `HTTP ${fault.status}`;
  const body = fault.body ?? { code: reason.toLowerCase().replace(/[^a-z0-9]+/g, '_'), message: reason };
  return { status: fault.status, body, headers: { ...headers, ...fault.headers } };
}

const STATUS_REASONS: Record<number, string> = {
  429: 'Too many requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function bodyForRecord(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
