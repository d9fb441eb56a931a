import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../src/i18n/catalog.js';
import { hasMessage, t } from '../src/i18n/index.js';
import { formatDiagnostic } from '../src/report/diagnostics.js';
import type { Diagnostic } from '../src/types/diagnostics.js';
import { loadRuleSet, type LoadOptions } from '../src/validate/index.js';
import { codesOf, loadText, positionOfMarker, replaceOnce, writeRuleDir } from './support/rule-files.js';

const SRC = new URL('../src/', import.meta.url).pathname;

const DEAL_RULE = `version: 1
rules:
  - id: deal-demo
    trigger:
      dealStageEntered: { stage: Demo }
    task:
      name: "Send proposal: {{ deal.name }}"
      type: email
      due: { in: 1 workday, at: "09:00" }
      assignee: ["{{ deal.owner }}", revops@example.com]
      notes: "Amount {{ deal.amount }}"
`;

const EVENT_RULE = `version: 1
rules:
  - id: tier-check-in
    trigger:
      loyaltyEvent: { event: [tier_changed, points_expiring] }
    task:
      name: "Check in: {{ company.name }}"
      type: call
      due: { in: 2 days }
      assignee: "{{ company.owner }}"
`;

const EVERY_RULE = `version: 1
defaults:
  maxTasksPerRun: 40
rules:
  - id: quarterly-review
    trigger:
      every: { record: company, interval: 13 weeks, since: contract_start }
    task:
      name: "Quarterly review: {{ company.name }}"
      type: meeting
      due: { in: 5 workdays, at: "10:00" }
      assignee: ["{{ company.account_manager }}", "{{ company.owner }}", revops@example.com]
    maxTasksPerRun: 25
`;

const ATTRIBUTES: LoadOptions['attributes'] = {
  deal: ['deal_name', 'deal_owner', 'amount', 'deal_stage', 'close_date'],
  company: ['name', 'owner', 'account_manager', 'renewal_date', 'contract_start'],
};

interface CheckCase {
  name: string;
  text: string;
  code: string;
  severity: Diagnostic['severity'];
  /** Text at the expected position; `shift` moves the expected column. */
  marker: string;
  shift?: number;
  options?: Partial<LoadOptions>;
  params?: Record<string, string | number>;
}

