/**
 * A Brevo v3 client over axios. It sends one request at a time, paces them
 * by the rate-limit headers, retries what is safe to retry (see retry.ts),
 * counts every attempt against the run budget, cuts a request at the
 * budget's deadline and turns failures into BrevoApiError, which carries no
 * request data. Reads are free to call from anywhere; `createTask` is called
 * by the executor only.
 */
import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import axiosRetry from 'axios-retry';
import type { Logger } from 'pino';
import type { TaskBody } from '../types/plan.js';
import { BudgetSpentError, RunBudget } from './budget.js';
import { BrevoApiError, toBrevoApiError } from './errors.js';
import { RateLimitPacer, rateLimitBucket } from './rate-limit.js';
import { retrySettings, type RetryOptions } from './retry.js';

export const DEFAULT_BREVO_API_URL = 'https://api.brevo.com/v3';

export interface BrevoClientOptions {
  apiKey: string;
  baseUrl?: string;
  /** Time one attempt may take until the response headers arrive, in milliseconds. Default 30000. */
  timeoutMs?: number;
  /** Requests and time this client may spend; by default unlimited. */
  budget?: RunBudget;
  pacer?: RateLimitPacer;
  logger?: Logger;
  retry?: RetryOptions;
}

/** A response body as Brevo sent it, with the server's clock from the `Date` header. */
export interface BrevoResponse {
  data: unknown;
  /** Epoch milliseconds from the `Date` header, or null when the server sent none. */
  serverTime: number | null;
}

/**
 * A request starts only when at least this much of the run's time is left,
 * or the request timeout when that is shorter. A read cut by the deadline
 * wastes a request, and a create cut by it has an unknown outcome that the
 * next run must search for, so a request that could not finish is not sent.
 */
const MIN_REQUEST_TIME_MS = 1_000;

/** A request setting of this client: called as each attempt leaves, after any wait for the rate limit or a retry. */
interface SendHook {
  onSend?: () => void;
}

export type TaskListFilter = Partial<Record<'type' | 'status' | 'assignTo' | 'contacts' | 'deals' | 'companies', string>>;

