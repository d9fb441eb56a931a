/**
 * The mirror as evaluation sees it: the records Followup last saw, read-only.
 * Only apply writes the mirror, after the planned tasks are in the outbox.
 */
import type { RecordKind } from '../types/diagnostics.js';

export interface MirrorEntry {
  attributes: Record<string, unknown>;
  seenAt: string;
}

export interface MirrorReader {
  /** True before the first successful apply: triggers then use their look-back window. */
  readonly isEmpty: boolean;
  get(kind: RecordKind, id: string): MirrorEntry | undefined;
}

export const EMPTY_MIRROR: MirrorReader = {
  isEmpty: true,
  get: () => undefined,
};

export function mirrorFromMap(entries: Map<string, MirrorEntry>): MirrorReader {
  return {
    isEmpty: entries.size === 0,
    get: (kind, id) => entries.get(mirrorKey(kind, id)),
  };
}

export function mirrorKey(kind: RecordKind, id: string): string {
  return `${kind}:${id}`;
}