const cases: CheckCase[] = [
  {
    name: 'fixed assignee that is no user',
    text: replaceOnce(DEAL_RULE, 'revops@example.com]', 'revops]'),
    code: 'ASSIGNEE_INVALID',
    severity: 'error',
    marker: 'revops]',
    params: { value: 'revops' },
  },
  {
    name: 'single assignee that is no user',
    text: replaceOnce(EVENT_RULE, 'assignee: "{{ company.owner }}"', 'assignee: Anna Schmidt'),
    code: 'ASSIGNEE_INVALID',
    severity: 'error',
    marker: 'Anna Schmidt',
  },
  {
    name: 'assignee after a fixed one',
    text: replaceOnce(DEAL_RULE, '["{{ deal.owner }}", revops@example.com]', '[revops@example.com, "{{ deal.owner }}"]'),
    code: 'ASSIGNEE_UNREACHABLE',
    severity: 'warning',
    marker: '"{{ deal.owner }}"]',
    params: { value: '{{ deal.owner }}', fixed: 'revops@example.com' },
  },
  {
    name: 'time of day with an hour offset',
    text: replaceOnce(DEAL_RULE, 'due: { in: 1 workday, at: "09:00" }', 'due: { in: 4h, at: "09:00" }'),
    code: 'DUE_AT_CONFLICT',
    severity: 'error',
    marker: '"09:00"',
    params: { at: '09:00', in: '4h' },
  },
  {
    name: 'workdays as an every interval',
    text: replaceOnce(EVERY_RULE, 'interval: 13 weeks', 'interval: 10 workdays'),
    code: 'DURATION_INVALID',
    severity: 'error',
    marker: '10 workdays',
    params: { reason: 'workdays' },
  },
  {
    name: 'zero every interval',
    text: replaceOnce(EVERY_RULE, 'interval: 13 weeks', 'interval: 0 days'),
    code: 'DURATION_INVALID',
    severity: 'error',
    marker: '0 days',
    params: { reason: 'zero' },
  },
  {
    name: 'maxTasksPerRun of zero',
    text: replaceOnce(EVERY_RULE, 'maxTasksPerRun: 25', 'maxTasksPerRun: 0'),
    code: 'RULE_SCHEMA_INVALID',
    severity: 'error',
    marker: 'maxTasksPerRun: 0',
    shift: 16,
  },
  {
    name: 'event type the events source never delivered',
    text: EVENT_RULE.replace('points_expiring', 'points_expirng'),
    options: { eventTypes: ['points_redeemed', 'tier_changed', 'points_expiring'] },
    code: 'LOYALTY_EVENT_UNKNOWN',
    severity: 'warning',
    marker: 'points_expirng',
    params: { event: 'points_expirng', didYouMean: 'Did you mean "points_expiring"? ' },
  },
  {
    name: 'template attribute no record has',
    text: replaceOnce(DEAL_RULE, 'Amount {{ deal.amount }}', 'Amount {{ deal.amuont }}'),
    options: { attributes: ATTRIBUTES },
    code: 'ATTRIBUTE_UNKNOWN',
    severity: 'warning',
    marker: 'deal.amuont',
    params: { path: 'deal.amuont', field: 'amuont', record: 'deal', didYouMean: 'Did you mean "amount"? ' },
  },
  {
    name: 'raw attribute behind attributes',
    text: replaceOnce(DEAL_RULE, 'Amount {{ deal.amount }}', 'Amount {{ deal.attributes.amont }}'),
    options: { attributes: ATTRIBUTES },
    code: 'ATTRIBUTE_UNKNOWN',
    severity: 'warning',
    marker: 'deal.attributes.amont',
  },
  {
    name: 'trigger field no record has',
    text: EVERY_RULE.replace('since: contract_start', 'since: contract_strat'),
    options: { attributes: ATTRIBUTES },
    code: 'ATTRIBUTE_UNKNOWN',
    severity: 'warning',
    marker: 'contract_strat',
    params: { path: 'company.contract_strat', didYouMean: 'Did you mean "contract_start"? ' },
  },
  {
    name: 'field of rule that does not exist',
    text: replaceOnce(DEAL_RULE, 'Amount {{ deal.amount }}', 'Rule {{ rule.name }}'),
    code: 'FACT_FIELD_UNKNOWN',
    severity: 'error',
    marker: 'rule.name',
    params: { root: 'rule', field: 'name', known: 'id, description' },
  },
  {
    name: 'field of event that does not exist',
    text: replaceOnce(EVENT_RULE, 'Check in: {{ company.name }}', 'Check in: {{ event.typ }}'),
    code: 'FACT_FIELD_UNKNOWN',
    severity: 'error',
    marker: 'event.typ',
    params: { didYouMean: 'Did you mean "type"? ' },
  },
  {
    name: 'field of a list in a template',
    text: replaceOnce(DEAL_RULE, 'Amount {{ deal.amount }}', 'Contact {{ contacts.email }}'),
    code: 'FACT_PATH_NEEDS_INDEX',
    severity: 'error',
    marker: 'contacts.email',
    params: { root: 'contacts', example: 'contacts.0.email' },
  },
  {
    name: 'path below now in a template',
    text: replaceOnce(DEAL_RULE, 'Amount {{ deal.amount }}', 'Year {{ now.year }}'),
    code: 'FACT_PATH_BELOW_VALUE',
    severity: 'error',
    marker: 'now.year',
  },
  {
    name: 'due.on reading an attribute no record has',
    text: replaceOnce(DEAL_RULE, 'due: { in: 1 workday, at: "09:00" }', 'due: { on: deal.close_dat }'),
    options: { attributes: ATTRIBUTES },
    code: 'ATTRIBUTE_UNKNOWN',
    severity: 'warning',
    marker: 'deal.close_dat',
    params: { didYouMean: 'Did you mean "close_date"? ' },
  },
];

