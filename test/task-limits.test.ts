import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Candidate, Evaluation } from '../src/evaluate/index.js';
import { buildPlan } from '../src/plan/build-plan.js';
import { makePlan } from '../src/plan/make-plan.js';
import type { Plan } from '../src/types/plan.js';
import { ROOT, runCli, tempDir } from './support/cli.js';

const EXAMPLE = join(ROOT, 'examples/crm');

function candidate(rule: string, index: number): Candidate {
  return {
    key: `fu-${rule}-${index}`,
    rule,
    record: { type: 'deal', id: `${rule}-${index}` },
    occurrence: { trigger: 'dealStageEntered', identity: `${rule}:${index}`, at: '2026-12-01T07:00:00.000Z', details: {} },
    task: {
      name: `Task ${index}`,
      taskTypeId: 't',
      taskType: 'Call',
      date: '2026-12-02T08:00:00.000Z',
      notes: '',
      done: false,
      assignToId: 'revops@example.com',
      dealsIds: [],
      companiesIds: [],
      contactsIds: [],
    },
    notes: [],
  };
}

function evaluation(candidates: Candidate[]): Evaluation {
  return { candidates, nearMisses: [], problems: [], recordCount: candidates.length };
}

function plan(candidates: Candidate[], limits: Record<string, number>, ledger: [string, string][] = []): Plan {
  return buildPlan({
    now: '2026-12-01T07:00:00.000Z',
    evaluation: evaluation(candidates),
    ledger: new Map(ledger),
    existingTasks: [],
    ruleCount: Object.keys(limits).length,
    taskLimits: new Map(Object.entries(limits)),
  });
}

const batch = (rule: string, count: number) => Array.from({ length: count }, (_, index) => candidate(rule, index));

describe('maxTasksPerRun guard', () => {
  it('turns every creation of a rule over its limit into a skip', () => {
    const result = plan([...batch('mass', 3), ...batch('fine', 2)], { mass: 2, fine: 2 });

    expect(result.items.filter((item) => item.rule === 'mass').map((item) => item.action)).toEqual(['skip', 'skip', 'skip']);
    expect(result.items.filter((item) => item.rule === 'fine').map((item) => item.action)).toEqual(['create', 'create']);
  });

  it('reports the rule once with count and limit', () => {
    const result = plan(batch('mass', 3), { mass: 2 });

    expect(result.problems).toEqual([
      { code: 'RULE_TASK_LIMIT_EXCEEDED', severity: 'error', params: { rule: 'mass', count: 3, limit: 2 }, rule: 'mass' },
    ]);
    expect(result.items.every((item) => item.notes.some((note) => note.code === 'RULE_TASK_LIMIT_EXCEEDED'))).toBe(true);
  });

  it('counts the skips and leaves them out of the request estimate', () => {
    const result = plan([...batch('mass', 3), ...batch('fine', 2)], { mass: 2, fine: 2 });

    expect(result.summary).toMatchObject({ create: 2, skip: 3, problems: 1, requests: 3 });
  });

  it('allows exactly the limit', () => {
    const result = plan(batch('edge', 2), { edge: 2 });

    expect(result.items.map((item) => item.action)).toEqual(['create', 'create']);
    expect(result.problems).toEqual([]);
  });

  it('does not count tasks that already exist', () => {
    const result = plan(batch('mass', 3), { mass: 2 }, [['fu-mass-0', 'task-1']]);

    expect(result.items.map((item) => item.action)).toEqual(['exists', 'create', 'create']);
    expect(result.problems).toEqual([]);
  });

  it('leaves rules without a limit alone', () => {
    const result = plan(batch('open', 5), {});

    expect(result.summary.create).toBe(5);
  });
});

describe('maxTasksPerRun in a plan of the example account', () => {
  function rulesWithLimit(limit: number): string {
    const dir = tempDir('followup-limit-');
    cpSync(join(ROOT, 'rules'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'renewals.yaml'),
      `version: 1
defaults: { timezone: Europe/Berlin }
rules:
  - id: renewal-mass-check
    trigger:
      dateApproaching: { record: company, field: renewal_date, within: 90 days }
    task:
      name: "Check renewal terms: {{ company.name }}"
      type: todo
      due: { on: company.renewal_date, before: 30 days }
      assignee: ["{{ company.owner }}", revops@example.com]
      link: [company]
    maxTasksPerRun: ${limit}
`,
    );
    return dir;
  }

  it('keeps skipped records out of the mirror', async () => {
    const run = await makePlan({ rulesDir: rulesWithLimit(3), dataDir: EXAMPLE, lang: 'en', statePath: join(tempDir(), 's.db') });
    if (!run.ok) throw new Error(JSON.stringify(run.diagnostics));

    const skipped = run.plan.items.filter((item) => item.rule === 'renewal-mass-check');
    expect(skipped.length).toBeGreaterThan(3);
    expect(skipped.every((item) => item.action === 'skip')).toBe(true);
    const seen = new Set(run.seen.map((record) => `${record.kind}:${record.id}`));
    for (const item of skipped) expect(seen.has(`${item.record.type}:${item.record.id}`)).toBe(false);
    expect(run.seen.length).toBeGreaterThan(0);
  });

  it('shows the limit problem in CLI JSON', async () => {
    const result = await runCli(['plan', '--rules', rulesWithLimit(3), '--data', EXAMPLE, '--format', 'json', '--state', join(tempDir(), 's.db')]);
    const printed = JSON.parse(result.stdout) as Omit<Plan, 'problems'> & { problems: { code: string; message: string }[] };

    expect(result.code).toBe(0);
    const problem = printed.problems.find((candidate) => candidate.code === 'RULE_TASK_LIMIT_EXCEEDED')!;
    expect(problem.message).toMatch(/^Rule renewal-mass-check would create \d+ tasks in this run, more than its maxTasksPerRun of 3, so it creates none of them\.$/);
    expect(printed.summary.skip).toBe(printed.items.filter((item) => item.rule === 'renewal-mass-check').length);
  });

  it('plans the rule normally under a high enough limit', async () => {
    const run = await makePlan({ rulesDir: rulesWithLimit(100), dataDir: EXAMPLE, lang: 'en', statePath: join(tempDir(), 's.db') });
    if (!run.ok) throw new Error(JSON.stringify(run.diagnostics));

    expect(run.plan.summary.skip).toBe(0);
    expect(run.plan.items.some((item) => item.rule === 'renewal-mass-check' && item.action === 'create')).toBe(true);
  });
});
