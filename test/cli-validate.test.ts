import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './support/cli.js';

const BROKEN = `version: 1
rules:
  - id: deal-demo
    trigger:
      dealStageEntered: { stage: Demo }
    task:
      name: "Send proposal: {{ deal.nam.first | upcase }} {{ deals_owner }}"
      type: meating
      due: { in: 1 day }
      assignee: ["{{ deal.owner }}"]
  - id: deal-demo
    trigger:
      dealStageEntered: { stage: Demo }
    task:
      name: Again
      type: call
      due: { in: 1 day }
      assignee: ["{{ deal.owner }}"]
      colour: red
`;

function writeRules(text: string): string {
  const dir = join(tempDir(), 'rules');
  mkdirSync(dir);
  writeFileSync(join(dir, 'broken.yaml'), text);
  return dir;
}

describe('followup validate', () => {
  it('accepts the bundled rules', async () => {
    const result = await runCli(['validate', '--rules', join(ROOT, 'rules'), '--data', join(ROOT, 'examples/crm')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Rules are valid: \d+ rules/);
  });

  it('lists every problem with file:line:col, code and hint, and exits 1', async () => {
    const dir = writeRules(BROKEN);
    const result = await runCli(['validate', '--rules', dir]);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const file = join(dir, 'broken.yaml');
    const at = (line: number) => new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+\\s+error`);
    expect(result.stderr).toMatch(at(8)); // type: meating
    expect(result.stderr).toMatch(at(11)); // duplicate id
    expect(result.stderr).toMatch(at(19)); // unknown key colour
    expect(result.stderr).toContain('TASK_TYPE_UNKNOWN');
    expect(result.stderr).toContain('Meeting');
    expect(result.stderr).toContain('RULE_ID_DUPLICATE');
    expect(result.stderr).toContain('RULE_SCHEMA_INVALID');
    expect(result.stderr).toContain('TEMPLATE_VARIABLE_UNKNOWN');
    expect(result.stderr).toMatch(/hint:/);
    expect(result.stderr).toMatch(/Rules are invalid: \d+ errors/);
  });

  it('reports in German with --lang de', async () => {
    const dir = writeRules(BROKEN);
    const result = await runCli(['validate', '--lang', 'de', '--rules', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Fehler');
    expect(result.stderr).toMatch(/Tipp:/);
    expect(result.stderr).toMatch(/Regeln sind ungültig/);
  });

  it('stops plan before evaluating anything when the rules are invalid', async () => {
    const dir = writeRules(BROKEN);
    const result = await runCli(['plan', '--rules', dir, '--data', join(ROOT, 'examples/crm')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('RULE_ID_DUPLICATE');
  });

  it('names a rules directory that does not exist', async () => {
    const result = await runCli(['validate', '--rules', '/nonexistent/rules']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('/nonexistent/rules');
  });
});
