/**
 * A BREVO_API_KEY with spaces or line breaks around it, as copied from a
 * file or a web page, still never reaches output. axios sends the key
 * trimmed, so a server that echoes it echoes the trimmed key.
 */
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/log/logger.js';
import { seedFromDirectory, startBrevoServer, type BrevoServer, type Fault } from './brevo-server/server.js';
import { EXAMPLE } from './support/apply-env.js';
import { runCli, tempDir, type CliResult } from './support/cli.js';

const API_KEY = 'xkeysib-9f8e7d6c5b4a39281706f5e4d3c2b1a0-Padd3dK3y';
const PADDED_KEYS: [string, string][] = [
  ['spaces and a newline', `  ${API_KEY}\n`],
  ['a tab and CRLF', `\t${API_KEY}\r\n`],
  ['a trailing space', `${API_KEY} `],
];
const TASKS = '/crm/tasks';

let server: BrevoServer;

beforeAll(async () => {
  server = await startBrevoServer({ apiKey: API_KEY, seed: await seedFromDirectory(EXAMPLE) });
});
afterAll(async () => server.close());
beforeEach(() => server.reset());

const echo = (status: number, method = 'POST', path = TASKS): Fault => ({
  kind: 'status',
  status,
  method,
  path,
  body: { code: 'bad_request', message: `Rejected key ${API_KEY}` },
});

function env(key: string): Record<string, string> {
  return { BREVO_API_URL: server.url, BREVO_API_KEY: key, FOLLOWUP_LOG_LEVEL: 'debug', FOLLOWUP_REQUEST_TIMEOUT: '300ms' };
}

function expectNoKey(result: CliResult): void {
  const output = result.stdout + result.stderr;
  expect(output).not.toContain(API_KEY);
  expect(output).not.toContain('Padd3dK3y');
  expect(output).not.toContain('9f8e7d6c5b4a');
}

describe('padded API key in output', () => {
  for (const [name, key] of PADDED_KEYS) {
    it(`stays out of apply output with ${name}`, async () => {
      for (const fault of [echo(400), echo(422), echo(500), echo(503, 'GET', '/crm/tasktypes')]) server.faults.add(fault);
      const state = join(tempDir(), 'state.db');

      const text = await runCli(['apply', '--data', EXAMPLE, '--state', state], env(key));
      expect(text.stdout).toContain('Rejected key [REDACTED]');
      expect(text.stderr).toContain('"level"');
      expectNoKey(text);

      server.faults.add(echo(400));
      const json = await runCli(['apply', '--data', EXAMPLE, '--state', state, '--format', 'json'], env(key));
      expectNoKey(json);
    });
  }

  it('stays out of plan --brevo output when reads fail', async () => {
    server.faults.add({ ...echo(500, 'GET', '/crm/deals'), times: Infinity });
    const plan = await runCli(['plan', '--brevo', '--state', join(tempDir(), 'state.db'), '--format', 'json'], env(`  ${API_KEY}\n`));
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('/crm/deals');
    expectNoKey(plan);
  });
});

describe('logger', () => {
  it('cuts the trimmed key out of log lines', () => {
    let output = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    const logger = createLogger({ destination, pretty: false, level: 'info', secrets: [`  ${API_KEY}\n`] });

    logger.info({ detail: `server said ${API_KEY}` }, `request with ${API_KEY} failed`);

    expect(output).toContain('server said [REDACTED]');
    expect(output).toContain('request with [REDACTED] failed');
    expect(output).not.toContain(API_KEY);
  });
});
