/**
 * The dry run: source → rules → evaluate → reconcile → plan. It reads the
 * state store read-only and writes nothing anywhere; with the live source it
 * only reads from Brevo.
 */
import type { IncrementalOptions } from '../evaluate/changes.js';
import type { Evaluation } from '../evaluate/index.js';
import { evaluate } from '../evaluate/index.js';
import type { Lang } from '../i18n/index.js';
import { pacingEstimate, requestsForApply } from '../execute/estimate.js';
import { outboxItems } from './outbox-items.js';
import type { MirrorRecord, StateReader, SyncUpdate } from '../state/store.js';
import { mirrorKey } from '../state/mirror.js';
import { StateStore } from '../state/store.js';
import type { Diagnostic } from '../types/diagnostics.js';
import type { Plan } from '../types/plan.js';
import type { AccountSnapshot } from '../types/records.js';
import type { RuleSet } from '../types/rules.js';
import { accountNamesOf, loadRuleSet } from '../validate/index.js';
import { buildPlan } from './build-plan.js';
import { readPlanSource, refreshCatalogFor, type PlanSource, type SourceRead } from './plan-source.js';
import { isSkippedByLimit } from './task-limits.js';

export type { PlanSource } from './plan-source.js';

export interface PlanRequest {
  rulesDir: string;
  /** A data directory to read records from; the same as `source: { kind: 'files', dir }`. */
  dataDir?: string;
  source?: PlanSource;
  /** Evaluation time; defaults to the snapshot's capture time. */
  now?: string;
  lang: Lang;
  /** The state store, opened read-only unless `state` is given. */
  statePath?: string;
  /** An open state store to read; apply passes the one it holds. */
  state?: StateReader;
  /**
   * Plan a scheduled run: only occurrences that can be new since the
   * previous run, leaving out those whose task exists (see `incremental` in
   * evaluate/index.ts). `since` is the previous run's evaluation time. Without
   * it, the live source's earliest watermark is used, and without either, the
   * plan covers everything.
   */
  incremental?: { since?: string };
}

/** How long each step of `makePlan` took, in milliseconds. */
export interface PlanTimings {
  /** Reading the source and loading the rules. */
  read: number;
  /** Reading the ledger and the mirror from the state store. */
  state: number;
  evaluate: number;
  /** Reconciling with the ledger and estimating apply. */
  reconcile: number;
}

export type PlanRun =
  | { ok: false; diagnostics: Diagnostic[] }
  | {
      ok: true;
      plan: Plan;
      ruleSet: RuleSet;
      snapshot: AccountSnapshot;
      evaluation: Evaluation;
      /** Records apply remembers in the mirror. */
      seen: MirrorRecord[];
      /** Followup tasks the source found in Brevo: key → task id. */
      markers: Map<string, string>;
      /** What a live read learned, for apply to store. */
      sync?: SyncUpdate;
      diagnostics: Diagnostic[];
      timings: PlanTimings;
    };

