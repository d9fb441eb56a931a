/**
 * Reading rule files: every `*.yaml` and `*.yml` directly inside a
 * directory, in name order, each parsed with `yaml` in its strictest form.
 * YAML problems become diagnostics with positions; nothing here throws for
 * bad input.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Diagnostic } from '../types/diagnostics.js';
import type { PositionSource } from './positions.js';
import { checkYamlSafety, precheckText, yamlProblems } from './yaml-checks.js';

/** Largest rule file read, in bytes. Rule files are hand-written, so 1 MiB is generous. */
export const MAX_RULE_FILE_BYTES = 1024 * 1024;

const RULE_FILE_NAME = /\.ya?ml$/i;

/** A rule file whose YAML parsed cleanly; `data` is not yet schema-checked. */
export interface ParsedRuleFile extends PositionSource {
  /** File name inside the rules directory. */
  name: string;
  text: string;
  data: unknown;
}

/** A rule file as read from disk, parsed or not; the rule set's fingerprint covers these. */
export interface RuleFileText {
  name: string;
  text: string;
}

export interface RuleFilesResult {
  files: ParsedRuleFile[];
  texts: RuleFileText[];
  diagnostics: Diagnostic[];
}

/**
 * Read and parse every rule file in `dir`. Files with problems are left out
 * of `files` and reported in `diagnostics`, so the others can still be
 * checked.
 */
export function readRuleFiles(dir: string): RuleFilesResult {
  const result: RuleFilesResult = { files: [], texts: [], diagnostics: [] };
  const names = listRuleFiles(dir, result.diagnostics);

  for (const name of names) {
    const file = join(dir, name);
    const text = readRuleFileText(file, result.diagnostics);
    if (text === undefined) continue;

    result.texts.push({ name, text });
    const parsed = parseRuleFile(file, name, text, result.diagnostics);
    if (parsed) result.files.push(parsed);
  }
  return result;
}

/**
 * List the rule files directly inside `dir`, sorted by code point. Hidden
 * files are skipped, because editors keep lock and backup files such as
 * `.#rules.yaml` there.
 */
export function listRuleFiles(dir: string, diagnostics: Diagnostic[]): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    diagnostics.push(fileProblem('RULES_DIR_UNREADABLE', { dir, detail: errorText(error) }));
    return [];
  }

  const names = entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && isRuleFileName(entry.name))
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) diagnostics.push(fileProblem('RULES_DIR_EMPTY', { dir }));
  return names;
}

/**
 * Parse one rule file's text. Returns undefined and adds diagnostics when
 * the text is too deeply nested, is not valid YAML, uses a `%YAML` version
 * other than 1.2, or uses anchors and aliases.
 */
export function parseRuleFile(file: string, name: string, text: string, diagnostics: Diagnostic[]): ParsedRuleFile | undefined {
  const precheck = precheckText(file, text);
  if (precheck) {
    diagnostics.push(precheck);
    return undefined;
  }

  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    version: '1.2',
    schema: 'core',
    strict: true,
    uniqueKeys: true,
    stringKeys: true,
    merge: false,
    resolveKnownTags: false,
    prettyErrors: true,
  }) as Document.Parsed;
  const source: PositionSource = { file, document, lineCounter };

  const problems = [...yamlProblems(source, text), ...checkYamlSafety(source, text)];
  if (problems.length > 0) {
    diagnostics.push(...problems);
    return undefined;
  }
  const data = toData(source, diagnostics);
  return data.ok ? { ...source, name, text, data: data.value } : undefined;
}

/** Convert to plain data; aliases were rejected above, and `maxAliasCount: 0` keeps it so. */
function toData(source: PositionSource, diagnostics: Diagnostic[]): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: source.document.toJS({ maxAliasCount: 0 }) };
  } catch (error) {
    diagnostics.push({ code: 'YAML_SYNTAX', severity: 'error', params: { detail: errorText(error), yamlCode: 'TO_JS_FAILED' }, position: { file: source.file, line: 1, col: 1 } });
    return { ok: false };
  }
}

function isRuleFileName(name: string): boolean {
  return RULE_FILE_NAME.test(name) && !name.startsWith('.');
}

function readRuleFileText(file: string, diagnostics: Diagnostic[]): string | undefined {
  try {
    const { size } = statSync(file);
    if (size > MAX_RULE_FILE_BYTES) {
      diagnostics.push(fileProblem('RULE_FILE_TOO_LARGE', { file, size, limit: MAX_RULE_FILE_BYTES }, file));
      return undefined;
    }
    return readFileSync(file, 'utf8');
  } catch (error) {
    diagnostics.push(fileProblem('RULE_FILE_UNREADABLE', { file, detail: errorText(error) }, file));
    return undefined;
  }
}

function fileProblem(code: string, params: Diagnostic['params'], file?: string): Diagnostic {
  return {
    code,
    severity: 'error',
    params,
    ...(file === undefined ? {} : { position: { file, line: 1, col: 1 } }),
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
