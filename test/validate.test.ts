import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../src/i18n/index.js';
import type { Diagnostic } from '../src/types/diagnostics.js';
import type { BrevoPipeline } from '../src/types/records.js';
import { loadRuleSet, type LoadOptions } from '../src/validate/index.js';

const BUNDLED_RULES = new URL('../rules', import.meta.url).pathname;
const EXAMPLE_DATA = new URL('../examples/crm/', import.meta.url);

/** A valid rule file; cases break it with one `replace`. */
const VALID = `version: 1
defaults:
  timezone: Europe/Berlin
  lookback: 7 days
rules:
  - id: deal-qualified-demo
    trigger:
      dealStageEntered: { stage: Qualified, pipeline: Sales Pipeline }
    conditions:
      all:
        - { fact: deal.amount, operator: greaterThanInclusive, value: 5000 }
    task:
      name: "Schedule demo: {{ deal.name }}"
      type: meeting
      due: { in: 3 days, at: "10:00" }
      duration: 1h
      assignee: ["{{ deal.owner }}", revops@example.com]
      notes: "Amount {{ deal.amount | money: 'EUR' }}"
`;

const LOYALTY = `version: 1
rules:
  - id: loyalty-check-in
    trigger:
      loyaltyEvent: { event: tier_changed }
    task:
      name: "Check in: {{ company.name }}, tier {{ event.data.to }}"
      type: call
      due: { in: 1 day }
      assignee: "{{ company.owner }}"
`;

const PIPELINES: BrevoPipeline[] = [
  {
    pipeline: 'p1',
    pipeline_name: 'Sales Pipeline',
    stages: [
      { id: 's1', name: 'Lead' },
      { id: 's2', name: 'Qualified' },
      { id: 's3', name: 'Closed Won' },
    ],
  },
];

const tempDirs: string[] = [];

afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function writeRules(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'followup-rules-'));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** 1-based line and column of the first occurrence of `marker` in `text`, plus `shift` columns. */
function positionOfMarker(text: string, marker: string, shift = 0): { line: number; col: number } {
  const index = text.indexOf(marker);
  if (index < 0) throw new Error(`marker ${JSON.stringify(marker)} not in fixture`);
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const col = index - before.lastIndexOf('\n') + shift;
  return { line, col };
}

function load(files: Record<string, string>, options: Partial<LoadOptions> = {}) {
  const dir = writeRules(files);
  return { dir, ...loadRuleSet(dir, { lang: 'en', ...options }) };
}

function errorsOf(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
}

function replaceOnce(text: string, search: string, replacement: string): string {
  if (!text.includes(search)) throw new Error(`${JSON.stringify(search)} not in fixture`);
  return text.replace(search, replacement);
}

describe('bundled rules', () => {
  it('validate without diagnostics', () => {
    const { ruleSet, diagnostics } = loadRuleSet(BUNDLED_RULES, { lang: 'en' });

    expect(diagnostics).toEqual([]);
    expect(ruleSet?.rules.length).toBeGreaterThan(0);
  });

  it('validate against the example account', () => {
    const pipelines = JSON.parse(readFileSync(new URL('pipelines.json', EXAMPLE_DATA), 'utf8')) as BrevoPipeline[];
    const taskTypes = (JSON.parse(readFileSync(new URL('tasktypes.json', EXAMPLE_DATA), 'utf8')) as { title: string }[]).map((type) => type.title);

    const { diagnostics } = loadRuleSet(BUNDLED_RULES, { lang: 'de', pipelines, taskTypes });

    expect(diagnostics).toEqual([]);
  });
});

interface BrokenCase {
  name: string;
  text: string;
  code: string;
  /** Text at the expected position; `shift` moves the expected column. */
  marker: string;
  shift?: number;
  options?: Partial<LoadOptions>;
  params?: Record<string, string | number>;
}

