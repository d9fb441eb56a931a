/**
 * Which failed requests the client sends again, and after how long, as
 * axios-retry settings. Reads (GET) are retried on network errors, timeouts,
 * 408, 429 and 5xx. A POST is retried only when Brevo cannot have acted on
 * it: the connection was refused, or Brevo responded with 429. Every other failed
 * POST has an unknown outcome, and the executor decides what to do with it.
 * axios-retry itself waits for nothing, because the delay goes to the
 * pacer, whose wait the run's deadline and stop can end.
 */
import type { AxiosError } from 'axios';
import { exponentialDelay, type IAxiosRetryConfig } from 'axios-retry';
import type { Logger } from 'pino';
import { rateLimitBucket, readRateLimitHeaders, readRetryAfter, type RateLimitPacer } from './rate-limit.js';

export interface RetryOptions {
  /** Retries after network errors, timeouts and 5xx, per request. Default 4. */
  maxRetries?: number;
  /**
   * Retries after 429, per request. Each one waits for `Retry-After`, else for
   * the reset the rate-limit headers state, else an exponential backoff. Default 5.
   */
  maxRateLimitRetries?: number;
  /** Base of the exponential backoff in milliseconds: the first retry waits about twice this. Default 250. */
  baseDelayMs?: number;
  /** Maximum backoff in milliseconds. Default 30000. */
  maxDelayMs?: number;
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** axios-retry state with the count of 429 retries beside its own count. */
type RetryState = { retryCount?: number; rateLimitRetries?: number };

/** Builds the axios-retry settings. Each retry's delay is handed to `pacer`, which waits it out before the next attempt. */
export function retrySettings(options: RetryOptions, pacer: RateLimitPacer, logger: Logger | undefined): IAxiosRetryConfig {
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
      const delay = delayBeforeRetry(retryNumber, error, baseDelayMs, maxDelayMs);
      pacer.deferNext(rateLimitBucket(error.config?.url ?? ''), delay);
      return 0;
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

function delayBeforeRetry(retryNumber: number, error: AxiosError, baseDelayMs: number, maxDelayMs: number): number {
  if (error.response?.status === 429) {
    const headers = error.response.headers as Record<string, unknown>;
    const retryAfter = readRetryAfter(headers);
    if (retryAfter !== null) return retryAfter;
    // The pacer waits for the reset that the rate-limit headers state.
    if (readRateLimitHeaders(headers)) return 0;
  }
  // About 2^n × base plus up to 20 % jitter, or a longer Retry-After (after a 5xx), capped at the maximum.
  return Math.min(exponentialDelay(Math.min(retryNumber, 16), error, baseDelayMs), maxDelayMs);
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
