/**
 * The YAML-level checks around parsing a rule file: a nesting limit before
 * the parser runs, the parser's own errors and warnings, and the features
 * rule files reject (a `%YAML` version other than 1.2, anchors and aliases).
 */
import { isAlias, visit, type YAMLError } from 'yaml';
import type { Diagnostic } from '../types/diagnostics.js';
import { positionAt, type PositionSource } from './positions.js';

/**
 * Maximum nesting of flow brackets (`[`, `{`). With yaml 2.9.1 on Node 20.20,
 * a second parse of about 1000 nested brackets in one process was reported
 * to abort Node with an out-of-memory error that cannot be caught, so such
 * text must not reach the parser. Rule files need fewer than ten levels.
 */
export const MAX_FLOW_DEPTH = 64;

/**
 * Reject text whose flow brackets nest deeper than {@link MAX_FLOW_DEPTH}.
 * The scan also counts brackets inside strings and comments, which can only
 * overestimate the depth.
 */
export function precheckText(file: string, text: string): Diagnostic | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;

  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\n') {
      line++;
      lineStart = index + 1;
    } else if (char === '[' || char === '{') {
      depth++;
      if (depth > MAX_FLOW_DEPTH) {
        return {
          code: 'YAML_NESTING_TOO_DEEP',
          severity: 'error',
          params: { depth, limit: MAX_FLOW_DEPTH },
          position: { file, line, col: index - lineStart + 1 },
        };
      }
    } else if ((char === ']' || char === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/**
 * Convert the parser's errors and warnings to diagnostics. Warnings count as
 * errors in rule files. Of the syntax errors only the first is kept, because the parser's recovery
 * after one mistake tends to report several more that are not real.
 */
export function yamlProblems(source: PositionSource, text: string): Diagnostic[] {
  const { errors, warnings } = source.document;
  const firstSyntaxError = errors.find((error) => error.code !== 'DUPLICATE_KEY');
  const reported = errors.filter((error) => error.code === 'DUPLICATE_KEY' || error === firstSyntaxError);
  return [...reported, ...warnings]
    .sort((a, b) => a.pos[0] - b.pos[0])
    .map((problem) => yamlProblemDiagnostic(source, text, problem));
}

/** Report a `%YAML` directive other than 1.2, and every alias in the document. */
export function checkYamlSafety(source: PositionSource, text: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const directive = source.document.directives?.yaml;
  if (directive?.explicit && directive.version !== '1.2') {
    const offset = Math.max(0, text.search(/^%YAML\b/m));
    diagnostics.push({
      code: 'YAML_VERSION_UNSUPPORTED',
      severity: 'error',
      params: { version: directive.version },
      position: positionAt(source, offset),
    });
  }

  visit(source.document, {
    Alias(_key, node) {
      if (!isAlias(node)) return;
      diagnostics.push({
        code: 'YAML_ALIAS_UNSUPPORTED',
        severity: 'error',
        params: { alias: `*${node.source}` },
        position: positionAt(source, node.range?.[0] ?? 0),
      });
    },
  });
  return diagnostics;
}

function yamlProblemDiagnostic(source: PositionSource, text: string, problem: YAMLError): Diagnostic {
  const position = positionAt(source, problem.pos[0]);
  if (problem.code === 'DUPLICATE_KEY') {
    const key = keyTextAt(text, problem.pos[0]);
    return { code: 'YAML_DUPLICATE_KEY', severity: 'error', params: { key }, position };
  }
  return {
    code: 'YAML_SYNTAX',
    severity: 'error',
    params: { detail: summaryOf(problem), yamlCode: problem.code },
    position,
  };
}

/** Read the key written at `offset`, because yaml's DUPLICATE_KEY range covers only its first character. */
function keyTextAt(text: string, offset: number): string {
  const match = /^(?:"[^"\n]*"|'[^'\n]*'|[^:#\n]*[^:#\s])/.exec(text.slice(offset));
  return match?.[0] ?? '?';
}

/**
 * Return the first line of a yaml message without its " at line L, column C:"
 * suffix, because the diagnostic carries the position itself.
 */
function summaryOf(problem: YAMLError): string {
  const firstLine = problem.message.split('\n', 1)[0] ?? problem.message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, '');
}
