/**
 * A small Brevo v3 client over axios. Reads are free to call from anywhere;
 * `createTask` is called by the executor only.
 */
import axios, { AxiosError, type AxiosInstance } from 'axios';
import type { TaskBody } from '../types/plan.js';
import type { BrevoPipeline, BrevoTask, BrevoTaskType } from '../types/records.js';
import { BrevoApiError } from './errors.js';

export const DEFAULT_BREVO_API_URL = 'https://api.brevo.com/v3';

export interface BrevoClientOptions {
  apiKey: string;
  baseUrl?: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
}

/** Rate-limit state from the last `x-sib-ratelimit-*` headers seen. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

export class BrevoClient {
  private readonly http: AxiosInstance;
  lastRateLimit: RateLimitState | null = null;

  constructor(options: BrevoClientOptions) {
    this.http = axios.create({
      baseURL: (options.baseUrl ?? DEFAULT_BREVO_API_URL).replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 30_000,
      headers: { 'api-key': options.apiKey, accept: 'application/json', 'content-type': 'application/json' },
      validateStatus: (status) => status >= 200 && status < 300,
      transitional: { clarifyTimeoutError: true },
    });
    this.http.interceptors.response.use(
      (response) => {
        this.lastRateLimit = readRateLimit(response.headers as Record<string, unknown>) ?? this.lastRateLimit;
        return response;
      },
      (error: unknown) => {
        if (error instanceof AxiosError && error.response) {
          this.lastRateLimit = readRateLimit(error.response.headers as Record<string, unknown>) ?? this.lastRateLimit;
        }
        return Promise.reject(toBrevoError(error));
      },
    );
  }

  async getTaskTypes(): Promise<BrevoTaskType[]> {
    const { data } = await this.http.get<BrevoTaskType[]>('/crm/tasktypes');
    return data;
  }

  async getPipelines(): Promise<BrevoPipeline[]> {
    const { data } = await this.http.get<BrevoPipeline[]>('/crm/pipeline/details/all');
    return data;
  }

  async listTasks(filter: Record<string, string>, offset = 0, limit = 50): Promise<BrevoTask[]> {
    const params: Record<string, string | number> = { offset, limit };
    for (const [name, value] of Object.entries(filter)) params[`filter[${name}]`] = value;
    const { data } = await this.http.get<{ items?: BrevoTask[] }>('/crm/tasks', { params });
    return data.items ?? [];
  }

  async createTask(body: TaskBody): Promise<string> {
    const { data } = await this.http.post<{ id: string }>('/crm/tasks', body);
    return data.id;
  }
}

function readRateLimit(headers: Record<string, unknown>): RateLimitState | null {
  const limit = Number(headers['x-sib-ratelimit-limit']);
  const remaining = Number(headers['x-sib-ratelimit-remaining']);
  const reset = Number(headers['x-sib-ratelimit-reset']);
  if (![limit, remaining, reset].every(Number.isFinite)) return null;
  return { limit, remaining, resetSeconds: reset };
}

function toBrevoError(error: unknown): BrevoApiError {
  if (!(error instanceof AxiosError)) {
    return new BrevoApiError({ kind: 'network', status: null, brevoCode: null, message: String((error as Error)?.message ?? error), method: '?', path: '?', outcomeUnknown: true });
  }
  const method = (error.config?.method ?? 'get').toUpperCase();
  const path = error.config?.url ?? '?';
  const writes = method !== 'GET';
  if (error.response) {
    const body = error.response.data as { code?: unknown; message?: unknown } | undefined;
    const message = typeof body?.message === 'string' ? body.message : `HTTP ${error.response.status}`;
    return new BrevoApiError({
      kind: 'http',
      status: error.response.status,
      brevoCode: typeof body?.code === 'string' ? body.code : null,
      message,
      method,
      path,
      // A 5xx may come after the server already stored the task.
      outcomeUnknown: writes && error.response.status >= 500,
    });
  }
  const timedOut = error.code === 'ETIMEDOUT' || error.code === 'ECONNABORTED';
  return new BrevoApiError({
    kind: timedOut ? 'timeout' : 'network',
    status: null,
    brevoCode: null,
    message: error.code ?? error.message,
    method,
    path,
    // Refused connections never reached the server; everything else may have.
    outcomeUnknown: writes && error.code !== 'ECONNREFUSED',
  });
}