describe('meaning checks', () => {
  it.each(cases)('$name gives $code', ({ text, code, severity, marker, shift, options, params }) => {
    const { file, diagnostics } = loadText(text, options);

    expect(codesOf(diagnostics)).toEqual([code]);
    expect(diagnostics[0]!.severity).toBe(severity);
    expect(diagnostics[0]!.position).toEqual({ file, ...positionOfMarker(text, marker, shift) });
    if (params) expect(diagnostics[0]!.params).toMatchObject(params);
  });

  it.each(cases)('$name has a complete message and hint in both languages', ({ text, options }) => {
    const [diagnostic] = loadText(text, options).diagnostics;

    for (const lang of ['en', 'de'] as const) {
      const rendered = formatDiagnostic(diagnostic!, lang);
      expect(rendered).toMatch(/\n {4}(hint|Tipp):/);
      expect(rendered).not.toMatch(/\{[a-zA-Z]+\}/);
    }
  });

  it('keeps a rule set with warnings usable', () => {
    const text = replaceOnce(DEAL_RULE, '["{{ deal.owner }}", revops@example.com]', '[revops@example.com, "{{ deal.owner }}"]');
    const { ruleSet, diagnostics } = loadText(text);

    expect(codesOf(diagnostics)).toEqual(['ASSIGNEE_UNREACHABLE']);
    expect(ruleSet?.rules).toHaveLength(1);
  });

  it('accepts list accessors that Liquid knows', () => {
    const text = replaceOnce(DEAL_RULE, 'Amount {{ deal.amount }}', '{{ contacts.first.email }} {{ contacts.size }} {% for c in contacts %}{{ c.email }}{% endfor %}');

    expect(loadText(text).diagnostics).toEqual([]);
  });

  it('accepts friendly fields and known attributes', () => {
    const text = replaceOnce(DEAL_RULE, 'Amount {{ deal.amount }}', '{{ deal.stage }} {{ deal.close_date }} {{ deal.attributes.deal_owner }} {{ company.renewal_date }}');

    expect(loadText(text, { attributes: ATTRIBUTES }).diagnostics).toEqual([]);
  });

  it('checks nothing of a kind without records', () => {
    const text = replaceOnce(DEAL_RULE, 'Amount {{ deal.amount }}', '{{ contact.anything }}');

    expect(loadText(text, { attributes: ATTRIBUTES }).diagnostics).toEqual([]);
  });
});

describe('duplicate tasks across rules', () => {
  const second = DEAL_RULE.replace('id: deal-demo', 'id: deal-demo-again').replace('version: 1\nrules:\n', '');

  it('warns at the later rule and names the earlier one', () => {
    const text = `${DEAL_RULE}${second}`;
    const { file, diagnostics, ruleSet } = loadText(text);

    expect(codesOf(diagnostics)).toEqual(['RULE_TASK_OVERLAP']);
    expect(diagnostics[0]!.severity).toBe('warning');
    expect(diagnostics[0]!.position).toEqual({ file, ...positionOfMarker(text, 'deal-demo-again') });
    expect(diagnostics[0]!.params).toMatchObject({ id: 'deal-demo-again', otherId: 'deal-demo', otherFile: file, ...prefixed(positionOfMarker(text, 'deal-demo')) });
    expect(ruleSet?.rules).toHaveLength(2);
  });

  it('finds the overlap across files and ignores spacing in templates', () => {
    const spaced = `version: 1\nrules:\n${second.replace('"Send proposal: {{ deal.name }}"', '"Send proposal: {{deal.name}}"').replace('type: email', 'type: Email')}`;
    const dir = writeRuleDir({ 'a.yaml': DEAL_RULE, 'b.yaml': spaced });

    expect(codesOf(loadRuleSet(dir, { lang: 'en' }).diagnostics)).toEqual(['RULE_TASK_OVERLAP']);
  });

  it.each([
    ['another stage', (text: string) => text.replace('stage: Demo', 'stage: Lead')],
    ['another task name', (text: string) => text.replace('Send proposal:', 'Send offer:')],
    ['another task type', (text: string) => text.replace('type: email', 'type: call')],
    ['another pipeline', (text: string) => text.replace('pipeline: Sales', 'pipeline: Partner')],
  ])('stays quiet for %s', (_name, change) => {
    const { diagnostics } = loadText(`${DEAL_RULE.replace('{ stage: Demo }', '{ stage: Demo, pipeline: Sales }')}${change(second.replace('{ stage: Demo }', '{ stage: Demo, pipeline: Sales }'))}`);

    expect(diagnostics).toEqual([]);
  });

  it('treats a missing pipeline as any pipeline', () => {
    const { diagnostics } = loadText(`${DEAL_RULE}${second.replace('{ stage: Demo }', '{ stage: demo, pipeline: Sales Pipeline }')}`);

    expect(codesOf(diagnostics)).toEqual(['RULE_TASK_OVERLAP']);
  });

  it('ignores a disabled rule', () => {
    const { diagnostics } = loadText(`${DEAL_RULE}${second.replace('    trigger:', '    enabled: false\n    trigger:')}`);

    expect(diagnostics).toEqual([]);
  });

  it('compares loyalty event lists by their shared types', () => {
    const other = EVENT_RULE.replace('id: tier-check-in', 'id: points-check-in').replace('[tier_changed, points_expiring]', 'points_expiring').replace('version: 1\nrules:\n', '');

    expect(codesOf(loadText(`${EVENT_RULE}${other}`).diagnostics)).toEqual(['RULE_TASK_OVERLAP']);
  });

  it('compares every intervals by length', () => {
    const other = EVERY_RULE.replace('id: quarterly-review', 'id: quarterly-review-2')
      .replace('interval: 13 weeks', 'interval: 91 days')
      .replace('version: 1\ndefaults:\n  maxTasksPerRun: 40\nrules:\n', '');

    expect(codesOf(loadText(`${EVERY_RULE}${other}`).diagnostics)).toEqual(['RULE_TASK_OVERLAP']);
  });
});

