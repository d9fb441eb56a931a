/**
 * Apply throughput under a rate limit, against the Brevo-compatible test
 * server with a per-second window. Run alone with
 * `node --import tsx bench/apply.ts`; bench/run.ts imports runApplyBench().
 *
 * Figures, measured in steady state (task types already cached, so every
 * request is a POST):
 * - share of the allowed rate: requests the server accepted in every window
 *   but the last, divided by what the limit allowed from the start of the
 *   first window to the start of the last. A client that spends each window
 *   in full and starts the next one the moment it opens scores 100 %.
 * - 429s the server sent: 0 is the target while the headers are honest.
 * - HTTP requests per created task: 1.00 is the target.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Table from 'cli-table3';
import { BrevoClient } from '../src/brevo/client.js';
import { keyMarker, idempotencyKey } from '../src/evaluate/render-task.js';
import { applyPlan } from '../src/execute/apply.js';
import { silentLogger } from '../src/log/logger.js';
import { StateStore } from '../src/state/store.js';
import type { Plan, PlanItem } from '../src/types/plan.js';
import { DEFAULT_TASK_TYPES, startBrevoServer, type RateLimitWindow } from '../test/brevo-server/server.js';

const API_KEY = 'bench-api-key';

export interface ApplyBenchOptions {
  /** Requests the server allows per one-second window. Default 25. */
  limit?: number;
  /** Tasks per measured run; a multiple of `limit` fills every window. Default 6 × limit. */
  tasks?: number;
}

export interface ApplyBenchRow {
  scenario: string;
  tasks: number;
  created: number;
  requests: number;
  rateLimited: number;
  windows: number;
  seconds: number;
  /** Share of the allowed rate, 0–1, or null with fewer than two windows. */
  share: number | null;
}

export interface ApplyBenchResult {
  rows: ApplyBenchRow[];
  /** The rows as a terminal table. */
  table: string;
  /** `apply: <share> % of allowed rate, <n> × 429, <requests> requests per task`, from the honest-headers row. */
  summary: string;
}

export async function runApplyBench(options: ApplyBenchOptions = {}): Promise<ApplyBenchResult> {
  const limit = options.limit ?? 25;
  const tasks = options.tasks ?? 6 * limit;
  const rows = [await measure('honest headers', true, limit, tasks), await measure('headers hide the limit', false, limit, tasks)];
  const honest = rows[0]!;
  const share = honest.share === null ? 'n/a' : (honest.share * 100).toFixed(1);
  const summary = `apply: ${share} % of allowed rate, ${honest.rateLimited} × 429, ${(honest.requests / honest.created).toFixed(2)} requests per task`;
  return { rows, table: renderTable(rows, limit), summary };
}

async function measure(scenario: string, honestHeaders: boolean, limit: number, tasks: number): Promise<ApplyBenchRow> {
  const server = await startBrevoServer({ apiKey: API_KEY, rateLimit: { limit, windowSeconds: 1 }, honestHeaders });
  const dir = mkdtempSync(join(tmpdir(), 'followup-bench-'));
  const store = StateStore.openForWrite(join(dir, 'state.db'));
  try {
    // Warm-up: fills the task type cache, as in every run after the first.
    await applyPlan(benchPlan(1, 'warm-up'), { store, client: newClient(server.url), logger: silentLogger, seen: [] });
    server.reset();

    const client = newClient(server.url);
    const started = performance.now();
    const report = await applyPlan(benchPlan(tasks, scenario), { store, client, logger: silentLogger, seen: [] });
    const seconds = (performance.now() - started) / 1000;
    const windows = server.rateLimitWindows();
    return {
      scenario,
      tasks,
      created: report.created,
      requests: client.requests,
      rateLimited: server.requests.filter((request) => request.status === 429).length,
      windows: windows.length,
      seconds,
      share: shareOfAllowedRate(windows, limit, 1000),
    };
  } finally {
    store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function newClient(baseUrl: string): BrevoClient {
  return new BrevoClient({ apiKey: API_KEY, baseUrl, retry: { maxRateLimitRetries: 20 } });
}

/** Accepted requests of all windows but the last over what the limit allowed between the first and the last window's start. */
export function shareOfAllowedRate(windows: RateLimitWindow[], limit: number, windowMs: number): number | null {
  if (windows.length < 2) return null;
  const last = windows[windows.length - 1]!;
  const accepted = windows.slice(0, -1).reduce((sum, window) => sum + window.accepted, 0);
  const allowed = (limit * (last.start - windows[0]!.start)) / windowMs;
  return accepted / allowed;
}

/** Builds a plan of `count` new tasks, each linked to its own deal. */
function benchPlan(count: number, run: string): Plan {
  const callType = DEFAULT_TASK_TYPES[1]!;
  const items: PlanItem[] = Array.from({ length: count }, (_, index) => {
    const key = idempotencyKey('bench', `${run}/${index}`);
    const dealId = (0xbe0000 + index).toString(16).padStart(24, '0');
    return {
      key,
      action: 'create',
      rule: 'bench',
      record: { type: 'deal', id: dealId },
      occurrence: { trigger: 'dealStageEntered', identity: `${run}/${index}`, at: '2026-12-01T07:00:00.000Z', details: {} },
      task: {
        name: `Bench task ${index}`,
        taskTypeId: callType.id,
        taskType: callType.title,
        date: '2026-12-02T09:00:00.000Z',
        duration: 900_000,
        notes: keyMarker(key),
        done: false,
        assignToId: 'bench@example.com',
        dealsIds: [dealId],
        companiesIds: [],
        contactsIds: [],
      },
      notes: [],
    };
  });
  return {
    formatVersion: 1,
    now: '2026-12-01T07:00:00.000Z',
    summary: { create: count, exists: 0, skip: 0, problems: 0, rules: 1, records: count, requests: count + 1 },
    items,
    problems: [],
    nearMisses: [],
    outbox: [],
  };
}

function renderTable(rows: ApplyBenchRow[], limit: number): string {
  const table = new Table({
    head: ['apply scenario', 'tasks', 'created', 'requests', '429s', 'windows', 'seconds', 'share of allowed rate', 'requests per task'],
    style: { head: [], border: [] },
  });
  for (const row of rows) {
    table.push([
      row.scenario,
      row.tasks,
      row.created,
      row.requests,
      row.rateLimited,
      row.windows,
      row.seconds.toFixed(2),
      row.share === null ? 'n/a' : `${(row.share * 100).toFixed(1)} %`,
      (row.requests / Math.max(1, row.created)).toFixed(2),
    ]);
  }
  const cpu = cpus();
  return `Apply against the local Brevo server, ${limit} requests per 1 s window (Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'})\n${table.toString()}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runApplyBench();
  console.log(result.table);
  console.log(result.summary);
}
