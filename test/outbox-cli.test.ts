/**
 * What earlier runs leave in the outbox, as a user meets it: the plan lists
 * it, the apply report holds on to tasks Brevo rejected, and
 * `followup outbox` retries or drops them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { ApplyReport } from '../src/execute/report.js';
import type { OutboxItem, Plan } from '../src/types/plan.js';
import { seedFromDirectory, startBrevoServer, type BrevoServer } from './brevo-server/server.js';
import { EXAMPLE, keysNotExactlyOnce, RULES } from './support/apply-env.js';
import { runCli, tempDir } from './support/cli.js';

const API_KEY = 'outbox-cli-key-5e1f';
const REJECTION = { code: 'invalid_parameter', message: 'date is out of range' };

let server: BrevoServer;
let seededTasks: number;
let rules: string;

/**
 * Writes a rules folder with only the bundled stage-entered rules. A stage is
 * entered once, so no later plan creates a rejected task again, unlike a date or `every` rule.
 */
function stageRulesDir(): string {
  const document = parse(readFileSync(join(RULES, 'deal-stages.yaml'), 'utf8')) as { rules: { trigger: Record<string, unknown> }[] };
  document.rules = document.rules.filter((rule) => 'dealStageEntered' in rule.trigger);
  const dir = join(tempDir(), 'rules');
  mkdirSync(dir);
  writeFileSync(join(dir, 'stages.yaml'), stringify(document));
  return dir;
}

beforeAll(async () => {
  server = await startBrevoServer({ apiKey: API_KEY, seed: await seedFromDirectory(EXAMPLE) });
  seededTasks = server.tasks().length;
  rules = stageRulesDir();
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

const env = () => ({ BREVO_API_URL: server.url, BREVO_API_KEY: API_KEY, FOLLOWUP_LOG_LEVEL: 'error' });
const apply = (state: string, ...extra: string[]) => runCli(['apply', '--rules', rules, '--data', EXAMPLE, '--state', state, ...extra], env());
const plan = (state: string, ...extra: string[]) => runCli(['plan', '--rules', rules, '--data', EXAMPLE, '--state', state, ...extra], env());
const outbox = (state: string, ...args: string[]) => runCli(['--state', state, 'outbox', ...args], env());

async function plannedKeys(): Promise<string[]> {
  const fresh = await plan(join(tempDir(), 'fresh.db'), '--format', 'json');
  return (JSON.parse(fresh.stdout) as Plan).items.filter((item) => item.action === 'create').map((item) => item.key);
}

/** Applies with Brevo rejecting the first POST; returns the rejected key. */
async function applyWithOneRejection(state: string): Promise<string> {
  server.faults.add({ method: 'POST', path: '/crm/tasks', kind: 'status', status: 400, body: REJECTION });
  const first = await apply(state, '--format', 'json');
  expect(first.code, first.stderr).toBe(1);
  const report = JSON.parse(first.stdout) as ApplyReport;
  expect(report.failed).toBe(1);
  expect(report.rejected).toHaveLength(1);
  return report.rejected[0]!.key;
}

describe('tasks Brevo rejected', () => {
  it('stay listed by later applies and plans', async () => {
    const state = join(tempDir(), 'state.db');
    const key = await applyWithOneRejection(state);

    const again = await apply(state);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('Rejected by Brevo (1)');
    expect(again.stdout).toContain(key);
    expect(again.stdout).toContain(REJECTION.message);

    const preview = await plan(state);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('Rejected by Brevo (1)');
    expect(preview.stdout).toContain(key);

    const listed = await outbox(state, '--format', 'json');
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as OutboxItem[]).map((item) => [item.key, item.status, item.lastError])).toEqual([[key, 'failed', REJECTION.message]]);
  });

  it('go out once after outbox retry', async () => {
    const state = join(tempDir(), 'state.db');
    const key = await applyWithOneRejection(state);

    const retried = await outbox(state, 'retry', key);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toContain(`Sent again by the next apply (1): ${key}`);

    const next = await apply(state, '--format', 'json');
    expect(next.code, next.stderr).toBe(0);
    expect((JSON.parse(next.stdout) as ApplyReport).rejected).toEqual([]);
    const keys = await plannedKeys();
    expect(keysNotExactlyOnce(server, keys)).toEqual({});
    expect(server.tasks().length - seededTasks).toBe(keys.length);
    expect((await outbox(state)).stdout).toContain('The outbox is empty');
  });

  it('are never created after outbox drop', async () => {
    const state = join(tempDir(), 'state.db');
    const key = await applyWithOneRejection(state);

    const dropped = await outbox(state, 'drop', key);
    expect(dropped.code, dropped.stderr).toBe(0);
    expect(dropped.stdout).toContain(key);

    const next = await apply(state);
    expect(next.code, next.stderr).toBe(0);
    expect(server.tasks().some((task) => String(task.notes ?? '').includes(key))).toBe(false);
    const preview = await plan(state, '--format', 'json');
    const item = (JSON.parse(preview.stdout) as Plan).items.find((candidate) => candidate.key === key);
    expect(item?.action ?? 'absent').not.toBe('create');
  });

  it('reject unknown keys and bare drops', async () => {
    const state = join(tempDir(), 'state.db');
    await applyWithOneRejection(state);

    const unknown = await outbox(state, 'retry', 'fu-00000000000000000000');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Not in the outbox: fu-00000000000000000000');
    const bare = await outbox(state, 'drop');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--all-rejected');
  });
});

describe('the plan after an interrupted apply', () => {
  it('lists the tasks the earlier run left in the outbox', async () => {
    const state = join(tempDir(), 'state.db');
    const first = await apply(state, '--max-requests', '5', '--format', 'json');
    expect(first.code, first.stderr).toBe(0);
    const left = (JSON.parse(first.stdout) as ApplyReport).pending;
    expect(left).toBeGreaterThan(0);

    const preview = await plan(state, '--format', 'json');
    const planned = JSON.parse(preview.stdout) as Plan;
    expect(planned.outbox).toHaveLength(left);
    expect(planned.outbox.every((item) => item.status === 'pending')).toBe(true);
    const text = await plan(state, '--detailed-exitcode');
    expect(text.stdout).toContain(`Left in the outbox by earlier runs (${left})`);
    expect(text.stdout).toContain(planned.outbox[0]!.key);
    expect(text.code).toBe(2);
  });

  it('speaks German about the outbox', async () => {
    const state = join(tempDir(), 'state.db');
    await applyWithOneRejection(state);
    const listed = await runCli(['--lang', 'de', '--state', state, 'outbox'], env());
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('Von Brevo abgelehnt (1)');
  });
});
