/**
 * Diagnostics as text: `file:line:col  error  CODE  message`, then the hint.
 */
import { isAbsolute, relative } from 'node:path';
import { hasMessage, t, type Lang } from '../i18n/index.js';
import type { Diagnostic, SourcePosition } from '../types/diagnostics.js';

export function formatDiagnostic(diagnostic: Diagnostic, lang: Lang, cwd = process.cwd()): string {
  const where = diagnostic.position
    ? formatPosition(diagnostic.position, cwd)
    : diagnostic.record
      ? `${diagnostic.record.type}:${diagnostic.record.id}`
      : '';
  const severity = t(lang, `severity.${diagnostic.severity}`);
  const context = describeContext(diagnostic);
  const lines = [`${where ? `${where}  ` : ''}${severity}  ${diagnostic.code}  ${diagnosticMessage(diagnostic, lang)}${context}`];
  const hintId = `${diagnostic.code}.hint`;
  if (hasMessage(hintId)) lines.push(`    ${t(lang, 'hint.prefix')} ${t(lang, hintId, diagnostic.params)}`);
  return lines.join('\n');
}

/** A `detailId` param names a catalog entry that fills `{detail}` in the same language. */
export function diagnosticMessage(diagnostic: Diagnostic, lang: Lang): string {
  const { detailId, ...params } = diagnostic.params;
  if (typeof detailId === 'string') params.detail = t(lang, detailId, params);
  return t(lang, diagnostic.code, params);
}

export function countErrors(diagnostics: Diagnostic[]): number {
  return diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
}

/** The rule and record a problem is about, when the position does not already say it. */
function describeContext(diagnostic: Diagnostic): string {
  const parts: string[] = [];
  if (diagnostic.rule && diagnostic.position === undefined) parts.push(diagnostic.rule);
  if (diagnostic.record && diagnostic.position !== undefined) {
    const { type, id, name } = diagnostic.record;
    parts.push(name ? `${type} ${id} "${name}"` : `${type} ${id}`);
  }
  return parts.length === 0 ? '' : `  [${parts.join(', ')}]`;
}

/** Paths below the working directory print relative, like compilers do; others stay as given. */
function displayPath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file;
  const inside = relative(cwd, file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? file : inside;
}

export function formatPosition(position: SourcePosition, cwd = process.cwd()): string {
  return `${displayPath(position.file, cwd)}:${position.line}:${position.col}`;
}
