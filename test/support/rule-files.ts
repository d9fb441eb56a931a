/**
 * Rule files written to a temporary directory and loaded the way the CLI
 * loads them, for tests of validation messages and positions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Diagnostic } from '../../src/types/diagnostics.js';
import { loadRuleSet, type LoadOptions, type LoadResult } from '../../src/validate/index.js';

const created: string[] = [];

afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Write `files` (name → text) into a new temporary directory, removed after the test. */
export function writeRuleDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'followup-rules-'));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Load one rule file with the given text. */
export function loadText(text: string, options: Partial<LoadOptions> = {}): LoadResult & { dir: string; file: string } {
  const dir = writeRuleDir({ 'rules.yaml': text });
  return { dir, file: join(dir, 'rules.yaml'), ...loadRuleSet(dir, { lang: 'en', ...options }) };
}

/** 1-based line and column of the first occurrence of `marker` in `text`, plus `shift` columns. */
export function positionOfMarker(text: string, marker: string, shift = 0): { line: number; col: number } {
  const index = text.indexOf(marker);
  if (index < 0) throw new Error(`marker ${JSON.stringify(marker)} not in fixture`);
  const before = text.slice(0, index);
  return { line: before.split('\n').length, col: index - before.lastIndexOf('\n') + shift };
}

export function codesOf(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => diagnostic.code);
}

/** Replace `search` once, failing loudly when the fixture does not contain it. */
export function replaceOnce(text: string, search: string, replacement: string): string {
  if (!text.includes(search)) throw new Error(`${JSON.stringify(search)} not in fixture`);
  return text.replace(search, replacement);
}
