/**
 * One measurement of the plan bench, in a process of its own so that its
 * peak memory is its own. Prints one line of JSON on stdout.
 *
 *   plan-worker.ts plan --data DIR --rules DIR --state FILE [--since ISO] [--write-state]
 *   plan-worker.ts naive --data DIR --rules DIR --sample N
 *
 * `plan` times `makePlan`, the path `followup plan --data DIR` takes:
 * reading the data directory, loading the rules, evaluating, reconciling.
 * With `--since` it plans a scheduled run, and with `--write-state` it then
 * stores what an apply of the plan would have left behind: the records in
 * the mirror, and every planned task as found in Brevo by its key marker.
 * `naive` measures the naive json-rules-engine baseline (naive.ts) on a
 * sample of the same data.
 */
import { parseArgs } from 'node:util';
import { makePlan } from '../src/plan/make-plan.js';
import { readDataDirectory } from '../src/source/file-source.js';
import { StateStore } from '../src/state/store.js';
import { accountNamesOf, loadRuleSet } from '../src/validate/index.js';
import { measureNaiveRate } from './naive.js';

export interface PlanMeasurement {
  seconds: number;
  /** The steps of makePlan, in seconds, as it timed them. */
  phases: { read: number; state: number; evaluate: number; reconcile: number };
  /** CPU time of the process, all threads, including the garbage collector. */
  cpuSeconds: number;
  peakMiB: number;
  records: number;
  deals: number;
  companies: number;
  contacts: number;
  rules: number;
  create: number;
  exists: number;
  nearMisses: number;
  problems: number;
}

export interface NaiveMeasurement {
  records: number;
  rules: number;
  seconds: number;
  pairsPerSecond: number;
  recordsMatched: number;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string' },
    rules: { type: 'string' },
    state: { type: 'string' },
    since: { type: 'string' },
    'write-state': { type: 'boolean' },
    sample: { type: 'string' },
  },
});

function required(name: 'data' | 'rules' | 'state'): string {
  const value = values[name];
  if (value === undefined) throw new Error(`plan-worker: --${name} is required.`);
  return value;
}

async function measurePlan(): Promise<PlanMeasurement> {
  const statePath = required('state');
  const startedAt = performance.now();
  const run = await makePlan({
    rulesDir: required('rules'),
    dataDir: required('data'),
    lang: 'en',
    statePath,
    ...(values.since ? { incremental: { since: values.since } } : {}),
  });
  const seconds = (performance.now() - startedAt) / 1000;
  if (!run.ok) throw new Error(`The plan failed: ${JSON.stringify(run.diagnostics.slice(0, 3))}`);

  const cpu = process.cpuUsage();
  const measurement: PlanMeasurement = {
    seconds,
    phases: {
      read: run.timings.read / 1000,
      state: run.timings.state / 1000,
      evaluate: run.timings.evaluate / 1000,
      reconcile: run.timings.reconcile / 1000,
    },
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakMiB: process.resourceUsage().maxRSS / 1024,
    records: run.evaluation.recordCount,
    deals: run.snapshot.deals.length,
    companies: run.snapshot.companies.length,
    contacts: run.snapshot.contacts.length,
    rules: run.ruleSet.rules.length,
    create: run.plan.summary.create,
    exists: run.plan.summary.exists,
    nearMisses: run.evaluation.nearMisses.length,
    problems: run.plan.problems.length,
  };

  if (values['write-state']) {
    const markers = new Map(run.plan.items.filter((item) => item.action === 'create').map((item, index) => [item.key, `bench-task-${index}`]));
    const store = StateStore.openForWrite(statePath);
    try {
      store.enqueue({ entries: [], seen: run.seen, markers }, run.plan.now);
    } finally {
      store.close();
    }
  }
  return measurement;
}

async function measureNaive(): Promise<NaiveMeasurement> {
  const { snapshot } = readDataDirectory(required('data'));
  const loaded = loadRuleSet(required('rules'), { lang: 'en', ...accountNamesOf(snapshot) });
  if (!loaded.ruleSet) throw new Error(`The bench rules are invalid: ${JSON.stringify(loaded.diagnostics.slice(0, 3))}`);
  const sample = Number(values.sample ?? '3000');
  return measureNaiveRate(loaded.ruleSet.rules, snapshot, snapshot.capturedAt, sample);
}

const mode = positionals[0];
let result: PlanMeasurement | NaiveMeasurement;
if (mode === 'plan') result = await measurePlan();
else if (mode === 'naive') result = await measureNaive();
else throw new Error(`plan-worker: unknown mode "${mode ?? ''}"; use plan or naive.`);
process.stdout.write(`${JSON.stringify(result)}\n`);