const brokenCases: BrokenCase[] = [
  {
    name: 'YAML syntax error',
    text: replaceOnce(VALID, '      type: meeting\n', '      type: meeting\n\tduration: 1h\n'),
    code: 'YAML_SYNTAX',
    marker: '\tduration',
  },
  {
    name: 'duplicate key',
    text: replaceOnce(VALID, '      type: meeting\n', '      type: meeting\n      type: call\n'),
    code: 'YAML_DUPLICATE_KEY',
    marker: 'type: call',
    params: { key: 'type' },
  },
  {
    name: 'duplicate key that differs only in quoting',
    text: replaceOnce(VALID, '      type: meeting\n', '      type: meeting\n      "type": call\n'),
    code: 'YAML_DUPLICATE_KEY',
    marker: '"type": call',
  },
  {
    name: 'alias',
    text: replaceOnce(
      replaceOnce(VALID, 'due: { in: 3 days, at: "10:00" }', 'due: &due { in: 3 days, at: "10:00" }'),
      '      duration: 1h\n',
      '      duration: 1h\n      notes: *due\n',
    ).replace('      notes: "Amount {{ deal.amount | money: \'EUR\' }}"\n', ''),
    code: 'YAML_ALIAS_UNSUPPORTED',
    marker: '*due',
    params: { alias: '*due' },
  },
  {
    name: 'unresolved tag',
    text: replaceOnce(VALID, 'type: meeting', 'type: !!js/function meeting'),
    code: 'YAML_SYNTAX',
    marker: '!!js/function',
  },
  {
    name: 'YAML 1.1 directive',
    text: `%YAML 1.1\n---\n${VALID}`,
    code: 'YAML_VERSION_UNSUPPORTED',
    marker: '%YAML',
    params: { version: '1.1' },
  },
  {
    name: 'unknown key in a rule',
    text: replaceOnce(VALID, '    trigger:\n', '    priority: 10\n    trigger:\n'),
    code: 'RULE_SCHEMA_INVALID',
    marker: 'priority',
  },
  {
    name: 'missing required key',
    text: replaceOnce(VALID, '      name: "Schedule demo: {{ deal.name }}"\n', ''),
    code: 'RULE_SCHEMA_INVALID',
    marker: 'type: meeting',
  },
  {
    name: 'wrong version',
    text: replaceOnce(VALID, 'version: 1', 'version: 2'),
    code: 'RULE_SCHEMA_INVALID',
    marker: '2',
  },
  {
    name: 'bad rule id',
    text: replaceOnce(VALID, 'id: deal-qualified-demo', 'id: Deal Demo'),
    code: 'RULE_SCHEMA_INVALID',
    marker: 'Deal Demo',
  },
  {
    name: 'unknown task type',
    text: replaceOnce(VALID, 'type: meeting', 'type: meting'),
    code: 'TASK_TYPE_UNKNOWN',
    marker: 'meting',
    params: { type: 'meting', didYouMean: 'Did you mean "Meeting"? ' },
  },
  {
    name: 'task type unknown to the account',
    text: VALID,
    options: { taskTypes: ['Call', 'Email'] },
    code: 'TASK_TYPE_UNKNOWN',
    marker: 'meeting',
    params: { type: 'meeting', known: 'Call, Email', didYouMean: '' },
  },
  {
    name: 'unknown stage',
    text: replaceOnce(VALID, 'stage: Qualified', 'stage: Qualifed'),
    options: { pipelines: PIPELINES },
    code: 'STAGE_UNKNOWN',
    marker: 'Qualifed',
    params: { stage: 'Qualifed', didYouMean: 'Did you mean "Qualified"? ' },
  },
  {
    name: 'unknown from stage',
    text: replaceOnce(VALID, 'stage: Qualified,', 'stage: Qualified, from: Prospect,'),
    options: { pipelines: PIPELINES },
    code: 'STAGE_UNKNOWN',
    marker: 'Prospect',
  },
  {
    name: 'unknown pipeline',
    text: replaceOnce(VALID, 'pipeline: Sales Pipeline', 'pipeline: Sales Pipelin'),
    options: { pipelines: PIPELINES },
    code: 'PIPELINE_UNKNOWN',
    marker: 'Sales Pipelin',
    params: { pipeline: 'Sales Pipelin', didYouMean: 'Did you mean "Sales Pipeline"? ' },
  },
  {
    name: 'invalid time zone',
    text: replaceOnce(VALID, 'timezone: Europe/Berlin', 'timezone: Europe/Berlinn'),
    code: 'TIMEZONE_INVALID',
    marker: 'Europe/Berlinn',
  },
  {
    name: 'zero task duration',
    text: replaceOnce(VALID, 'duration: 1h', 'duration: 0m'),
    code: 'DURATION_INVALID',
    marker: '0m',
    params: { value: '0m', reason: 'zero' },
  },
  {
    name: 'workdays as task duration',
    text: replaceOnce(VALID, 'duration: 1h', 'duration: 2 workdays'),
    code: 'DURATION_INVALID',
    marker: '2 workdays',
    params: { value: '2 workdays', reason: 'workdays' },
  },
  {
    name: 'look-back of more than ten years',
    text: replaceOnce(VALID, 'lookback: 7 days', 'lookback: 600 weeks'),
    code: 'DURATION_INVALID',
    marker: '600 weeks',
    params: { value: '600 weeks', reason: 'tooLong' },
  },
  {
    name: 'hour 25',
    text: replaceOnce(VALID, 'at: "10:00"', 'at: "25:00"'),
    code: 'TIME_OF_DAY_INVALID',
    marker: '"25:00"',
  },
  {
    name: 'due.on outside the record',
    text: replaceOnce(VALID, 'due: { in: 3 days, at: "10:00" }', 'due: { on: company.renewal_date, before: 7 days }'),
    code: 'DUE_FIELD_WRONG_RECORD',
    marker: 'company.renewal_date',
    params: { field: 'company.renewal_date', record: 'deal' },
  },
  {
    name: 'unclosed template',
    text: replaceOnce(VALID, '"Schedule demo: {{ deal.name }}"', '"Schedule demo: {{ deal.name "'),
    code: 'TEMPLATE_SYNTAX',
    marker: '{{ deal.name "',
  },
  {
    name: 'unknown filter',
    text: replaceOnce(VALID, "money: 'EUR'", 'currency'),
    code: 'TEMPLATE_SYNTAX',
    marker: '{{ deal.amount | currency',
  },
  {
    name: 'include tag',
    text: replaceOnce(VALID, '"Schedule demo: {{ deal.name }}"', `"{% include '/etc/passwd' %}"`),
    code: 'TEMPLATE_SYNTAX',
    marker: '{% include',
  },
  {
    name: 'unknown template variable',
    text: replaceOnce(VALID, 'Schedule demo: {{ deal.name }}', 'Schedule demo: {{ dael.name }}'),
    code: 'TEMPLATE_VARIABLE_UNKNOWN',
    marker: 'dael.name',
    params: { variable: 'dael.name', field: 'task.name', didYouMean: 'Did you mean "deal"? ' },
  },
  {
    name: 'unknown variable in an assignee',
    text: replaceOnce(VALID, '"{{ deal.owner }}"', '"{{ owner }}"'),
    code: 'TEMPLATE_VARIABLE_UNKNOWN',
    marker: 'owner }}',
    params: { variable: 'owner', field: 'task.assignee.0' },
  },
  {
    name: 'unknown variable in a block scalar',
    text: replaceOnce(VALID, `notes: "Amount {{ deal.amount | money: 'EUR' }}"`, 'notes: >-\n        Amount {{ amount }}'),
    code: 'TEMPLATE_VARIABLE_UNKNOWN',
    marker: '>-',
  },
  {
    name: 'unknown condition fact',
    text: replaceOnce(VALID, 'fact: deal.amount', 'fact: amount'),
    code: 'CONDITION_FACT_UNKNOWN',
    marker: 'amount, operator',
    params: { fact: 'amount' },
  },
  {
    name: 'constructor in a template',
    text: replaceOnce(VALID, 'Schedule demo: {{ deal.name }}', 'Schedule demo: {{ deal.constructor.name }}'),
    code: 'TEMPLATE_PROTOTYPE_ACCESS',
    marker: 'deal.constructor',
    params: { variable: 'deal.constructor.name', segment: 'constructor', field: 'task.name' },
  },
  {
    name: '__proto__ in a template index',
    text: replaceOnce(VALID, `"Amount {{ deal.amount | money: 'EUR' }}"`, `"{{ deal['__proto__'] }}"`),
    code: 'TEMPLATE_PROTOTYPE_ACCESS',
    marker: `deal['__proto__']`,
  },
  {
    name: '__proto__ in a condition fact',
    text: replaceOnce(VALID, 'fact: deal.amount', 'fact: deal.__proto__.amount'),
    code: 'TEMPLATE_PROTOTYPE_ACCESS',
    marker: 'deal.__proto__',
  },
  {
    name: 'prototype in due.on',
    text: replaceOnce(VALID, 'due: { in: 3 days, at: "10:00" }', 'due: { on: deal.prototype }'),
    code: 'TEMPLATE_PROTOTYPE_ACCESS',
    marker: 'deal.prototype',
  },
  {
    name: 'empty loyalty event list',
    text: replaceOnce(LOYALTY, 'event: tier_changed', 'event: []'),
    code: 'LOYALTY_EVENT_EMPTY',
    marker: '[]',
  },
];

