/**
 * Runs the Brevo test server until SIGINT or SIGTERM and prints its base URL.
 *
 *   node --import tsx test/brevo-server/main.ts [--port 4010] [--api-key KEY] [--data DIR]
 *     [--rate-limit N --rate-window SECONDS] [--contacts-rate-limit N] [--unknown-fields reject|ignore] [--check-links]
 */
import { parseArgs } from 'node:util';
import { seedFromDirectory, startBrevoServer, type BrevoServerOptions } from './server.js';

const USAGE = `Usage: node --import tsx test/brevo-server/main.ts [options]
  --port N               TCP port on 127.0.0.1 (default: a free port)
  --api-key KEY          accepted api-key header value (default: test-api-key)
  --data DIR             seed deals, companies, contacts, pipelines, task types and tasks from DIR
  --rate-limit N         requests allowed per window (default: 100000)
  --rate-window SECONDS  length of the rate-limit window in seconds (default: 3600)
  --contacts-rate-limit N  requests allowed per window on /contacts, counted apart (default: --rate-limit)
  --unknown-fields MODE  reject (default) or ignore fields and query parameters Brevo does not define
  --check-links          respond 404 when a task links a deal, company or contact missing from the seed
  --help                 print this help`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function readCount(text: string | undefined, option: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) fail(`${option} "${text}" is invalid: expected a whole number`);
  return value;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'api-key': { type: 'string' },
        data: { type: 'string' },
        'rate-limit': { type: 'string' },
        'rate-window': { type: 'string' },
        'contacts-rate-limit': { type: 'string' },
        'unknown-fields': { type: 'string' },
        'check-links': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }

  const unknownFields = values['unknown-fields'] ?? 'reject';
  if (unknownFields !== 'reject' && unknownFields !== 'ignore') fail(`--unknown-fields "${unknownFields}" is invalid: expected reject or ignore`);
  const rateLimit = {
    limit: readCount(values['rate-limit'], '--rate-limit', 100_000),
    windowSeconds: readCount(values['rate-window'], '--rate-window', 3600),
  };
  const options: BrevoServerOptions = {
    port: readCount(values.port, '--port', 0),
    apiKey: values['api-key'] ?? 'test-api-key',
    rateLimit,
    contactsRateLimit: { ...rateLimit, limit: readCount(values['contacts-rate-limit'], '--contacts-rate-limit', rateLimit.limit) },
    unknownFields,
    checkLinks: values['check-links'] ?? false,
  };
  if (values.data !== undefined) options.seed = await seedFromDirectory(values.data);

  const server = await startBrevoServer(options);
  console.log(server.url);

  const stop = (signal: string): void => {
    console.error(`brevo test server: ${signal} received, stopping`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('brevo test server: close failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('brevo test server: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