export async function makePlan(request: PlanRequest): Promise<PlanRun> {
  const source: PlanSource = request.source ?? { kind: 'files', dir: request.dataDir ?? '' };
  const state: StateReader = request.state ?? StateStore.openReadOnly(request.statePath ?? '.followup/state.db');
  try {
    const startedAt = performance.now();
    let read = await readPlanSource(source, state);
    let loaded = loadRuleSet(request.rulesDir, { lang: request.lang, ...accountNamesOf(read.snapshot) });
    const refreshed = await refreshCatalogFor(read, source, state, loaded.diagnostics);
    if (refreshed) {
      read = refreshed;
      loaded = loadRuleSet(request.rulesDir, { lang: request.lang, ...accountNamesOf(read.snapshot) });
    }
    if (!loaded.ruleSet) return { ok: false, diagnostics: loaded.diagnostics };
    const { snapshot, problems } = read;

    const now = new Date(request.now ?? snapshot.capturedAt).toISOString();
    const readAt = performance.now();
    const ledger = new Map([...state.knownMarkers(), ...state.ledger()]);
    const skipped = state.skippedKeys();
    const mirror = state.mirror();
    const evaluatedAt = performance.now();
    const known = (key: string) => ledger.has(key) || skipped.has(key);
    const incremental = request.incremental ? incrementalOptions(request.incremental, read, state, known) : undefined;
    const evaluation = await evaluate(loaded.ruleSet, snapshot, { now, lang: request.lang, mirror, ...(incremental ? { incremental } : {}) });
    const reconciledAt = performance.now();
    const warnings = loaded.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning');
    const plan = buildPlan({
      now,
      evaluation,
      ledger,
      existingTasks: snapshot.tasks,
      ruleCount: loaded.ruleSet.rules.length,
      problems: [...warnings, ...problems],
      taskLimits: new Map(loaded.ruleSet.rules.map((rule) => [rule.id, rule.maxTasksPerRun])),
      skipped,
    });
    estimateApply(plan, read, state);
    // Records with tasks skipped by the limit stay out of the mirror, so that their
    // occurrences fire again once the rule's limit is raised.
    const refused = new Set(plan.items.filter(isSkippedByLimit).map((item) => `${item.record.type}:${item.record.id}`));
    const seen = read.seen.filter((record) => !refused.has(`${record.kind}:${record.id}`));
    const sync = read.sync ? keepWatermarksOf(read.sync, refused) : undefined;
    const timings: PlanTimings = {
      read: readAt - startedAt,
      state: evaluatedAt - readAt,
      evaluate: reconciledAt - evaluatedAt,
      reconcile: performance.now() - reconciledAt,
    };
    return { ok: true, plan, ruleSet: loaded.ruleSet, snapshot, evaluation, seen, markers: read.markers, ...(sync ? { sync } : {}), diagnostics: loaded.diagnostics, timings };
  } finally {
    if (!request.state) state.close();
  }
}

/**
 * The inputs of an incremental evaluation, or undefined when there is no
 * previous run to go on. Without a `since`, the earliest record watermark of
 * the previous live read is used. It lies a little before that read, so
 * dates are looked at a little early rather than missed. A live read fetches
 * only the records changed since its watermarks, so those are the changed
 * records; for a data directory the records' modification times decide.
 */
function incrementalOptions(
  request: { since?: string },
  read: SourceRead,
  state: StateReader,
  known: (key: string) => boolean,
): IncrementalOptions | undefined {
  const previous = state.watermarks();
  const watermarks = [previous.deal, previous.company, previous.contact].filter((mark): mark is string => mark !== undefined).sort();
  const since = request.since ?? (read.sync ? watermarks[0] : undefined);
  if (since === undefined) return undefined;
  const changed = read.sync ? new Set(read.seen.map((record) => mirrorKey(record.kind, record.id))) : undefined;
  return { since, known, ...(changed ? { changed } : {}) };
}

/** Sets what earlier runs left in the outbox, the plan's request count and the time it takes at the account's rate limit. */
function estimateApply(plan: Plan, read: SourceRead, state: StateReader): void {
  const creates = new Set(plan.items.filter((item) => item.action === 'create').map((item) => item.key));
  const outbox = state.outbox();
  plan.outbox = outboxItems(outbox, creates);
  plan.summary.requests = requestsForApply({ creates, outbox, readRequests: read.readRequests, taskTypesCached: read.taskTypesCached });
  const live = read.live?.rateLimit;
  plan.pacing = pacingEstimate(plan.summary.requests, live ?? state.rateLimit());
}

/**
 * A live read must not move the watermark of a kind past records left out
 * of the mirror, or the next read would never see them again: that kind
 * keeps its old watermark and is read again from there.
 */
function keepWatermarksOf(sync: SyncUpdate, refused: ReadonlySet<string>): SyncUpdate {
  const kinds = new Set([...refused].map((ref) => ref.slice(0, ref.indexOf(':'))));
  const watermarks = Object.fromEntries(Object.entries(sync.watermarks).filter(([kind]) => !kinds.has(kind)));
  return { ...sync, watermarks };
}
