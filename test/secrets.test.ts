/**
 * The API key never reaches output. Every command fails its requests in
 * every way the test server can: status codes with the key echoed in the
 * body, resets, timeouts, stalled bodies, 429s, refused connections and a
 * rejected key. Debug logs are on, and all of stdout and stderr is scanned.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedFromDirectory, startBrevoServer, type BrevoServer, type Fault } from './brevo-server/server.js';
import { EXAMPLE } from './support/apply-env.js';
import { runCli, tempDir, type CliResult } from './support/cli.js';

const API_KEY = 'xkeysib-5ecre7a1b2c3d4e5f60718293a4b5c6d7e8f90-Secr3tT0k3n';
const TASKS = '/crm/tasks';

let server: BrevoServer;

beforeAll(async () => {
  server = await startBrevoServer({ apiKey: API_KEY, seed: await seedFromDirectory(EXAMPLE) });
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

type StatusFault = Extract<Fault, { kind: 'status' }>;

const echo = (status: number): StatusFault => ({ kind: 'status', status, method: 'POST', path: TASKS, body: { code: 'bad_request', message: `Rejected key ${API_KEY}` } });

/** Fault sets, each for one apply; together they fail requests in every way the server can. */
const FAULT_SETS: [string, Fault[]][] = [
  ['4xx bodies that echo the key', [echo(400), echo(404), echo(422)]],
  ['5xx bodies that echo the key', [{ ...echo(500), times: 2 }, { ...echo(503), method: 'GET', path: '/crm/tasktypes' }]],
  ['resets and timeouts', [{ kind: 'reset', method: 'POST', path: TASKS }, { kind: 'resetAfterCreate' }, { kind: 'hang', method: 'POST', path: TASKS }, { kind: 'hangAfterCreate' }]],
  ['a stalled body and 429s', [{ kind: 'stallBody', method: 'POST', path: TASKS }, { kind: 'status', status: 429, method: 'POST', path: TASKS, headers: { 'x-sib-ratelimit-remaining': '0', 'x-sib-ratelimit-reset': '1' } }]],
  ['a 403 that echoes the key', [{ ...echo(403), body: { code: 'permission_denied', message: `Key ${API_KEY} has no CRM access` } }]],
  // Five failures exhaust the first run's retries of the search; the second run's search then passes.
  ['a search that fails after a reset', [{ kind: 'resetAfterCreate' }, { ...echo(500), method: 'GET', path: TASKS, times: 5 }]],
];

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { BREVO_API_URL: server.url, BREVO_API_KEY: API_KEY, FOLLOWUP_LOG_LEVEL: 'debug', FOLLOWUP_REQUEST_TIMEOUT: '300ms', ...extra };
}

function expectNoKey(result: CliResult): void {
  const output = result.stdout + result.stderr;
  expect(output).not.toContain(API_KEY);
  // Parts of the key would leak it as well.
  expect(output).not.toContain('Secr3tT0k3n');
  expect(output).not.toContain('5ecre7a1b2c3');
}

describe('the API key in output', () => {
  for (const [name, faults] of FAULT_SETS) {
    it(`stays out of apply output with ${name}`, async () => {
      for (const fault of faults) server.faults.add(fault);
      const state = join(tempDir(), 'state.db');
      const text = await runCli(['apply', '--data', EXAMPLE, '--state', state], env());
      expect(text.stderr).toContain('"level"');
      expectNoKey(text);

      for (const fault of faults) server.faults.add(fault);
      expectNoKey(await runCli(['apply', '--data', EXAMPLE, '--state', state, '--format', 'json'], env()));
    });
  }

  it('stays out of apply output with a rejected key', async () => {
    const wrong = `${API_KEY}-revoked`;
    const result = await runCli(['apply', '--data', EXAMPLE, '--state', join(tempDir(), 'state.db')], env({ BREVO_API_KEY: wrong }));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('BREVO_API_KEY');
    expectNoKey(result);
  });

  it('stays out of plan --brevo and snapshot output when reads fail', async () => {
    server.faults.add({ kind: 'status', status: 500, method: 'GET', path: '/crm/deals', body: { message: `Internal error for ${API_KEY}` }, times: Infinity });
    const plan = await runCli(['plan', '--brevo', '--state', join(tempDir(), 'state.db'), '--format', 'json'], env());
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('/crm/deals');
    expectNoKey(plan);

    const snapshot = await runCli(['snapshot', '--out', join(tempDir(), 'snapshot')], env());
    expect(snapshot.code).toBe(1);
    expectNoKey(snapshot);
  });

  it('stays out of output when Brevo cannot be reached', async () => {
    const closed = await startBrevoServer({ apiKey: API_KEY });
    await closed.close();
    const result = await runCli(['apply', '--data', EXAMPLE, '--state', join(tempDir(), 'state.db')], env({ BREVO_API_URL: closed.url }));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ECONNREFUSED');
    expectNoKey(result);
  });
});
