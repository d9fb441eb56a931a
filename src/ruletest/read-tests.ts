/**
 * Read rule test files: YAML parsed as safely as rule files, then checked
 * by hand for the few keys a test has. Problems point at `file:line:col`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseRuleFile } from '../load/rule-files.js';
import { positionOf, type PositionSource } from '../load/positions.js';
import type { Diagnostic, RecordKind } from '../types/diagnostics.js';
import type { ExpectedTask, RuleTestCase } from './types.js';

const TEST_FILE = /\.ya?ml$/;
const RECORD_REF = /^(deal|company|contact):(.+)$/;
const RECORD_LISTS = ['deals', 'companies', 'contacts', 'pipelines', 'taskTypes', 'tasks', 'loyaltyEvents'];

export interface ReadTestsResult {
  cases: RuleTestCase[];
  diagnostics: Diagnostic[];
}

export function readRuleTests(dir: string): ReadTestsResult {
  const diagnostics: Diagnostic[] = [];
  const cases: RuleTestCase[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => TEST_FILE.test(name) && !name.startsWith('.')).sort();
  } catch {
    return { cases, diagnostics: [{ code: 'RULE_TEST_DIR_MISSING', severity: 'error', params: { dir } }] };
  }
  for (const name of names) {
    const file = join(dir, name);
    const parsed = parseRuleFile(file, name, readFileSync(file, 'utf8'), diagnostics);
    if (parsed) cases.push(...readCases(parsed, parsed.data, dir, diagnostics));
  }
  return { cases, diagnostics };
}

function readCases(source: PositionSource, data: unknown, dir: string, diagnostics: Diagnostic[]): RuleTestCase[] {
  const problem = (path: (string | number)[], detailId: string) =>
    diagnostics.push({ code: 'RULE_TEST_INVALID', severity: 'error', params: { path: path.join('.') || '(file)', detailId }, position: positionOf(source, path) });

  const root = data as { version?: unknown; tests?: unknown } | null;
  if (root?.version !== 1) problem(['version'], 'ruletest.detail.version');
  if (!Array.isArray(root?.tests) || root.tests.length === 0) {
    problem(['tests'], 'ruletest.detail.tests');
    return [];
  }
  const cases: RuleTestCase[] = [];
  root.tests.forEach((raw: unknown, index: number) => {
    const testCase = readCase(raw, ['tests', index], source, dir, problem);
    if (testCase) cases.push(testCase);
  });
  return cases;
}

/** Report a problem at `path`; `detailId` is a catalog id. */
type Report = (path: (string | number)[], detailId: string) => void;

function readCase(raw: unknown, path: (string | number)[], source: PositionSource, dir: string, problem: Report): RuleTestCase | null {
  const value = (raw ?? {}) as Record<string, unknown>;
  let valid = true;
  const check = (ok: boolean, key: (string | number)[], detailId: string) => {
    if (ok) return;
    valid = false;
    problem([...path, ...key], detailId);
  };
  check(typeof value.name === 'string' && value.name !== '', ['name'], 'ruletest.detail.name');
  check(isZonedTime(value.now), ['now'], 'ruletest.detail.now');
  check(value.data === undefined || typeof value.data === 'string', ['data'], 'ruletest.detail.data');
  check(value.account === undefined || typeof value.account === 'string', ['account'], 'ruletest.detail.data');
  check(value.rules === undefined || (Array.isArray(value.rules) && value.rules.every((id) => typeof id === 'string')), ['rules'], 'ruletest.detail.rules');
  check(value.records === undefined || isListMap(value.records, RECORD_LISTS), ['records'], 'ruletest.detail.records');
  check(value.seen === undefined || isSeenMap(value.seen), ['seen'], 'ruletest.detail.seen');
  check(Array.isArray(value.expect), ['expect'], 'ruletest.detail.expect');
  const expected = Array.isArray(value.expect) ? readExpected(value.expect, ['expect'], source, path, check) : [];
  if (!valid) return null;

  return {
    name: value.name as string,
    position: positionOf(source, [...path, 'name']),
    now: new Date(value.now as string).toISOString(),
    ...(typeof value.data === 'string' ? { data: resolve(dir, value.data) } : {}),
    ...(typeof value.account === 'string' ? { account: resolve(dir, value.account) } : {}),
    records: (value.records ?? {}) as RuleTestCase['records'],
    seen: (value.seen ?? {}) as RuleTestCase['seen'],
    ...(Array.isArray(value.rules) ? { rules: value.rules as string[] } : {}),
    expect: expected,
  };
}

function isZonedTime(value: unknown): boolean {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && /(Z|[+-]\d{2}:?\d{2})$/.test(value);
}

type Check = (ok: boolean, key: (string | number)[], detailId: string) => void;

function readExpected(list: unknown[], key: (string | number)[], source: PositionSource, casePath: (string | number)[], check: Check): ExpectedTask[] {
  const expected: ExpectedTask[] = [];
  list.forEach((raw, index) => {
    const entry = (raw ?? {}) as Record<string, unknown>;
    const at = [...key, index];
    const match = typeof entry.record === 'string' ? RECORD_REF.exec(entry.record) : null;
    const taskValid = entry.task === undefined || (typeof entry.task === 'object' && entry.task !== null && !Array.isArray(entry.task));
    check(typeof entry.rule === 'string', [...at, 'rule'], 'ruletest.detail.rule');
    check(match !== null, [...at, 'record'], 'ruletest.detail.record');
    check(taskValid, [...at, 'task'], 'ruletest.detail.task');
    if (typeof entry.rule !== 'string' || !match || !taskValid) return;
    expected.push({
      rule: entry.rule,
      record: { type: match[1] as RecordKind, id: match[2]! },
      task: (entry.task ?? {}) as Record<string, unknown>,
      position: positionOf(source, [...casePath, ...at]),
    });
  });
  return expected;
}

function isListMap(value: unknown, allowed: string[]): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(([key, list]) => allowed.includes(key) && Array.isArray(list));
}

function isSeenMap(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(([kind, byId]) => ['deal', 'company', 'contact'].includes(kind) && typeof byId === 'object' && byId !== null);
}
