/**
 * `npm run bench`: the plan bench (plan-bench.ts), then the apply bench when
 * bench/apply.ts exists and exports `runApplyBench`.
 *
 *   npm run bench -- [--deals N] [--companies N] [--contacts N] [--seed N]
 *                    [--sample N] [--changed SHARE] [--keep]
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_PLAN_BENCH, runPlanBench, type PlanBenchOptions } from './plan-bench.js';

const USAGE = `Usage: npm run bench -- [options]

Options:
  --deals N        deals in the generated account (default ${DEFAULT_PLAN_BENCH.deals})
  --companies N    companies (default ${DEFAULT_PLAN_BENCH.companies})
  --contacts N     contacts (default ${DEFAULT_PLAN_BENCH.contacts})
  --seed N         seed of the generated account (default ${DEFAULT_PLAN_BENCH.seed})
  --sample N       records the naive baseline runs on (default ${DEFAULT_PLAN_BENCH.sample})
  --changed SHARE  share of deals changed before the scheduled run, 0 to 1 (default ${DEFAULT_PLAN_BENCH.changedShare})
  --keep           keep the generated data directories and state store
  --help           print this help`;

function parseOptions(argv: string[]): PlanBenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      deals: { type: 'string' },
      companies: { type: 'string' },
      contacts: { type: 'string' },
      seed: { type: 'string' },
      sample: { type: 'string' },
      changed: { type: 'string' },
      keep: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return null;

  const count = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a whole number of 0 or more, got "${text}".`);
    return value;
  };
  const changedShare = values.changed === undefined ? DEFAULT_PLAN_BENCH.changedShare : Number(values.changed);
  if (!(changedShare >= 0 && changedShare <= 1)) throw new Error(`--changed must be a number from 0 to 1, got "${values.changed}".`);

  return {
    ...DEFAULT_PLAN_BENCH,
    deals: count('deals', values.deals, DEFAULT_PLAN_BENCH.deals),
    companies: count('companies', values.companies, DEFAULT_PLAN_BENCH.companies),
    contacts: count('contacts', values.contacts, DEFAULT_PLAN_BENCH.contacts),
    seed: count('seed', values.seed, DEFAULT_PLAN_BENCH.seed),
    sample: count('sample', values.sample, DEFAULT_PLAN_BENCH.sample),
    changedShare,
    keep: values.keep ?? false,
    log: (line) => console.error(line),
  };
}

/** Run bench/apply.ts's `runApplyBench` when that module exists; its absence is no error. */
async function runApplyBenchIfPresent(): Promise<void> {
  const path = fileURLToPath(new URL('./apply.ts', import.meta.url));
  if (!existsSync(path)) {
    console.error('No bench/apply.ts; skipping the apply bench.');
    return;
  }
  // A computed specifier, so that type checking does not need the file either.
  const module = (await import(pathToFileURL(path).href)) as { runApplyBench?: () => Promise<unknown> };
  if (typeof module.runApplyBench !== 'function') {
    console.error('bench/apply.ts exports no runApplyBench; skipping the apply bench.');
    return;
  }
  console.error('Measuring apply …');
  const result = (await module.runApplyBench()) as { table?: unknown; summary?: unknown } | undefined;
  console.log('');
  if (typeof result?.table === 'string') console.log(result.table);
  if (typeof result?.summary === 'string') console.log(result.summary);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return;
  }
  await runPlanBench(options);
  await runApplyBenchIfPresent();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