describe('every rules', () => {
  it('load with their record kind and task limit', () => {
    const { ruleSet, diagnostics } = loadText(EVERY_RULE, { attributes: ATTRIBUTES });
    const rule = ruleSet!.rules[0]!;

    expect(diagnostics).toEqual([]);
    expect(rule.triggerKind).toBe('every');
    expect(rule.recordKind).toBe('company');
    expect(rule.maxTasksPerRun).toBe(25);
  });

  it('take the task limit from the file defaults, else 100', () => {
    const fromDefaults = loadText(EVERY_RULE.replace('    maxTasksPerRun: 25\n', '')).ruleSet!.rules[0]!;
    const builtIn = loadText(DEAL_RULE).ruleSet!.rules[0]!;

    expect(fromDefaults.maxTasksPerRun).toBe(40);
    expect(builtIn.maxTasksPerRun).toBe(100);
  });
});

describe('message catalog', () => {
  it('covers every emitted code in both languages', () => {
    const codes = emittedCodes();

    expect(codes.length).toBeGreaterThan(40);
    for (const code of codes) {
      expect(hasMessage(code), code).toBe(true);
      expect(hasMessage(`${code}.hint`), `${code}.hint`).toBe(true);
      const entry = (catalog as Record<string, { en: string; de: string }>)[`${code}.hint`]!;
      expect(entry.de, `${code}.hint`).not.toBe(entry.en);
    }
  });

  it('renders German messages for the new checks', () => {
    const text = replaceOnce(DEAL_RULE, 'revops@example.com]', 'revops]');
    const { diagnostics } = loadText(text, { lang: 'de' });

    expect(t('de', diagnostics[0]!.code, diagnostics[0]!.params)).toBe('Der Bearbeiter "revops" ist weder eine E-Mail-Adresse noch eine Brevo-Benutzer-ID.');
  });
});

function prefixed(position: { line: number; col: number }): { otherLine: number; otherCol: number } {
  return { otherLine: position.line, otherCol: position.col };
}

/**
 * Collect every diagnostic code written as a literal in the folders of the
 * rule pipeline: load, validate, evaluate, time, and the task-limit guard.
 */
function emittedCodes(): string[] {
  const files = ['load', 'validate', 'validate/checks', 'evaluate', 'evaluate/triggers', 'time']
    .flatMap((dir) => readdirSync(join(SRC, dir)).filter((name) => name.endsWith('.ts')).map((name) => join(SRC, dir, name)))
    .concat(join(SRC, 'plan/task-limits.ts'));
  const codes = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) codes.add(match[1]!);
  }
  // yaml's own error codes and scalar types appear as literals too; they are not catalog entries.
  for (const yamlName of ['TO_JS_FAILED', 'DUPLICATE_KEY', 'QUOTE_DOUBLE', 'QUOTE_SINGLE']) codes.delete(yamlName);
  return [...codes].sort();
}
