import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './support/cli.js';

/** A copy of the bundled rules with one test file of our own. */
function rulesWithTest(testYaml: string): string {
  const dir = join(tempDir(), 'rules');
  cpSync(join(ROOT, 'rules'), dir, { recursive: true, filter: (source) => !source.includes('/tests') });
  mkdirSync(join(dir, 'tests'));
  writeFileSync(join(dir, 'tests', 'case.yaml'), testYaml.replaceAll('ACCOUNT', join(ROOT, 'examples/crm')));
  return dir;
}

const RENEWAL_TEST = `version: 1
tests:
  - name: renewal is due on the renewal date
    now: 2026-12-01T08:00:00+01:00
    account: ACCOUNT
    rules: [company-contract-renewal]
    records:
      companies:
        - { id: 6d0000000000000000000001, attributes: { name: Hofmann Textil GmbH, owner: 5f88d6efda4a87e461272c23, renewal_date: "2027-01-14", contract_value: 1000 } }
    expect:
      - rule: company-contract-renewal
        record: company:6d0000000000000000000001
        task: { date: DATE, taskType: Deadline }
`;

describe('followup test', () => {
  it('passes the bundled rule tests', async () => {
    const result = await runCli(['test']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\n\d+ passed, 0 failed/);
    const count = readFileSync(join(ROOT, 'rules/tests/deal-stages.yaml'), 'utf8').match(/- name:/g)!.length;
    expect(result.stdout.match(/^PASS/gm)!.length).toBeGreaterThanOrEqual(count);
  });

  it('prints a readable diff for a wrong expectation and exits 1', async () => {
    const dir = rulesWithTest(RENEWAL_TEST.replace('DATE', '2027-01-13T09:00:00+01:00'));
    const result = await runCli(['test', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  renewal is due on the renewal date');
    expect(result.stdout).toContain('company-contract-renewal for company 6d0000000000000000000001 "Hofmann Textil GmbH"');
    expect(result.stdout).toContain('date expected 2027-01-13T09:00:00+01:00, got 2027-01-14T09:00:00+01:00');
    expect(result.stdout).toContain('0 passed, 1 failed');
  });

  it('says why an expected task was not planned', async () => {
    const dir = rulesWithTest(RENEWAL_TEST.replace('DATE', '2027-01-14T09:00:00+01:00').replace('"2027-01-14"', '"soon"'));
    const result = await runCli(['test', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('expected a task, but none was planned');
    expect(result.stdout).toContain('unreadable date in renewal_date: "soon"');
  });

  it('passes when the expectation matches, in German too', async () => {
    const dir = rulesWithTest(RENEWAL_TEST.replace('DATE', '2027-01-14T08:00:00Z'));
    const result = await runCli(['--lang', 'de', 'test', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('OK  renewal is due on the renewal date');
    expect(result.stdout).toContain('1 bestanden, 0 fehlgeschlagen');
  });

  it('rejects a malformed test file with its position', async () => {
    const dir = rulesWithTest('version: 1\ntests:\n  - name: broken\n    now: tomorrow\n    expect: []\n');
    const result = await runCli(['test', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/case\.yaml:4:\d+\s+error\s+RULE_TEST_INVALID/);
    expect(result.stderr).toContain('now must be an ISO-8601 time');
  });
});

describe('followup init', () => {
  it('scaffolds rules, a passing rule test, the schema and a CI workflow', async () => {
    const dir = tempDir();
    const init = await runCli(['init'], {}, dir);
    expect(init.code).toBe(0);
    for (const file of ['rules/deals.yaml', 'rules/tests/deals.yaml', 'schemas/rules.schema.json', '.github/workflows/followup.yml']) {
      expect(init.stdout).toContain(`wrote ${file}`);
    }
    expect(readFileSync(join(dir, 'rules/deals.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/schemas\/rules\.schema\.json/);

    const validate = await runCli(['validate'], {}, dir);
    expect(validate.code).toBe(0);
    const test = await runCli(['test'], {}, dir);
    expect(test.stdout).toContain('1 passed, 0 failed');
    expect(test.code).toBe(0);
  });

  it('refuses to overwrite existing files without --force', async () => {
    const dir = tempDir();
    await runCli(['init'], {}, dir);
    const again = await runCli(['init'], {}, dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('rules/deals.yaml');
    expect(again.stderr).toContain('--force');
    const forced = await runCli(['init', '--force'], {}, dir);
    expect(forced.code).toBe(0);
  });
});
