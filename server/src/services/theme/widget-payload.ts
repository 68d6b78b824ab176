import {
  type ColorMode,
  type launcherIcons,
  type Theme,
  type ThemeCss,
  themeToCss,
  type ValidateOptions,
} from '@parley/theme-kit';
import { currentThemeOf } from './current-theme';

/**
 * The `theme` block of `GET /v1/widget/config` (docs/CONTRACTS.md, "Widget
 * config"). `variables`/`dark` are theme-kit's `themeToCss` maps; the rest
 * are the theme's non-CSS settings, with uploaded image paths made absolute.
 */
export interface WidgetThemePayload {
  /** The theme revision (0: the tenant never saved one). */
  version: number;
  colorScheme: Theme['colorScheme'];
  variables: ThemeCss['variables'];
  /**
   * Properties that change in dark mode, applied when the visitor prefers
   * dark. Empty unless the scheme is `auto`: a `light` theme stays light and
   * a `dark` theme already has its dark values in `variables`.
   */
  dark: Record<string, string>;
  /** Stylesheet with the web font's @font-face rules, from an allow-listed host. */
  fontUrl: string | null;
  position: Theme['position'];
  launcher: {
    shape: Theme['launcher']['shape'];
    icon: (typeof launcherIcons)[number];
    label: string | null;
  };
  brand: { botName: string | null; logoUrl: string | null; avatarUrl: string | null };
}

/** Options for {@link widgetThemePayload}. */
export interface WidgetThemeOptions {
  /** The server's public base URL; uploaded images are served under it. */
  publicUrl: string;
  validate?: ValidateOptions;
}

const cache = new Map<string, WidgetThemePayload>();
const cacheLimit = 1000;

/**
 * Builds the widget's theme block for a tenant (a lean tenant document is
 * enough: `_id` and `theme`). Computing the CSS costs a few milliseconds, so
 * results are memoised per tenant and revision; a saved theme has a new
 * revision and so a new entry, which is how it reaches live pages.
 */
export function widgetThemePayload(
  tenant: { _id: unknown; theme?: unknown },
  options: WidgetThemeOptions,
): WidgetThemePayload {
  // Keyed on the stored revision and save time, read before any validation: a hit costs a lookup.
  const stored = tenant.theme as { revision?: unknown; updatedAt?: unknown } | null | undefined;
  const saved = stored?.updatedAt instanceof Date ? stored.updatedAt.getTime() : 0;
  const key = `${String(tenant._id)}:${String(stored?.revision ?? 0)}:${saved}:${options.publicUrl}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const current = currentThemeOf(tenant, options.validate);
  const payload = build(current.revision, current.theme, options.publicUrl);
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
  cache.set(key, payload);
  return payload;
}

function build(revision: number, theme: Theme, publicUrl: string): WidgetThemePayload {
  const css = themeToCss(theme);
  const absolute = (url: string | null) =>
    url?.startsWith('/') ? `${publicUrl.replace(/\/+$/, '')}${url}` : url;
  return {
    version: revision,
    colorScheme: theme.colorScheme,
    variables: css.variables,
    // The widget applies `dark` whenever the visitor prefers dark; only `auto` wants that.
    dark: theme.colorScheme === 'auto' ? (css.dark as Record<string, string>) : {},
    fontUrl: theme.font.url,
    position: theme.position,
    launcher: { ...theme.launcher },
    brand: {
      botName: theme.brand.botName,
      logoUrl: absolute(theme.brand.logoUrl),
      avatarUrl: absolute(theme.brand.avatarUrl),
    },
  };
}

/** The variables in effect for one mode (the widget's view, for tests and the preview). */
export function effectiveVariables(
  payload: WidgetThemePayload,
  mode: ColorMode,
): Record<string, string> {
  return mode === 'dark' ? { ...payload.variables, ...payload.dark } : { ...payload.variables };
}