describe('broken rule files', () => {
  it.each(brokenCases)('$name gives $code', ({ text, code, marker, shift, options, params }) => {
    const { dir, ruleSet, diagnostics } = load({ 'rules.yaml': text }, options);
    const errors = errorsOf(diagnostics);

    expect(ruleSet).toBeNull();
    expect(errors.map((error) => error.code)).toEqual([code]);
    expect(errors[0]!.position).toEqual({ file: join(dir, 'rules.yaml'), ...positionOfMarker(text, marker, shift) });
    if (params) expect(errors[0]!.params).toMatchObject(params);
  });
});

describe('json-rules-engine traps blocked by the schema', () => {
  const trapCases = [
    { name: 'empty all', conditions: 'all: []', marker: '[]' },
    { name: 'empty any', conditions: 'any: []', marker: '[]' },
    { name: 'unknown operator', conditions: 'all:\n        - { fact: deal.amount, operator: greaterThen, value: 5 }', marker: 'greaterThen' },
    { name: 'leaf without value', conditions: 'all:\n        - { fact: deal.amount, operator: greaterThan }', marker: '{ fact' },
    { name: 'path key', conditions: 'all:\n        - { fact: deal, path: $.amount, operator: greaterThan, value: 5 }', marker: 'path' },
    { name: 'in with null', conditions: 'any:\n        - { fact: deal.stage, operator: in, value: null }', marker: 'null' },
    { name: 'group mixed with a leaf', conditions: 'all: [{ fact: deal.amount, operator: equal, value: 1 }]\n      fact: deal.name', marker: 'all:' },
    { name: 'empty condition', conditions: 'not: {}', marker: '{}' },
  ];

  it.each(trapCases)('$name is a schema error', ({ conditions, marker }) => {
    const text = replaceOnce(VALID, 'all:\n        - { fact: deal.amount, operator: greaterThanInclusive, value: 5000 }', conditions);
    const { dir, diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['RULE_SCHEMA_INVALID']);
    expect(diagnostics[0]!.position).toEqual({ file: join(dir, 'rules.yaml'), ...positionOfMarker(text, marker) });
  });

  it('suggests the operator that was meant', () => {
    const text = replaceOnce(VALID, 'operator: greaterThanInclusive', 'operator: greaterThenInclusive');
    const { diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics[0]!.params.didYouMean).toBe('Did you mean "greaterThanInclusive"? ');
  });

  it('rejects a priority on the rule', () => {
    const text = replaceOnce(VALID, '    trigger:\n', '    priority: 0\n    trigger:\n');
    const { diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.params.detail).toBe('must NOT have additional properties: priority');
    expect(diagnostics[0]!.path).toBe('rules/0/priority');
    expect(diagnostics[0]!.rule).toBe('deal-qualified-demo');
  });
});

