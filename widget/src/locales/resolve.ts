/** A locale the widget ships strings for. */
export type Locale = 'en' | 'es' | 'fr' | 'de' | 'ar' | 'he';

/** Every shipped locale, English first (the fallback). */
export const locales: readonly Locale[] = ['en', 'es', 'fr', 'de', 'ar', 'he'];

const rtl = new Set(['ar', 'he', 'fa', 'ur']);

/**
 * Picks the best shipped locale for a requested tag (`fr-CA` → `fr`), then
 * for the browser's languages, then English.
 */
export function resolveLocale(...requested: (string | null | undefined)[]): Locale {
  const browser = typeof navigator === 'undefined' ? [] : (navigator.languages ?? []);
  for (const tag of [...requested, ...browser]) {
    const primary = tag?.toLowerCase().split(/[-_]/)[0];
    if (primary && (locales as readonly string[]).includes(primary)) return primary as Locale;
  }
  return 'en';
}

/** `rtl` for right-to-left scripts (Arabic, Hebrew, Persian, Urdu), else `ltr`. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return rtl.has(locale.toLowerCase().split(/[-_]/)[0] ?? '') ? 'rtl' : 'ltr';
}
