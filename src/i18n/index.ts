import { catalog, type CatalogEntry } from './catalog.js';

export type Lang = 'en' | 'de';

/**
 * Pick the language: an explicit `--lang` wins, then LC_ALL, LC_MESSAGES and
 * LANG, the way POSIX tools read the locale. Anything German gives `de`.
 */
export function resolveLang(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  const candidates = [explicit, env.LC_ALL, env.LC_MESSAGES, env.LANG];
  for (const value of candidates) {
    if (!value) continue;
    return value.toLowerCase().startsWith('de') ? 'de' : 'en';
  }
  return 'en';
}

/** Render catalog entry `id` with `{placeholder}` values; unknown ids come back as the id. */
export function t(lang: Lang, id: string, params: Record<string, string | number> = {}): string {
  const entry = (catalog as Record<string, CatalogEntry>)[id];
  const template = entry ? entry[lang] : id;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function hasMessage(id: string): boolean {
  return Object.hasOwn(catalog, id);
}