describe('schema messages', () => {
  it('explains a trigger with two kinds once', () => {
    const text = replaceOnce(VALID, '      dealStageEntered:', '      loyaltyEvent: { event: x }\n      dealStageEntered:');
    const { diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.params.detail).toBe(
      'trigger must have exactly one of dealStageEntered, dateApproaching, attributeChanged, loyaltyEvent, every',
    );
    expect(diagnostics[0]!.position).toMatchObject(positionOfMarker(text, 'loyaltyEvent'));
  });

  it('explains a due with both in and on once', () => {
    const text = replaceOnce(VALID, 'due: { in: 3 days,', 'due: { in: 3 days, on: deal.close_date,');
    const { diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics.map((diagnostic) => diagnostic.params.detail)).toEqual([
      'due must have exactly one of in (a duration after the occurrence) or on (a date field of the record)',
    ]);
  });

  it('explains a due with neither in nor on once', () => {
    const text = replaceOnce(VALID, 'due: { in: 3 days, at: "10:00" }', 'due: { at: "10:00" }');
    const { diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.params.detail).toContain('exactly one of in');
  });

  it('explains before without on', () => {
    const text = replaceOnce(VALID, 'due: { in: 3 days,', 'due: { in: 3 days, before: 1 day,');
    const { diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics.map((diagnostic) => diagnostic.params.detail)).toEqual([
      'before and after only work together with on, and only one of them at a time',
    ]);
  });

  it('explains a misspelt duration', () => {
    const text = replaceOnce(VALID, 'duration: 1h', 'duration: 1 fortnight');
    const { diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.params.detail).toBe('must be a duration such as 15m, 1h, 2 days or 3 workdays');
    expect(diagnostics[0]!.position).toMatchObject(positionOfMarker(text, '1 fortnight'));
  });

  it('suggests a misspelt key', () => {
    const text = replaceOnce(VALID, '    conditions:', '    condition:');
    const { diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.params.didYouMean).toBe('Did you mean "conditions"? ');
  });

  it('reports a missing key at the map that lacks it', () => {
    const text = replaceOnce(VALID, '{ stage: Qualified, pipeline: Sales Pipeline }', '{ pipeline: Sales Pipeline }');
    const { diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.params.detail).toBe("must have required property 'stage'");
    expect(diagnostics[0]!.position).toMatchObject(positionOfMarker(text, '{ pipeline'));
  });

  it('reports an empty file at its start', () => {
    const { diagnostics } = load({ 'empty.yaml': '# nothing here\n' });

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['RULE_SCHEMA_INVALID']);
    expect(diagnostics[0]!.position).toMatchObject({ line: 1, col: 1 });
  });

  it('writes German messages for lang de', () => {
    const text = replaceOnce(replaceOnce(VALID, '    trigger:\n', '    priority: 10\n    trigger:\n'), 'type: meeting', 'type: meting');
    const { diagnostics } = load({ 'rules.yaml': text }, { lang: 'de' });
    const [schemaProblem, taskTypeProblem] = diagnostics;

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['RULE_SCHEMA_INVALID', 'TASK_TYPE_UNKNOWN']);
    expect(schemaProblem!.params.detail).toBe('darf keine zusätzlichen Attribute haben: priority');
    expect(t('de', schemaProblem!.code, schemaProblem!.params)).toBe('rules/0/priority: darf keine zusätzlichen Attribute haben: priority');
    expect(t('de', taskTypeProblem!.code, taskTypeProblem!.params)).toBe('Unbekannter Aufgabentyp "meting".');
  });

  it('writes German hints for lang de', () => {
    const text = replaceOnce(VALID, 'type: meeting', 'type: meting');
    const { diagnostics } = load({ 'rules.yaml': text }, { lang: 'de' });
    const problem = diagnostics[0]!;

    expect(t('de', problem.code, problem.params)).toBe('Unbekannter Aufgabentyp "meting".');
    expect(t('de', `${problem.code}.hint`, problem.params)).toBe(
      'Meintest du "Meeting"? Bekannte Aufgabentypen: Email, Call, Meeting, Todo, Lunch, Deadline, LinkedIn. Groß- und Kleinschreibung spielt keine Rolle.',
    );
  });

  it('writes German collapsed messages for lang de', () => {
    const text = replaceOnce(VALID, 'due: { in: 3 days, at: "10:00" }', 'due: { at: "10:00" }');
    const { diagnostics } = load({ 'rules.yaml': text }, { lang: 'de' });

    expect(diagnostics[0]!.params.detail).toMatch(/^due muss genau einen der Schlüssel in/);
  });
});

