/**
 * The dry run: source → rules → evaluate → reconcile → plan. It reads the
 * state store read-only and writes nothing anywhere.
 */
import type { Evaluation } from '../evaluate/index.js';
import { evaluate } from '../evaluate/index.js';
import type { Lang } from '../i18n/index.js';
import { readDataDirectory } from '../source/file-source.js';
import type { MirrorRecord, StateReader } from '../state/store.js';
import { StateStore } from '../state/store.js';
import type { Diagnostic } from '../types/diagnostics.js';
import type { Plan } from '../types/plan.js';
import type { AccountSnapshot } from '../types/records.js';
import type { RuleSet } from '../types/rules.js';
import { loadRuleSet } from '../validate/index.js';
import { buildPlan } from './build-plan.js';

export interface PlanRequest {
  rulesDir: string;
  dataDir: string;
  /** Evaluation time; defaults to the snapshot's capture time. */
  now?: string;
  lang: Lang;
  statePath: string;
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
      diagnostics: Diagnostic[];
    };

export async function makePlan(request: PlanRequest): Promise<PlanRun> {
  const { snapshot, problems } = readDataDirectory(request.dataDir);
  const loaded = loadRuleSet(request.rulesDir, {
    lang: request.lang,
    taskTypes: snapshot.taskTypes.map((type) => type.title),
    pipelines: snapshot.pipelines,
  });
  if (!loaded.ruleSet) return { ok: false, diagnostics: loaded.diagnostics };

  const now = new Date(request.now ?? snapshot.capturedAt).toISOString();
  const state: StateReader = StateStore.openReadOnly(request.statePath);
  try {
    const evaluation = await evaluate(loaded.ruleSet, snapshot, { now, lang: request.lang, mirror: state.mirror() });
    const warnings = loaded.diagnostics.filter((diagnostic) => diagnostic.severity === 'warning');
    const plan = buildPlan({
      now,
      evaluation,
      ledger: state.ledger(),
      existingTasks: snapshot.tasks,
      ruleCount: loaded.ruleSet.rules.length,
      problems: [...warnings, ...problems],
    });
    return { ok: true, plan, ruleSet: loaded.ruleSet, snapshot, evaluation, seen: seenRecords(snapshot), diagnostics: loaded.diagnostics };
  } finally {
    state.close();
  }
}

function seenRecords(snapshot: AccountSnapshot): MirrorRecord[] {
  return [
    ...snapshot.deals.map((deal) => ({ kind: 'deal' as const, id: deal.id, attributes: deal.attributes })),
    ...snapshot.companies.map((company) => ({ kind: 'company' as const, id: company.id, attributes: company.attributes })),
    ...snapshot.contacts.map((contact) => ({ kind: 'contact' as const, id: String(contact.id), attributes: contact.attributes })),
  ];
}
