/**
 * The schema pass: ajv checks each rule file against
 * schemas/rules.schema.json, the same schema editors use.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import localizeModule from 'ajv-i18n';
import type { Lang } from '../i18n/index.js';
import type { ParsedRuleFile } from '../load/rule-files.js';
import type { Diagnostic } from '../types/diagnostics.js';
import { schemaDiagnostics } from './schema-errors.js';

const SCHEMA_URL = new URL('../../schemas/rules.schema.json', import.meta.url);

export interface SchemaResult {
  diagnostics: Diagnostic[];
  /** False when a problem lies outside `rules` (version, defaults, the top level). */
  fileValid: boolean;
  /** Instance paths (`rules/0/task/type`) of every schema error. */
  errorPaths: string[];
}

type Localize = (errors?: ErrorObject[] | null) => void;
type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;

let validator: ValidateFunction | undefined;
let schemaObject: Record<string, unknown> | undefined;

/** Return the rule file schema as a plain object, read once. */
export function rulesSchema(): Record<string, unknown> {
  schemaObject ??= JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;
  return schemaObject;
}

/** Check one parsed rule file against the schema. */
export function checkSchema(file: ParsedRuleFile, lang: Lang): SchemaResult {
  const validate = compiledValidator();
  if (validate(file.data)) return { diagnostics: [], fileValid: true, errorPaths: [] };

  const errors = [...(validate.errors ?? [])];
  if (lang === 'de') localizeGerman(errors);
  const diagnostics = schemaDiagnostics(errors, file, lang);

  const errorPaths = errors.map((error) => error.instancePath.slice(1));
  const fileValid = errorPaths.every((path) => /^rules\/\d+(\/|$)/.test(path));
  return { diagnostics, fileValid, errorPaths };
}

/**
 * Compile the schema once per process: ajv caches compiled schemas by
 * object identity, so compiling per call would leak memory.
 */
function compiledValidator(): ValidateFunction {
  if (validator) return validator;

  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    // `required` inside if/oneOf names keys declared one level up.
    strictRequired: false,
    allowUnionTypes: true,
    useDefaults: false,
    coerceTypes: false,
    // Keeps `parentSchema` and `data` on errors for "did you mean" hints.
    verbose: true,
  });
  addFormats(ajv);
  validator = ajv.compile(rulesSchema());
  return validator;
}

/**
 * ajv-formats and ajv-i18n are CommonJS. Depending on the loader, the
 * default import is the export itself or an object with a `default` key.
 */
function addFormats(ajv: Ajv2020): void {
  const module = addFormatsModule as unknown as FormatsPlugin & { default?: FormatsPlugin };
  (module.default ?? module)(ajv);
}

function localizeGerman(errors: ErrorObject[]): void {
  const module = localizeModule as unknown as { de?: Localize; default?: { de?: Localize } };
  const localize = module.de ?? module.default?.de;
  localize?.(errors);
}
