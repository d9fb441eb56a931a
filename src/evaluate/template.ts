/**
 * The one template engine for task names, notes and assignees: liquidjs in a
 * sandbox. Validation parses and analyses templates with it, evaluation
 * renders them with it, so both agree on syntax, filters and variables.
 *
 * The sandbox has no file system: include, render and layout are removed,
 * and the template store is an empty in-memory map. Templates see own
 * properties only (no `constructor` or `__proto__`). Unknown variables and
 * filters are errors, and parse size, render time and allocations are capped.
 */
import { Context, Liquid, LiquidError, type Template } from 'liquidjs';
import { DateTime } from 'luxon';
import type { Lang } from '../i18n/index.js';

export type TemplateErrorCode = 'TEMPLATE_SYNTAX' | 'TEMPLATE_VARIABLE_UNKNOWN' | 'TEMPLATE_RENDER_FAILED';

export class TemplateError extends Error {
  override readonly name: string = 'TemplateError';

  constructor(
    readonly code: TemplateErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A template that liquidjs cannot parse; `offset` is 0-based in the template text. */
export class TemplateSyntaxError extends TemplateError {
  override readonly name = 'TemplateSyntaxError';

  constructor(
    message: string,
    readonly offset: number | undefined,
    options?: { cause?: unknown },
  ) {
    super('TEMPLATE_SYNTAX', message, options);
  }
}

/** Rendering read a variable or property that the context does not have. */
export class UnknownTemplateVariableError extends TemplateError {
  override readonly name = 'UnknownTemplateVariableError';

  constructor(
    readonly variable: string,
    options?: { cause?: unknown },
  ) {
    super('TEMPLATE_VARIABLE_UNKNOWN', `Unknown template variable "${variable}".`, options);
  }
}

export interface RenderOptions {
  /** IANA zone in which `localdate` shows dates. Default: UTC. */
  timezone?: string;
}

/** One variable reference found by static analysis. */
export interface TemplateVariable {
  /** Path segments: `{{ deal.owner.email }}` gives `['deal', 'owner', 'email']`. */
  segments: string[];
  /** False for loop variables and names the template assigns itself. */
  global: boolean;
  /** 0-based offset of the reference in the template text. */
  offset: number;
}

/** The `this` of a liquidjs filter, a part of its `FilterImpl` type, which liquidjs does not export. */
interface FilterThis {
  context: Context;
}

const SETTINGS_REGISTER = 'followup';
const FILE_ACCESS_TAGS = ['include', 'render', 'layout'];
const TEMPLATE_CACHE_LIMIT = 500;

interface RenderSettings {
  lang: Lang;
  timezone: string;
}

const liquid = createEngine();
const parsedTemplates = new Map<string, Template[]>();

/**
 * Parse a template, reusing earlier parses of the same text.
 * @throws TemplateSyntaxError on invalid syntax, an unknown filter or tag.
 */
export function parseTemplate(source: string): Template[] {
  const cached = parsedTemplates.get(source);
  if (cached) return cached;

  let parsed: Template[];
  try {
    parsed = liquid.parse(source);
  } catch (error) {
    throw toSyntaxError(error);
  }

  if (parsedTemplates.size >= TEMPLATE_CACHE_LIMIT) parsedTemplates.clear();
  parsedTemplates.set(source, parsed);
  return parsed;
}

/**
 * Render a template against `context` in `lang`.
 * @throws UnknownTemplateVariableError naming the first variable the context lacks,
 *   TemplateSyntaxError for a template that does not parse, and
 *   TemplateError (`TEMPLATE_RENDER_FAILED`) when a filter rejects its input.
 */
export function renderTemplate(source: string, context: object, lang: Lang, options: RenderOptions = {}): string {
  const templates = parseTemplate(source);
  const scope = new Context(context, liquid.options, { sync: true }, { liquid });
  const settings: RenderSettings = { lang, timezone: options.timezone ?? 'UTC' };
  scope.setRegister(SETTINGS_REGISTER, settings);

  try {
    return String(liquid.renderSync(templates, scope));
  } catch (error) {
    throw toRenderError(error);
  }
}

/** List the variables a template expects from its context, each as path segments. */
export function templateVariables(source: string): string[][] {
  return analyzeTemplate(source)
    .filter((variable) => variable.global)
    .map((variable) => variable.segments);
}

/**
 * Find every variable reference in a template, with its position.
 * A dynamic index such as `deal[key]` ends the path before the index, and
 * `key` is reported as a variable of its own.
 * @throws TemplateSyntaxError when the template does not parse.
 */
export function analyzeTemplate(source: string): TemplateVariable[] {
  const analysis = liquid.analyzeSync(parseTemplate(source));
  const globalLocations = new Set(Object.values(analysis.globals).flat().map((variable) => locationKey(variable.location)));
  const lineStarts = lineStartOffsets(source);
  const found: TemplateVariable[] = [];

  for (const variable of Object.values(analysis.variables).flat()) {
    const segments: string[] = [];
    for (const segment of variable.segments) {
      if (typeof segment === 'object') break;
      segments.push(String(segment));
    }
    const { row, col } = variable.location;
    const offset = (lineStarts[row - 1] ?? 0) + col - 1;
    found.push({ segments, global: globalLocations.has(locationKey(variable.location)), offset });
  }
  return found;
}

function createEngine(): Liquid {
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    // With strictVariables, `default` and `if` still see a missing variable as nil.
    lenientIf: true,
    // An empty in-memory store replaces the file system for every lookup.
    templates: {},
    relativeReference: false,
    dynamicPartials: false,
    parseLimit: 100_000,
    renderLimit: 1_000,
    memoryLimit: 10_000_000,
  });
  for (const tag of FILE_ACCESS_TAGS) delete engine.tags[tag];