describe('checks across files', () => {
  it('reports a duplicate rule id at both places', () => {
    const second = replaceOnce(VALID, 'type: meeting', 'type: call');
    const { dir, ruleSet, diagnostics } = load({ 'a.yaml': VALID, 'b.yml': second });

    expect(ruleSet).toBeNull();
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['RULE_ID_DUPLICATE', 'RULE_ID_DUPLICATE']);
    const idPosition = positionOfMarker(VALID, 'deal-qualified-demo');
    expect(diagnostics[0]!.position).toEqual({ file: join(dir, 'a.yaml'), ...idPosition });
    expect(diagnostics[0]!.params).toMatchObject({ otherFile: join(dir, 'b.yml'), otherLine: idPosition.line, otherCol: idPosition.col });
    expect(diagnostics[1]!.position).toEqual({ file: join(dir, 'b.yml'), ...idPosition });
    expect(diagnostics[1]!.params).toMatchObject({ otherFile: join(dir, 'a.yaml') });
  });

  it('reads only yaml files directly in the directory', () => {
    const dir = writeRules({ 'a.yaml': VALID, 'notes.txt': 'not a rule', 'b.json': '{}', '.#a.yaml': 'editor lock: [' });
    mkdirSync(join(dir, 'nested.yaml'));
    writeFileSync(join(dir, 'nested.yaml', 'c.yaml'), 'not: [valid');

    const { ruleSet, diagnostics } = loadRuleSet(dir, { lang: 'en' });

    expect(diagnostics).toEqual([]);
    expect(ruleSet?.rules.map((rule) => rule.id)).toEqual(['deal-qualified-demo']);
  });

  it('reports a directory without rule files', () => {
    const dir = writeRules({ 'notes.txt': 'x' });

    const { ruleSet, diagnostics } = loadRuleSet(dir, { lang: 'en' });

    expect(ruleSet).toBeNull();
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['RULES_DIR_EMPTY']);
  });

  it('reports a missing directory', () => {
    const { ruleSet, diagnostics } = loadRuleSet(join(tmpdir(), 'followup-no-such-dir'), { lang: 'en' });

    expect(ruleSet).toBeNull();
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['RULES_DIR_UNREADABLE']);
  });

  it('keeps checking the other files after a syntax error', () => {
    const broken = replaceOnce(VALID, 'rules:', 'rules: [');
    const other = replaceOnce(replaceOnce(VALID, 'deal-qualified-demo', 'other-rule'), 'type: meeting', 'type: meting');

    const { diagnostics } = load({ 'a.yaml': broken, 'b.yaml': other });

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('YAML_SYNTAX');
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('TASK_TYPE_UNKNOWN');
  });

  it('lists schema and meaning problems of one rule together', () => {
    const text = replaceOnce(replaceOnce(VALID, '      duration: 1h\n', '      duration: 1h\n      colour: red\n'), 'type: meeting', 'type: meting');

    const { diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['TASK_TYPE_UNKNOWN', 'RULE_SCHEMA_INVALID']);
  });

  it('checks the valid rules of a file beside an invalid one', () => {
    const text = `${VALID}  - id: second\n    trigger: {}\n    task: { name: x, type: call, due: { in: 1h }, assignee: a@example.com }\n`;
    const withBadType = replaceOnce(text, 'type: meeting', 'type: meting');

    const { diagnostics } = load({ 'rules.yaml': withBadType });

    expect(diagnostics.map((diagnostic) => diagnostic.code).sort()).toEqual(['RULE_SCHEMA_INVALID', 'TASK_TYPE_UNKNOWN']);
  });
});

