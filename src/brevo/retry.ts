/**
 * Which failed requests the client sends again, and after how long, as
 * axios-retry settings. Reads (GET) are retried on network errors, timeouts,
 * 408, 429 and 5xx. A POST is retried only when Brevo cannot have acted on
 * it: the connection was refused, or Brevo responded with 429. Every other failed
 * POST has an unknown outcome, and the executor decides what to do with it.
 */
import type { AxiosError } from 'axios';
import { exponentialDelay, type IAxiosRetryConfig } from 'axios-retry';
import type { Logger } from 'pino';
import { readRateLimitHeaders } from './rate-limit.js';

export interface RetryOptions {
  /** Retries after network errors, timeouts and 5xx, per request. Default 4. */
  maxRetries?: number;
  /** Retries after 429, per request. Each one waits for the window to reset. Default 5. */
  maxRateLimitRetries?: number;
  /** Base of the exponential backoff in milliseconds: the first retry waits about twice this. Default 250. */
  baseDelayMs?: number;
  /** Maximum backoff in milliseconds. Default 30000. */
  maxDelayMs?: number;
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** axios-retry state with the count of 429 retries beside its own count. */
type RetryState = { retryCount?: number; rateLimitRetries?: number };

export function retrySettings(options: RetryOptions, logger: Logger | undefined): IAxiosRetryConfig {
  const maxRetries = options.maxRetries ?? 4;
  const maxRateLimitRetries = options.maxRateLimitRetries ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 30_000;

  return {
    retries: maxRetries + maxRateLimitRetries,
    shouldResetTimeout: true,
    retryCondition: (error) => {
      const state = retryState(error);
      if (error.response?.status === 429) {
        state.rateLimitRetries = (state.rateLimitRetries ?? 0) + 1;
        return state.rateLimitRetries <= maxRateLimitRetries;
      }
      const transientRetries = (state.retryCount ?? 0) - (state.rateLimitRetries ?? 0);
      return transientRetries < maxRetries && isSafeToRetry(error);
    },
    retryDelay: (retryNumber, error) => {
      // With rate-limit headers the pacer waits for the reset before the next attempt.
      if (error.response?.status === 429 && readRateLimitHeaders(error.response.headers as Record<string, unknown>)) return 0;
      // About 2^n × base plus up to 20 % jitter, or a Retry-After header when one is sent.
      return Math.min(exponentialDelay(Math.min(retryNumber, 16), error, baseDelayMs), maxDelayMs);
    },
    onRetry: (retryNumber, error) => {
      logger?.warn(
        {
          method: error.config?.method?.toUpperCase(),
          path: error.config?.url,
          attempt: retryNumber + 1,
          status: error.response?.status,
          code: error.code,
        },
        'request failed, retrying',
      );
    },
  };
}

function isSafeToRetry(error: AxiosError): boolean {
  const method = (error.config?.method ?? 'get').toUpperCase();
  if (NOT_SENT_CODES.has(error.code ?? '')) return true;
  if (method !== 'GET') return false;
  if (!error.response) return true;
  const status = error.response.status;
  return status >= 500 || status === 408;
}

function retryState(error: AxiosError): RetryState {
  const config = error.config as { 'axios-retry'?: RetryState } | undefined;
  return config?.['axios-retry'] ?? {};
}
