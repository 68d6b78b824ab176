import { defaultTheme, type Theme, type ValidateOptions, validateTheme } from '@parley/theme-kit';
import type { ThemeAuthor } from '../../models/theme-version';

/** What `tenant.theme` holds: the current revision, denormalised from the history. */
export interface StoredTheme {
  revision: number;
  theme: Theme;
  updatedAt: Date;
  author: ThemeAuthor;
}

/** A tenant's current theme as the service hands it out. */
export interface CurrentTheme {
  /** 0 for a tenant that never saved a theme (it gets the neutral preset). */
  revision: number;
  theme: Theme;
  updatedAt: Date | null;
  author: ThemeAuthor | null;
  /** True when the stored theme no longer validates and the default is served instead. */
  fallback: boolean;
}

/**
 * Reads `tenant.theme`. The stored theme is validated again on the way out
 * (it costs microseconds): what reaches the widget is always what today's
 * theme-kit accepts, even for documents written by an older version.
 */
export function currentThemeOf(
  tenant: { theme?: unknown },
  options: ValidateOptions = {},
): CurrentTheme {
  const stored = tenant.theme as Partial<StoredTheme> | null | undefined;
  if (!stored || typeof stored !== 'object' || typeof stored.revision !== 'number') {
    return { revision: 0, theme: defaultTheme(), updatedAt: null, author: null, fallback: false };
  }
  const checked = validateTheme(stored.theme, options);
  return {
    revision: stored.revision,
    theme: checked.ok ? checked.theme : defaultTheme(),
    updatedAt: stored.updatedAt instanceof Date ? stored.updatedAt : null,
    author: stored.author ?? null,
    fallback: !checked.ok,
  };
}

/** The entity tag of a revision, for `ETag` / `If-Match` on `/api/theme`. */
export function revisionEtag(revision: number): string {
  return `"r${revision}"`;
}

/**
 * Reads an `If-Match` header: undefined when absent or `*`, the revision
 * number for `"r12"` (weak `W/` prefixes are tolerated), NaN for anything
 * else so the caller can refuse it.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"r(\d{1,9})"\s*$/.exec(header);
  return match ? Number(match[1]) : Number.NaN;
}