describe('YAML safety', () => {
  it('rejects deeply nested brackets before parsing', () => {
    const text = `${VALID}# ${'['.repeat(70)}\n`;
    const { diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['YAML_NESTING_TOO_DEEP']);
  });

  it('rejects a file above the size limit', () => {
    const text = `${VALID}${'#'.repeat(1024 * 1024)}\n`;
    const { diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['RULE_FILE_TOO_LARGE']);
  });

  it('rejects a second document', () => {
    const { diagnostics } = load({ 'rules.yaml': `${VALID}---\nversion: 1\n` });

    expect(diagnostics.map((diagnostic) => diagnostic.params.yamlCode)).toEqual(['MULTIPLE_DOCS']);
  });

  it('keeps YAML 1.1 booleans as text', () => {
    const text = replaceOnce(VALID, 'type: meeting', 'type: no');
    const { diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['TASK_TYPE_UNKNOWN']);
    expect(diagnostics[0]!.params.type).toBe('no');
  });
});

describe('normalised rules', () => {
  it('merge file defaults into each rule', () => {
    const text = replaceOnce(VALID, '  lookback: 7 days\n', '  lookback: 2 days\n  workdays: [mon, tue]\n  holidays: [2026-12-24]\n  reminder: { value: 30, unit: minutes, types: [email] }\n');
    const { ruleSet, diagnostics } = load({ 'rules.yaml': text });
    const rule = ruleSet!.rules[0]!;

    expect(diagnostics).toEqual([]);
    expect(rule.calendar).toEqual({ timezone: 'Europe/Berlin', workdays: ['mon', 'tue'], holidays: ['2026-12-24'] });
    expect(rule.reminder).toEqual({ value: 30, unit: 'minutes', types: ['email'] });
    expect(rule.lookbackMs).toBe(2 * 86_400_000);
  });

  it('use UTC, weekdays and seven days without defaults', () => {
    const { ruleSet } = load({ 'rules.yaml': LOYALTY });
    const rule = ruleSet!.rules[0]!;

    expect(rule.calendar).toEqual({ timezone: 'UTC', workdays: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: [] });
    expect(rule.reminder).toBeNull();
    expect(rule.lookbackMs).toBe(7 * 86_400_000);
  });

  it('let a rule switch the default reminder off', () => {
    const text = replaceOnce(
      replaceOnce(VALID, '  lookback: 7 days\n', '  reminder: { value: 30, unit: minutes, types: [email] }\n'),
      '      duration: 1h\n',
      '      duration: 1h\n      reminder: null\n',
    );
    const { ruleSet, diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics).toEqual([]);
    expect(ruleSet!.rules[0]!.reminder).toBeNull();
  });

  it('describe trigger, record and position', () => {
    const { dir, ruleSet } = load({ 'rules.yaml': LOYALTY });
    const rule = ruleSet!.rules[0]!;

    expect(rule.triggerKind).toBe('loyaltyEvent');
    expect(rule.recordKind).toBe('company');
    expect(rule.enabled).toBe(true);
    expect(rule.task.assignee).toEqual(['{{ company.owner }}']);
    expect(rule.position).toEqual({ file: join(dir, 'rules.yaml'), ...positionOfMarker(LOYALTY, 'loyalty-check-in') });
  });

  it('keep a disabled rule, marked', () => {
    const text = replaceOnce(VALID, '    trigger:\n', '    enabled: false\n    trigger:\n');
    const { ruleSet, diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics).toEqual([]);
    expect(ruleSet!.rules[0]!.enabled).toBe(false);
  });

  it('wrap a single condition leaf in all', () => {
    const text = replaceOnce(
      VALID,
      'conditions:\n      all:\n        - { fact: deal.amount, operator: greaterThanInclusive, value: 5000 }',
      'conditions: { fact: deal.amount, operator: greaterThan, value: 1 }',
    );
    const { ruleSet, diagnostics } = load({ 'rules.yaml': text });

    expect(diagnostics).toEqual([]);
    expect(ruleSet!.rules[0]!.conditions).toEqual({ all: [{ fact: 'deal.amount', operator: 'greaterThan', value: 1 }] });
  });

  it('fingerprint file names and contents', () => {
    const first = load({ 'rules.yaml': VALID }).ruleSet!.fingerprint;
    const same = load({ 'rules.yaml': VALID }).ruleSet!.fingerprint;
    const renamed = load({ 'other.yaml': VALID }).ruleSet!.fingerprint;
    const edited = load({ 'rules.yaml': `${VALID}# comment\n` }).ruleSet!.fingerprint;

    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(same).toBe(first);
    expect(renamed).not.toBe(first);
    expect(edited).not.toBe(first);
  });
});
