import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './support/cli.js';
import { positionOfMarker } from './support/rule-files.js';

const EXAMPLE = join(ROOT, 'examples/crm');

/** One rule file with one mistake per rule, each on a line of its own. */
const BROKEN = `version: 1
defaults:
  timezone: Europe/Berlin
rules:
  - id: demo-after-qualified
    trigger:
      dealStageEntered: { stage: Qualifed, pipeline: Sales Pipeline }
    task:
      name: "Book demo: {{ deal.name }}"
      type: meeting
      due: { in: 2 workdays, at: "10:00" }
      assignee: ["{{ deal.owner }}", revops]
  - id: big-deal-review
    trigger:
      dealStageEntered: { stage: Proposal }
    conditions:
      not: { fact: deal.amount, operator: lessThan, value: 50000 }
    task:
      name: "Review: {{ dael.name }}"
      type: todo
      due: { in: 1 day }
      assignee: revops@example.com
`;

function writeRules(text: string): string {
  const dir = tempDir('followup-validate-');
  writeFileSync(join(dir, 'rules.yaml'), text);
  return dir;
}

/** `file:line:col` of the first occurrence of `marker` in `text`. */
function where(file: string, text: string, marker: string): string {
  const { line, col } = positionOfMarker(text, marker);
  return `${file}:${line}:${col}`;
}

describe('followup validate on rule mistakes', () => {
  it('lists every mistake with file:line:col, code, message and hint', async () => {
    const dir = writeRules(BROKEN);
    const result = await runCli(['validate', '--rules', dir, '--data', EXAMPLE]);
    const file = join(dir, 'rules.yaml');

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `${where(file, BROKEN, 'Qualifed')}  error  STAGE_UNKNOWN  Stage "Qualifed" not found in "Sales Pipeline".\n` +
        '    hint: Did you mean "Qualified"? Known stages: Lead, Qualified, Demo, Proposal, Negotiation, Closed Won, Closed Lost.',
    );
    expect(result.stderr).toContain(
      `${where(file, BROKEN, 'revops]')}  error  ASSIGNEE_INVALID  Assignee "revops" is neither an email address nor a Brevo user id.\n` +
        '    hint: Write a user\'s email (revops@example.com), a 24-hex user id, or a template such as {{ deal.owner }}.',
    );
    expect(result.stderr).toContain(
      `${where(file, BROKEN, 'lessThan')}  error  CONDITION_NOT_OVER_TYPED  "not" wraps deal.amount lessThan, which is false when the value is missing`,
    );
    expect(result.stderr).toContain(
      `${where(file, BROKEN, 'dael.name')}  error  TEMPLATE_VARIABLE_UNKNOWN  Unknown variable "dael.name" in task.name.\n` +
        '    hint: Did you mean "deal"? ',
    );
    expect(result.stderr).toContain('Rules are invalid: 4 errors, 0 warnings. Nothing was planned or sent.');
  });

  it('speaks German with --lang de', async () => {
    const result = await runCli(['validate', '--rules', writeRules(BROKEN), '--data', EXAMPLE, '--lang', 'de']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Fehler  STAGE_UNKNOWN  Phase "Qualifed" nicht gefunden in "Sales Pipeline".');
    expect(result.stderr).toContain('Tipp: Meintest du "Qualified"?');
    expect(result.stderr).toContain('Fehler  ASSIGNEE_INVALID  Der Bearbeiter "revops" ist weder eine E-Mail-Adresse noch eine Brevo-Benutzer-ID.');
    expect(result.stderr).toContain('Regeln sind ungültig: 4 Fehler, 0 Warnungen.');
  });

  it('passes with warnings and exit code 0', async () => {
    const text = `version: 1
rules:
  - id: renewal
    trigger:
      dateApproaching: { record: company, field: renewal_dat, within: 30 days }
    task:
      name: "Renewal: {{ company.name }}"
      type: deadline
      due: { on: company.renewal_date }
      assignee: [revops@example.com, "{{ company.owner }}"]
`;
    const dir = writeRules(text);
    const result = await runCli(['validate', '--rules', dir, '--data', EXAMPLE]);
    const file = join(dir, 'rules.yaml');

    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `${where(file, text, 'renewal_dat,')}  warning  ATTRIBUTE_UNKNOWN  "company.renewal_dat": no company in the account data has the attribute "renewal_dat".\n` +
        '    hint: Did you mean "renewal_date"? ',
    );
    expect(result.stderr).toContain(`${where(file, text, '"{{ company.owner }}"]')}  warning  ASSIGNEE_UNREACHABLE`);
    expect(result.stdout).toContain('Rules are valid: 1 rules, 2 warnings.');
  });

  it('validates the bundled rules against the example account without a problem', async () => {
    const result = await runCli(['validate', '--data', EXAMPLE]);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Rules are valid: \d+ rules, 0 warnings\.\n$/);
  });
});