export class BrevoClient {
  readonly budget: RunBudget;
  readonly pacer: RateLimitPacer;
  /** Per-request timeout in milliseconds. */
  readonly timeoutMs: number;
  private readonly http: AxiosInstance;
  /** The deadline signal of each attempt that the run's deadline may cut. */
  private readonly deadlines = new WeakMap<object, AbortSignal>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: BrevoClientOptions) {
    this.budget = options.budget ?? new RunBudget();
    this.pacer = options.pacer ?? new RateLimitPacer(options.logger ? { logger: options.logger } : {});
    const timeoutMs = options.timeoutMs ?? 30_000;
    this.timeoutMs = timeoutMs;
    this.http = axios.create({
      baseURL: (options.baseUrl ?? DEFAULT_BREVO_API_URL).replace(/\/+$/, ''),
      timeout: timeoutMs,
      headers: { 'api-key': options.apiKey, accept: 'application/json', 'content-type': 'application/json' },
      validateStatus: (status) => status >= 200 && status < 300,
      transitional: { clarifyTimeoutError: true },
      // A redirect would carry the api-key header to wherever it points.
      maxRedirects: 0,
    });

    const reserveMs = Math.min(MIN_REQUEST_TIME_MS, timeoutMs);
    this.http.interceptors.request.use(async (config) => {
      await this.pacer.acquire(rateLimitBucket(config.url ?? ''), this.budget, reserveMs);
      // `timeout` stops counting once the headers arrive, so the signal also ends a body that stalls.
      const guard = AbortSignal.timeout(2 * timeoutMs);
      const left = this.budget.remainingMs();
      if (left < 2 * timeoutMs) {
        // The deadline is hard: it cuts the request even where `timeout` would let it run on.
        const deadline = AbortSignal.timeout(Math.max(0, left));
        this.deadlines.set(config, deadline);
        config.signal = AbortSignal.any([guard, deadline]);
      } else {
        this.deadlines.delete(config);
        config.signal = guard;
      }
      (config as SendHook).onSend?.();
      return config;
    });
    this.http.interceptors.response.use(
      (response) => this.observe(response),
      (error: unknown) => {
        if (error instanceof AxiosError && error.response) this.observe(error.response);
        return Promise.reject(this.deadlineError(error) ?? error);
      },
    );
    axiosRetry(this.http, retrySettings(options.retry ?? {}, this.pacer, options.logger));
    this.http.interceptors.response.use(undefined, (error: unknown) => Promise.reject(toBrevoApiError(error, [options.apiKey])));
  }

  /** HTTP requests sent so far, retries included. */
  get requests(): number {
    return this.budget.requests;
  }

  getTaskTypes(): Promise<BrevoResponse> {
    return this.get('/crm/tasktypes');
  }

  getPipelines(): Promise<BrevoResponse> {
    return this.get('/crm/pipeline/details/all');
  }

  /** GET /crm/deals: pages by `offset`; `modifiedSince` is an ISO time in UTC. */
  listDeals(query: { offset: number; limit: number; modifiedSince?: string }): Promise<BrevoResponse> {
    return this.get('/crm/deals', query);
  }

  /** GET /companies: pages by a 1-based `page`, unlike the other lists. */
  listCompanies(query: { page: number; limit: number; modifiedSince?: string }): Promise<BrevoResponse> {
    return this.get('/companies', query);
  }

  /** GET /contacts: `{contacts, count}`, paged by `offset`. */
  listContacts(query: { offset: number; limit: number; modifiedSince?: string }): Promise<BrevoResponse> {
    return this.get('/contacts', query);
  }

  /** GET /crm/tasks with the singular `filter[...]` parameters, newest first unless `sort` is `asc`. */
  listTasks(filter: TaskListFilter, page: { offset: number; limit: number; sort?: 'asc' | 'desc' }): Promise<BrevoResponse> {
    const query: Record<string, string | number> = { ...page };
    for (const [name, value] of Object.entries(filter)) {
      if (value !== undefined) query[`filter[${name}]`] = value;
    }
    return this.get('/crm/tasks', query);
  }

  /**
   * POST /crm/tasks. Brevo responds 201 with only the new id. `onSend` runs
   * as each attempt leaves, so the caller can record that the outcome may be unknown from then on.
   */
  async createTask(body: TaskBody, onSend?: () => void): Promise<string> {
    const hook: SendHook = onSend ? { onSend } : {};
    const response = await this.serial(() => this.http.post<unknown>('/crm/tasks', body, hook as AxiosRequestConfig));
    const id = (response.data as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || id === '') {
      // The task may exist, but without an id the outcome cannot be confirmed.
      throw new BrevoApiError({ kind: 'http', status: response.status, brevoCode: null, message: 'Brevo responded without a task id', method: 'POST', path: '/crm/tasks', outcomeUnknown: true });
    }
    return id;
  }

  private async get(path: string, params: Record<string, string | number | undefined> = {}): Promise<BrevoResponse> {
    const response = await this.serial(() => this.http.get<unknown>(path, { params: withoutUndefined(params) }));
    const date = Date.parse(String(response.headers.date ?? ''));
    return { data: response.data, serverTime: Number.isNaN(date) ? null : date };
  }

  private observe(response: AxiosResponse): AxiosResponse {
    this.pacer.observe(rateLimitBucket(response.config.url ?? ''), response.headers as Record<string, unknown>, response.status);
    return response;
  }

  /**
   * Returns what a request cut by the run's deadline fails with, or null
   * for every other error. A read ends the run as BudgetSpentError. A write
   * may have reached Brevo, so it stays a BrevoApiError whose outcome is
   * unknown, and the next run searches for the task.
   */
  private deadlineError(error: unknown): Error | null {
    if (!(error instanceof AxiosError) || error.response || !error.config) return null;
    if (!this.deadlines.get(error.config)?.aborted) return null;
    const method = (error.config.method ?? 'get').toUpperCase();
    if (method === 'GET') return new BudgetSpentError('duration', this.budget.maxDurationMs ?? 0);
    return new BrevoApiError({
      kind: 'timeout',
      status: null,
      brevoCode: null,
      message: 'the time budget of the run ran out while the request was in flight. Brevo may have stored the task, so the next run searches for it before sending it again',
      method,
      path: error.config.url ?? '?',
      outcomeUnknown: true,
    });
  }

  /** Runs requests one after another, because the pacer counts one request in flight per bucket. */
  private serial<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function withoutUndefined(params: Record<string, string | number | undefined>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined));
}
