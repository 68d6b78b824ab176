import { type Catalog, en, type MessageKey } from './en';
import type { Locale } from './resolve';

export { directionOf, type Locale, locales, resolveLocale } from './resolve';
export type { Catalog, MessageKey };
export { en };

/**
 * Each catalog but English is its own chunk, loaded when that locale is
 * used, so a page pays only for its language.
 */
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Catalog>> = {
  es: () => import('./es').then((m) => m.es),
  fr: () => import('./fr').then((m) => m.fr),
  de: () => import('./de').then((m) => m.de),
  ar: () => import('./ar').then((m) => m.ar),
  he: () => import('./he').then((m) => m.he),
};

/** The full catalog of a locale (English when its chunk cannot be loaded). */
export async function loadCatalog(locale: Locale): Promise<Catalog> {
  if (locale === 'en') return en;
  try {
    return await loaders[locale]();
  } catch {
    return en;
  }
}

/**
 * Looks a string up and fills `{placeholders}`. Values are plain text: the
 * result is always rendered as text, never parsed as HTML.
 */
export function translate(
  catalog: Catalog,
  key: MessageKey,
  values: Record<string, string> = {},
): string {
  const template = catalog[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}
