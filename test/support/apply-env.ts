/**
 * In-process plan and apply against the Brevo-compatible server, with the
 * bundled rules and example account, plus checks on what the server stores.
 */
import { join } from 'node:path';
import { RunBudget } from '../../src/brevo/budget.js';
import { BrevoClient } from '../../src/brevo/client.js';
import type { RetryOptions } from '../../src/brevo/retry.js';
import { applyPlan, type ApplyOptions } from '../../src/execute/apply.js';
import { silentLogger } from '../../src/log/logger.js';
import { makePlan, type PlanSource } from '../../src/plan/make-plan.js';
import { StateStore, type SyncKind } from '../../src/state/store.js';
import type { BrevoServer, StoredTask } from '../brevo-server/server.js';
import { ROOT } from './cli.js';

export const EXAMPLE = join(ROOT, 'examples/crm');
export const RULES = join(ROOT, 'rules');
/** The example account's capture time, so that live and file plans evaluate alike. */
export const EXAMPLE_NOW = '2026-12-01T07:00:00.000Z';

/** Retries fast enough for tests; the backoff logic is the same. */
export const FAST_RETRY: RetryOptions = { baseDelayMs: 5, maxDelayMs: 50 };

export interface ClientSettings {
  apiKey: string;
  maxRequests?: number;
  maxDurationMs?: number;
  timeoutMs?: number;
  retry?: RetryOptions;
}

export function testClient(server: BrevoServer, settings: ClientSettings): BrevoClient {
  const budget = new RunBudget({
    ...(settings.maxRequests !== undefined ? { maxRequests: settings.maxRequests } : {}),
    ...(settings.maxDurationMs !== undefined ? { maxDurationMs: settings.maxDurationMs } : {}),
  });
  return new BrevoClient({
    apiKey: settings.apiKey,
    baseUrl: server.url,
    timeoutMs: settings.timeoutMs ?? 2_000,
    budget,
    retry: settings.retry ?? FAST_RETRY,
  });
}

export interface PlanAndApplyOptions extends Partial<Pick<ApplyOptions, 'createAttempts' | 'graceMs'>> {
  client?: BrevoClient;
  source?: 'files' | 'brevo';
  /** Live source only. */
  pageSizes?: Partial<Record<SyncKind, number>>;
  fullSync?: boolean;
}

/** Plans from the example directory (or the live server) and applies, as `followup apply` does after its lock. */
export async function planAndApply(server: BrevoServer, statePath: string, settings: ClientSettings, options: PlanAndApplyOptions = {}) {
  const client = options.client ?? testClient(server, settings);
  const store = StateStore.openForWrite(statePath);
  try {
    const source: PlanSource =
      options.source === 'brevo'
        ? { kind: 'brevo', client, ...(options.pageSizes ? { pageSizes: options.pageSizes } : {}), ...(options.fullSync ? { fullSync: true } : {}) }
        : { kind: 'files', dir: EXAMPLE };
    const run = await makePlan({ rulesDir: RULES, source, lang: 'en', state: store, now: EXAMPLE_NOW });
    if (!run.ok) throw new Error(`rules invalid: ${JSON.stringify(run.diagnostics)}`);
    const report = await applyPlan(run.plan, {
      store,
      client,
      logger: silentLogger,
      seen: run.seen,
      markers: run.markers,
      ...(run.sync ? { sync: run.sync } : {}),
      ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
      ...(options.createAttempts !== undefined ? { createAttempts: options.createAttempts } : {}),
    });
    return { plan: run.plan, report, client };
  } finally {
    store.close();
  }
}

/** Returns the tasks on the server that carry the marker of `key`. */
export function tasksWithKey(server: BrevoServer, key: string): StoredTask[] {
  return server.tasks().filter((task) => task.notes?.includes(`[followup:${key}]`));
}

/** Keys whose marker appears on a number of tasks other than one. */
export function keysNotExactlyOnce(server: BrevoServer, keys: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) {
    const count = tasksWithKey(server, key).length;
    if (count !== 1) counts[key] = count;
  }
  return counts;
}
