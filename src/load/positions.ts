/**
 * Source positions for paths inside a parsed rule file, so that every
 * diagnostic can point at `file:line:col`.
 */
import { isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { SourcePosition } from '../types/diagnostics.js';

export type PathSegment = string | number;

/** The parts of a parsed rule file that position lookups need. */
export interface PositionSource {
  file: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
}

/**
 * Find the position of the node at `path`, or of the key of its pair when
 * `target` is `'key'`. When the path does not reach a node (a missing key, an index
 * past the end), the nearest ancestor that has a range is used, and the
 * file's first character when none has.
 */
export function positionOf(source: PositionSource, path: readonly PathSegment[], target: 'value' | 'key' = 'value'): SourcePosition {
  const offset = offsetOf(source.document, path, target);
  return positionAt(source, offset ?? 0);
}

/** Convert a 0-based character offset in the file to a position. */
export function positionAt(source: PositionSource, offset: number): SourcePosition {
  const { line, col } = source.lineCounter.linePos(offset);
  return { file: source.file, line, col };
}

/** Find the node at `path`; returns undefined when the path leaves the document. */
export function nodeAt(document: Document.Parsed, path: readonly PathSegment[]): Node | undefined {
  let node: unknown = document.contents;
  for (const segment of path) {
    const pair = childPair(node, segment);
    node = pair ? pair.value : childItem(node, segment);
    if (node === undefined) return undefined;
  }
  return isNode(node) ? node : undefined;
}

function offsetOf(document: Document.Parsed, path: readonly PathSegment[], target: 'value' | 'key'): number | undefined {
  let node: unknown = document.contents;
  let best = rangeStart(node);

  for (const [index, segment] of path.entries()) {
    const isLast = index === path.length - 1;
    const pair = childPair(node, segment);
    if (pair && isLast && target === 'key') return rangeStart(pair.key) ?? best;

    node = pair ? pair.value : childItem(node, segment);
    if (node === undefined) return best;
    // An empty value (`key:`) sits at the end of the line; the key is easier to find.
    const valueStart = isEmptyScalar(node) ? undefined : rangeStart(node);
    best = valueStart ?? rangeStart(pair?.key) ?? best;
  }
  return best;
}

function childPair(node: unknown, segment: PathSegment): Pair | undefined {
  if (!isMap(node)) return undefined;
  const key = String(segment);
  return node.items.find((pair): pair is Pair => isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key);
}

function childItem(node: unknown, segment: PathSegment): unknown {
  if (!isSeq(node)) return undefined;
  const index = typeof segment === 'number' ? segment : Number(segment);
  return Number.isInteger(index) ? node.items[index] : undefined;
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1];
}

function rangeStart(node: unknown): number | undefined {
  if (!isNode(node)) return undefined;
  return node.range?.[0];
}