  engine.registerFilter('money', moneyFilter);
  engine.registerFilter('localdate', localDateFilter);
  // The built-in `date` reads the process's clock and zone ("now", local
  // time), which would make plans depend on the machine. Same as localdate.
  engine.registerFilter('date', localDateFilter);
  return engine;
}

/** Currency formats by locale and currency code: creating one takes about 20 µs on Node 20, formatting far less. */
const currencyFormats = new Map<string, Intl.NumberFormat>();

/** @throws RangeError for a currency code Intl does not know. */
function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = currencyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    currencyFormats.set(key, format);
  }
  return format;
}

/** `{{ amount | money: 'EUR' }}` → `12.500,00 €` (de) or `€12,500.00` (en). */
function moneyFilter(this: FilterThis, value: unknown, currency?: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof currency !== 'string' || currency === '') {
    throw new TemplateError('TEMPLATE_RENDER_FAILED', `The money filter needs a currency code, such as money: 'EUR'.`);
  }
  const amount = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(amount)) {
    throw new TemplateError('TEMPLATE_RENDER_FAILED', `The money filter got "${String(value)}", which is not a number.`);
  }

  const { lang } = settingsOf(this);
  const formatted = currencyFormat(localeOf(lang), currency).format(amount);
  // Intl puts a no-break space before "€" in German. A plain space keeps task
  // names comparable with text people type, e.g. in rule test expectations.
  return formatted.replace(/[\u00a0\u202f]/g, ' ');
}

/**
 * `{{ company.renewal_date | localdate }}`, optionally with a luxon format and
 * an IANA zone: `localdate: 'dd.MM.yyyy HH:mm', 'Europe/Vienna'`. The default
 * format is `dd.MM.yyyy` in German and `yyyy-MM-dd` in English.
 */
function localDateFilter(this: FilterThis, value: unknown, format?: unknown, zone?: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const settings = settingsOf(this);
  const timezone = typeof zone === 'string' ? zone : settings.timezone;
  const defaultFormat = settings.lang === 'de' ? 'dd.MM.yyyy' : 'yyyy-MM-dd';
  const pattern = typeof format === 'string' ? format : defaultFormat;

  const date = toDateTime(value, timezone);
  if (!date.isValid) {
    throw new TemplateError('TEMPLATE_RENDER_FAILED', `The date filter got "${String(value)}", which is not an ISO date: ${date.invalidExplanation ?? date.invalidReason ?? ''}`);
  }
  return date.setLocale(localeOf(settings.lang)).toFormat(pattern);
}

function toDateTime(value: unknown, timezone: string): DateTime {
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: timezone });
  if (typeof value === 'number') return DateTime.fromMillis(value, { zone: timezone });
  return DateTime.fromISO(String(value), { zone: timezone });
}

function settingsOf(filter: FilterThis): RenderSettings {
  return filter.context.getRegister<RenderSettings>(SETTINGS_REGISTER, { lang: 'en', timezone: 'UTC' });
}

function localeOf(lang: Lang): string {
  return lang === 'de' ? 'de-DE' : 'en-US';
}

function locationKey(location: { row: number; col: number }): string {
  return `${location.row}:${location.col}`;
}

function lineStartOffsets(source: string): number[] {
  const starts = [0];
  for (let index = 0; index < source.length; index++) {
    if (source[index] === '\n') starts.push(index + 1);
  }
  return starts;
}

function toSyntaxError(error: unknown): TemplateError {
  if (!(error instanceof LiquidError)) return new TemplateError('TEMPLATE_SYNTAX', String(error), { cause: error });
  return new TemplateSyntaxError(firstLine(error.message), error.token?.begin, { cause: error });
}

function toRenderError(error: unknown): TemplateError {
  const variable = undefinedVariableOf(error);
  if (variable !== undefined) return new UnknownTemplateVariableError(variable, { cause: error });

  const original = error instanceof LiquidError ? error.originalError : undefined;
  if (original instanceof TemplateError) return original;
  const message = error instanceof Error ? firstLine(error.message) : String(error);
  return new TemplateError('TEMPLATE_RENDER_FAILED', message, { cause: error });
}

/** Read the variable name of liquidjs's UndefinedVariableError from its cause. */
function undefinedVariableOf(error: unknown): string | undefined {
  if (!(error instanceof LiquidError) || error.name !== 'UndefinedVariableError') return undefined;
  const original = error.originalError as { variableName?: unknown } | undefined;
  if (typeof original?.variableName === 'string') return original.variableName;
  return /undefined variable: ([^,]+)/.exec(error.message)?.[1];
}

/** Drop the source excerpt that liquidjs appends after the first line of its messages. */
function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
