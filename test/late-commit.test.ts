import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrevoServer, type BrevoServer } from './brevo-server/server.js';
import { keysNotExactlyOnce, planAndApply } from './support/apply-env.js';
import { tempDir } from './support/cli.js';

const API_KEY = 'late-commit-key-5d1e';
let server: BrevoServer;

beforeAll(async () => {
  server = await startBrevoServer({ apiKey: API_KEY });
});
afterAll(async () => server.close());

describe('a create that Brevo commits after the client timed out', () => {
  it('is adopted, not posted a second time', async () => {
    // The server stores the first POST and responds only after 1.5 s, and the client times out after 1 s.
    server.faults.add({ method: 'POST', path: '/crm/tasks', kind: 'latency', ms: 1_500 });
    const { plan, report } = await planAndApply(server, join(tempDir(), 'state.db'), { apiKey: API_KEY, timeoutMs: 1_000 });

    const keys = plan.items.filter((item) => item.action === 'create').map((item) => item.key);
    expect(keysNotExactlyOnce(server, keys)).toEqual({});
    expect(report.adopted).toBe(1);
    expect(report.created).toBe(keys.length - 1);
  });
});
