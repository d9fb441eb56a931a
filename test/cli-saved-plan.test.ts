import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedFromDirectory, startBrevoServer, type BrevoServer } from './brevo-server/server.js';
import { EXAMPLE, RULES } from './support/apply-env.js';
import { runCli, tempDir } from './support/cli.js';

const API_KEY = 'saved-plan-key-7b20';
let server: BrevoServer;

beforeAll(async () => {
  server = await startBrevoServer({ apiKey: API_KEY, seed: await seedFromDirectory(EXAMPLE) });
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

const env = () => ({ BREVO_API_URL: server.url, BREVO_API_KEY: API_KEY, FOLLOWUP_LOG_LEVEL: 'warn' });
const followupTasks = () => server.tasks().filter((task) => task.notes?.includes('[followup:'));

/** Copies of the rules and the data, so a test can change them after saving a plan. */
function workspace() {
  const dir = tempDir();
  cpSync(RULES, join(dir, 'rules'), { recursive: true });
  cpSync(EXAMPLE, join(dir, 'crm'), { recursive: true });
  return { dir, rules: join(dir, 'rules'), data: join(dir, 'crm'), plan: join(dir, 'plan.json'), state: join(dir, 'state.db') };
}

async function savePlan(ws: ReturnType<typeof workspace>) {
  const result = await runCli(['plan', '--rules', ws.rules, '--data', ws.data, '--state', ws.state, '--out', ws.plan]);
  expect(result.code).toBe(0);
  return JSON.parse(readFileSync(ws.plan, 'utf8')) as { summary: { create: number }; inputs: { rules: string; records: string } };
}

describe('plan --out and apply --plan', () => {
  it('applies a saved plan whose inputs are unchanged', async () => {
    const ws = workspace();
    const saved = await savePlan(ws);
    expect(saved.inputs.rules).toMatch(/^[0-9a-f]{64}$/);
    expect(saved.inputs.records).toMatch(/^[0-9a-f]{64}$/);

    const result = await runCli(['apply', '--plan', ws.plan, '--state', ws.state], env());
    expect(result.code).toBe(0);
    expect(followupTasks()).toHaveLength(saved.summary.create);
  });

  it('resumes a saved live plan after a budget stop', async () => {
    const ws = workspace();
    const saved = await runCli(['plan', '--brevo', '--rules', ws.rules, '--state', ws.state, '--out', ws.plan], env());
    expect(saved.code, saved.stderr).toBe(0);
    const planned = (JSON.parse(readFileSync(ws.plan, 'utf8')) as { summary: { create: number } }).summary.create;

    const first = await runCli(['apply', '--plan', ws.plan, '--state', ws.state, '--max-requests', '12'], env());
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('go first in the next run');
    const second = await runCli(['apply', '--plan', ws.plan, '--state', ws.state], env());
    expect(second.code, second.stderr).toBe(0);
    const third = await runCli(['apply', '--plan', ws.plan, '--state', ws.state], env());
    expect(third.code, third.stderr).toBe(0);
    expect(followupTasks()).toHaveLength(planned);
  });

  it('refuses the plan when a rule file changed, and sends nothing', async () => {
    const ws = workspace();
    await savePlan(ws);
    const file = join(ws.rules, 'deal-stages.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Qualify lead:', 'Qualify the lead:'));

    const result = await runCli(['apply', '--plan', ws.plan, '--state', ws.state], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the rules changed since it was saved');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses the plan when a record changed', async () => {
    const ws = workspace();
    await savePlan(ws);
    const file = join(ws.data, 'deals.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"amount": ', '"amount": 1'));

    const result = await runCli(['apply', '--plan', ws.plan, '--state', ws.state, '--lang', 'de'], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('die Datensätze haben sich seit dem Speichern geändert');
    expect(followupTasks()).toHaveLength(0);
  });

  it('rejects a file that is not a saved plan', async () => {
    const ws = workspace();
    writeFileSync(ws.plan, '{"formatVersion": 1, "items": []}');
    const result = await runCli(['apply', '--plan', ws.plan, '--state', ws.state], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a plan saved with followup plan --out');
  });
});
