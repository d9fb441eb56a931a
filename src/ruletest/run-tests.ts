/**
 * Run rule tests: each case builds an account from a data directory and
 * inline records, evaluates the rules at a fixed `now`, and compares the
 * planned tasks with the expected ones, field by field.
 */
import { evaluate } from '../evaluate/index.js';
import type { Lang } from '../i18n/index.js';
import { buildPlan } from '../plan/build-plan.js';
import { readDataDirectory } from '../source/file-source.js';
import { SourceError } from '../source/errors.js';
import { mirrorFromMap, mirrorKey, type MirrorEntry } from '../state/mirror.js';
import type { Diagnostic } from '../types/diagnostics.js';
import type { AccountSnapshot } from '../types/records.js';
import { BREVO_DEFAULT_TASK_TYPES, loadRuleSet } from '../validate/index.js';
import { compareTasks } from './compare.js';
import type { RuleTestCase, RuleTestResult } from './types.js';

export async function runRuleTest(testCase: RuleTestCase, rulesDir: string, lang: Lang): Promise<RuleTestResult> {
  const base = { name: testCase.name, position: testCase.position };
  const account = buildAccount(testCase);
  if (!account.ok) return { ...base, passed: false, differences: [], errors: [account.error] };

  const { snapshot } = account;
  const loaded = loadRuleSet(rulesDir, { lang, taskTypes: snapshot.taskTypes.map((type) => type.title), pipelines: snapshot.pipelines });
  if (!loaded.ruleSet) return { ...base, passed: false, differences: [], errors: loaded.diagnostics.filter((d) => d.severity === 'error') };

  const unknown = (testCase.rules ?? []).filter((id) => !loaded.ruleSet!.rules.some((rule) => rule.id === id));
  if (unknown.length > 0) {
    const error: Diagnostic = { code: 'RULE_TEST_RULE_UNKNOWN', severity: 'error', params: { rules: unknown.join(', ') }, position: testCase.position };
    return { ...base, passed: false, differences: [], errors: [error] };
  }
  // A test that names a rule runs it even when the rule file disables it.
  const rules = testCase.rules
    ? loaded.ruleSet.rules.filter((rule) => testCase.rules!.includes(rule.id)).map((rule) => ({ ...rule, enabled: true }))
    : loaded.ruleSet.rules;

  const evaluation = await evaluate({ ...loaded.ruleSet, rules }, snapshot, { now: testCase.now, lang, mirror: mirrorOf(testCase) });
  const plan = buildPlan({ now: testCase.now, evaluation, ledger: new Map(), existingTasks: snapshot.tasks, ruleCount: rules.length });
  const differences = compareTasks(testCase.expect, plan, evaluation);
  return { ...base, passed: differences.length === 0, differences, errors: [] };
}

type AccountResult = { ok: true; snapshot: AccountSnapshot } | { ok: false; error: Diagnostic };

function buildAccount(testCase: RuleTestCase): AccountResult {
  let snapshot: AccountSnapshot;
  try {
    snapshot = testCase.data ? readDataDirectory(testCase.data).snapshot : emptyAccount(testCase.now);
    if (testCase.account) {
      const { pipelines, taskTypes } = readDataDirectory(testCase.account).snapshot;
      snapshot = { ...snapshot, pipelines, taskTypes };
    }
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    return { ok: false, error: { code: error.code, severity: 'error', params: error.params, position: testCase.position } };
  }
  const merged = { ...snapshot, capturedAt: testCase.now } as unknown as Record<string, unknown[]>;
  for (const [list, records] of Object.entries(testCase.records)) {
    merged[list] = mergeById(merged[list] ?? [], records as unknown[]);
  }
  return { ok: true, snapshot: merged as unknown as AccountSnapshot };
}

function emptyAccount(now: string): AccountSnapshot {
  const taskTypes = BREVO_DEFAULT_TASK_TYPES.map((title, index) => ({ id: `00000000000000000000000${index}`, title }));
  return { capturedAt: now, deals: [], companies: [], contacts: [], pipelines: [], taskTypes, tasks: [], loyaltyEvents: [] };
}

/** Records with an id already present replace it; the rest are added. */
function mergeById(base: unknown[], additions: unknown[]): unknown[] {
  const idOf = (record: unknown) => (record as { id?: unknown; pipeline?: unknown })?.id ?? (record as { pipeline?: unknown })?.pipeline;
  const result = [...base];
  for (const record of additions) {
    const index = result.findIndex((existing) => idOf(existing) !== undefined && idOf(existing) === idOf(record));
    if (index === -1) result.push(record);
    else result[index] = record;
  }
  return result;
}

function mirrorOf(testCase: RuleTestCase) {
  const entries = new Map<string, MirrorEntry>();
  for (const [kind, byId] of Object.entries(testCase.seen)) {
    for (const [id, attributes] of Object.entries(byId ?? {})) {
      entries.set(mirrorKey(kind as 'deal', id), { attributes, seenAt: testCase.now });
    }
  }
  return mirrorFromMap(entries);
}
