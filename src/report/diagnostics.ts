/**
 * Diagnostics as text: `file:line:col  error  CODE  message`, then the hint.
 */
import { relative } from 'node:path';
import { hasMessage, t, type Lang } from '../i18n/index.js';
import type { Diagnostic } from '../types/diagnostics.js';

export function formatDiagnostic(diagnostic: Diagnostic, lang: Lang, cwd = process.cwd()): string {
  const where = diagnostic.position
    ? `${relative(cwd, diagnostic.position.file) || diagnostic.position.file}:${diagnostic.position.line}:${diagnostic.position.col}`
    : diagnostic.record
      ? `${diagnostic.record.type}:${diagnostic.record.id}`
      : '';
  const severity = t(lang, `severity.${diagnostic.severity}`);
  const context = diagnostic.rule && diagnostic.position === undefined ? ` [${diagnostic.rule}]` : '';
  const lines = [`${where ? `${where}  ` : ''}${severity}  ${diagnostic.code}  ${diagnosticMessage(diagnostic, lang)}${context}`];
  const hintId = `${diagnostic.code}.hint`;
  if (hasMessage(hintId)) lines.push(`    ${t(lang, 'hint.prefix')} ${t(lang, hintId, diagnostic.params)}`);
  return lines.join('\n');
}

export function diagnosticMessage(diagnostic: Diagnostic, lang: Lang): string {
  return t(lang, diagnostic.code, diagnostic.params);
}

export function countErrors(diagnostics: Diagnostic[]): number {
  return diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
}
