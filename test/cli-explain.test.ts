import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './support/cli.js';

const EXAMPLE = join(ROOT, 'examples/crm');
const deals = (JSON.parse(readFileSync(join(EXAMPLE, 'deals.json'), 'utf8')) as { items: { id: string; attributes: { deal_name: string } }[] }).items;
const dealNamed = (prefix: string) => deals.find((deal) => deal.attributes.deal_name.startsWith(prefix))!.id;

async function explain(record: string, ...extra: string[]) {
  return runCli(['explain', record, '--data', EXAMPLE, '--state', join(tempDir(), 'none.db'), ...extra]);
}

describe('followup explain', () => {
  it('names the condition that kept a deal from firing, with both values', async () => {
    const result = await explain(`deal:${dealNamed('Small Deal')}`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '✗ deal-qualified-schedule-demo: triggered, but the condition deal.amount greaterThanInclusive 5000 failed: the value is 1200',
    );
  });

  it('says which stage or pipeline a rule waited for', async () => {
    const result = await explain(`deal:${dealNamed('Partner Lead')}`);
    expect(result.stdout).toContain('deal-lead-qualify: not triggered: the deal is in pipeline "Partner Pipeline", the rule watches "Sales Pipeline"');
    expect(result.stdout).toContain('deal-won-onboard: not triggered: the deal is in stage "Lead", the rule waits for "Closed Won"');
  });

  it('shows the planned task and its key for a rule that fired', async () => {
    const result = await explain(`deal:${dealNamed('Late Lead')}`);
    expect(result.stdout).toMatch(/✓ deal-lead-qualify: plans "Qualify lead: Late Lead[^"]*", due 2026-12-01 09:00 \(key fu-[0-9a-f]{20}\)/);
  });

  it('explains an old stage entry by the look-back window', async () => {
    const result = await explain(`deal:${dealNamed('Stale Lead')}`);
    expect(result.stdout).toMatch(/deal-lead-qualify: not triggered: the deal entered its stage at 2026-11-10T\S+, before the look-back window that starts at 2026-11-24T\S+/);
  });

  it('explains in German', async () => {
    const result = await explain(`deal:${dealNamed('Small Deal')}`, '--lang', 'de');
    expect(result.stdout).toContain('ausgelöst, aber die Bedingung deal.amount greaterThanInclusive 5000 ist nicht erfüllt: der Wert ist 1200');
  });

  it('gives JSON with --format json', async () => {
    const result = await explain(`deal:${dealNamed('Small Deal')}`, '--format', 'json');
    const explanation = JSON.parse(result.stdout) as { verdicts: { rule: string; status: string; failed?: { actual: unknown; expected: unknown }[] }[] };
    const demo = explanation.verdicts.find((verdict) => verdict.rule === 'deal-qualified-schedule-demo')!;
    expect(demo.status).toBe('conditionFailed');
    expect(demo.failed![0]).toMatchObject({ actual: 1200, expected: 5000 });
  });

  it('rejects an unknown record and a malformed argument', async () => {
    const missing = await explain('deal:ffffffffffffffffffffffff');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('deal:ffffffffffffffffffffffff');
    const malformed = await explain('opportunity:1');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('deal:<id>');
  });
});
