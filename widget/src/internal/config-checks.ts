/**
 * Field checks for the untrusted config body, shared by the loader
 * (config.ts: what the launcher reads) and the panel (panel-config.ts: what
 * the panel reads). Each returns the value when it has the right shape and
 * `undefined` (or an empty map) otherwise.
 */

/** A string, cut to `max` characters. */
export const text = (value: unknown, max = 500): string | undefined =>
  typeof value === 'string' ? value.slice(0, max) : undefined;

/** One of the space-separated `options`. */
export const oneOf = (value: unknown, options: string): string | undefined =>
  typeof value === 'string' && options.split(' ').includes(value) ? value : undefined;

/**
 * An absolute web URL (`https?` by default, or only `https`): images and
 * fonts are never loaded from `data:`, `javascript:` or relative URLs, and
 * nothing that could break out of a CSS or HTML context passes.
 */
export const webUrl = (value: unknown, scheme = 'https?'): string | undefined =>
  typeof value === 'string' && new RegExp(`^${scheme}://[^\\s"'()<>\\\\]+$`, 'i').test(value)
    ? value
    : undefined;

/** The string-valued entries of an object (theme variables); anything else gives `{}`. */
export const stringMap = (value: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object') {
    for (const [name, v] of Object.entries(value)) if (typeof v === 'string') out[name] = v;
  }
  return out;
};
