import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../src/types/plan.js';
import { ROOT, runCli, tempDir } from './support/cli.js';

const EXAMPLE = join(ROOT, 'examples/crm');

describe('followup plan on the example account', () => {
  it('prints a table with tasks from every rule family and writes no state', async () => {
    const dir = tempDir();
    const state = join(dir, 'state.db');
    const result = await runCli(['plan', '--data', EXAMPLE, '--state', state]);

    expect(result.code).toBe(0);
    for (const rule of ['deal-lead-qualify', 'deal-won-onboard', 'company-contract-renewal', 'loyalty-event-check-in']) {
      expect(result.stdout).toContain(rule);
    }
    expect(result.stdout).toMatch(/\d+ to create, 0 already exist/);
    expect(existsSync(state)).toBe(false);
    expect(existsSync(join(dir, '.followup'))).toBe(false);
  });

  it('prints bodies Brevo accepts with --format json', async () => {
    const result = await runCli(['plan', '--data', EXAMPLE, '--format', 'json', '--state', join(tempDir(), 's.db')]);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as Plan;

    expect(plan.formatVersion).toBe(1);
    expect(plan.now).toBe('2026-12-01T07:00:00.000Z');
    expect(plan.summary.create).toBe(plan.items.length);
    expect(plan.summary.requests).toBe(plan.items.length + 1);
    const demo = plan.items.find((item) => item.rule === 'deal-qualified-schedule-demo')!;
    expect(demo.task.taskType).toBe('Meeting');
    expect(demo.task.taskTypeId).toMatch(/^[0-9a-f]{24}$/);
    expect(demo.task.duration).toBe(3_600_000);
    expect(demo.task.reminder).toEqual({ value: 30, unit: 'minutes', types: ['email'] });
    expect(demo.occurrence.details.stage).toBe('Qualified');
    expect(demo.task.dealsIds).toEqual([demo.record.id]);
    for (const item of plan.items) {
      expect(Object.keys(item).sort()).toEqual(['action', 'key', 'notes', 'occurrence', 'record', 'rule', 'task']);
      expect(Object.keys(item.task)).not.toContain('assignTo');
      expect(item.task.notes).toContain(`[followup:${item.key}]`);
      expect(Date.parse(item.task.date)).toBeGreaterThanOrEqual(Date.parse(plan.now));
    }
  });

  it('lists the deliberate bad records as problems and keeps going', async () => {
    const result = await runCli(['plan', '--data', EXAMPLE, '--format', 'json', '--state', join(tempDir(), 's.db')]);
    const plan = JSON.parse(result.stdout) as Plan & { problems: { code: string; message: string }[] };
    const codes = plan.problems.map((problem) => problem.code).sort();
    expect(codes).toEqual(expect.arrayContaining(['ASSIGNEE_UNRESOLVED', 'EVENT_COMPANY_UNKNOWN', 'RECORD_DATE_INVALID', 'RECORD_STAGE_UNKNOWN']));
    for (const problem of plan.problems) expect(problem.message).not.toBe(problem.code);
    const names = plan.items.map((item) => item.record.name ?? '');
    expect(names.some((name) => name.startsWith('Stale Lead'))).toBe(false);
    expect(names.some((name) => name.startsWith('Partner'))).toBe(false);
  });

  it('renders Markdown for a pull-request comment, with problems and notes', async () => {
    const result = await runCli(['plan', '--data', EXAMPLE, '--format', 'markdown', '--state', join(tempDir(), 's.db')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^### Plan as of 2026-12-01 07:00 UTC/);
    expect(result.stdout).toContain('| Action | Rule | Record | Task | Type | Due | Assignee |');
    expect(result.stdout).toMatch(/- `ASSIGNEE_UNRESOLVED` .*\(company Nobody Assigned Ltd\) hint:/);
    expect(result.stdout).toContain('<summary>Notes on planned tasks');
    expect(result.stdout).toMatch(/- `DUE_MOVED` .*\(deal Late Lead/);
  });

  it('exits 2 with --detailed-exitcode when there are tasks to create', async () => {
    const result = await runCli(['plan', '--data', EXAMPLE, '--detailed-exitcode', '--state', join(tempDir(), 's.db')]);
    expect(result.code).toBe(2);
  });

  it('speaks German with --lang de', async () => {
    const result = await runCli(['plan', '--data', EXAMPLE, '--lang', 'de', '--state', join(tempDir(), 's.db')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Plan zum Stand');
    expect(result.stdout).toMatch(/\d+ anzulegen, 0 bereits vorhanden/);
    expect(result.stdout).toMatch(/\d{2}\.\d{2}\.2026 \d{2}:\d{2}/);
  });

  it('picks German from LANG', async () => {
    const result = await runCli(['plan', '--data', EXAMPLE, '--state', join(tempDir(), 's.db')], { LANG: 'de_DE.UTF-8' });
    expect(result.stdout).toContain('Plan zum Stand');
  });

  it('asks for a source when --data is missing', async () => {
    const result = await runCli(['plan']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--data');
    expect(result.stdout).toBe('');
  });

  it('names a missing data directory', async () => {
    const result = await runCli(['plan', '--data', '/nonexistent/followup']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('/nonexistent/followup');
  });
});
