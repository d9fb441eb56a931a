/**
 * "Did you mean …?" suggestions for misspelt names, by edit distance.
 */
import { t, type Lang } from '../i18n/index.js';

/**
 * Find the candidate closest to `value`, ignoring case, when it is close enough
 * to be a likely typo: at most 2 edits, and fewer than half of the value.
 */
export function closestMatch(value: string, candidates: Iterable<string>): string | undefined {
  const target = value.toLowerCase();
  const limit = Math.min(2, Math.ceil(target.length / 2) - 1);
  let best: string | undefined;
  let bestDistance = Infinity;

  for (const candidate of candidates) {
    const distance = editDistance(target, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/**
 * Build the `didYouMean` param of the catalog's hints: "Did you mean "x"? " in
 * `lang`, or an empty text when nothing is close.
 */
export function didYouMean(value: string, candidates: Iterable<string>, lang: Lang): string {
  const suggestion = closestMatch(value, candidates);
  return suggestion === undefined ? '' : t(lang, 'hint.didYouMean', { suggestion });
}

/**
 * Edit distance in the optimal string alignment form: insertions, deletions,
 * substitutions and swaps of two neighbouring characters each cost 1, so
 * "dael" is one edit from "deal".
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, rows[i - 2]![j - 2]! + 1);
      }
      row.push(distance);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
