/**
 * A condition's `value` may name another fact, `{ fact: company.renewal_date }`,
 * to compare two values of the same occurrence. json-rules-engine reads any
 * object value with a `fact` key as such a reference, so a dotted path must
 * become its `fact` + `path` form, or the run fails with an undefined fact.
 */

/** A `{ fact }` value as written in a rule file. */
export interface FactReference {
  fact: string;
}

/** Check for an object with a text `fact` key and nothing else, the only form rule files accept. */
export function isFactReference(value: unknown): value is FactReference {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'fact' && typeof (value as { fact: unknown }).fact === 'string';
}

/** Rewrite `{ fact: 'company.renewal_date' }` to `{ fact: 'company', path: 'renewal_date' }`; other values pass unchanged. */
export function toEngineValue(value: unknown): unknown {
  if (!isFactReference(value)) return value;
  const [root, ...rest] = value.fact.split('.');
  return rest.length > 0 ? { fact: root, path: rest.join('.') } : { fact: root };
}

/** Undo {@link toEngineValue}, so explanations show the value as the rule file wrote it. */
export function fromEngineValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { fact, path } = value as { fact?: unknown; path?: unknown };
  if (typeof fact !== 'string') return value;
  return { fact: typeof path === 'string' && path !== '' ? `${fact}.${path}` : fact };
}
