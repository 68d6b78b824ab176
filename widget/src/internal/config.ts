import { apiUrl } from './api-url';
import { oneOf, stringMap, text, webUrl } from './config-checks';

// Reading a property of any non-nullish value is safe in JS (a string or number just gives
// `undefined`), so nested blocks are read with `?.` and every leaf is checked.
type Loose = { [key: string]: Loose } | undefined;

/**
 * What the launcher reads from `GET /v1/widget/config` (docs/CONTRACTS.md),
 * checked here. The rest of the body (greeting, starters, names, avatar…)
 * is the panel's business: `body` is handed over as the server sent it and
 * the panel checks what it reads (panel-config.ts), so those checks do not
 * weigh on the loader every visitor downloads.
 */
export interface LauncherConfig {
  /** The config body as received (untrusted), for the panel. */
  body: unknown;
  /** The tenant's locale setting. */
  locale: string | undefined;
  /** The widget settings' corner. */
  position: 'bottom-right' | 'bottom-left' | undefined;
  theme: LauncherTheme;
}

/** The parts of the config's `theme` block the launcher uses: CSS variables plus the settings that are not CSS. */
export interface LauncherTheme {
  variables: Record<string, string>;
  dark: Record<string, string>;
  /** `light` and `dark` are forced; `auto` (or absent) follows the visitor's system setting. */
  colorScheme?: 'light' | 'dark' | 'auto';
  position?: 'bottom-right' | 'bottom-left';
  launcher: { shape?: string; icon?: string; label?: string };
  /** The brand logo, for the `logo` launcher icon. */
  logoUrl?: string;
  /** A web font's stylesheet (https, allow-listed by the server). */
  fontUrl?: string;
}

const corner = (value: unknown) =>
  oneOf(value, 'bottom-right bottom-left') as LauncherConfig['position'];

/**
 * Keeps only well-typed fields of a theme block: enumerations by value, the
 * label cut to theme-kit's 24 characters, the logo and font only from
 * absolute web URLs (the font only https). Variable names and values are
 * checked when applied (theme.ts).
 */
export function normalizeTheme(raw: unknown): LauncherTheme {
  const theme = raw as Loose;
  const launcher = theme?.launcher;
  return {
    variables: stringMap(theme?.variables),
    dark: stringMap(theme?.dark),
    colorScheme: oneOf(theme?.colorScheme, 'light dark auto') as LauncherTheme['colorScheme'],
    position: corner(theme?.position),
    launcher: {
      shape: oneOf(launcher?.shape, 'circle rounded square'),
      icon: oneOf(launcher?.icon, 'chat sparkle help logo'),
      label: text(launcher?.label, 24),
    },
    logoUrl: webUrl(theme?.brand?.logoUrl),
    fontUrl: webUrl(theme?.fontUrl, 'https'),
  };
}

/** Checks the launcher's part of a config body and keeps the body for the panel. */
export function launcherConfig(body: unknown): LauncherConfig {
  const widget = (body as Loose)?.widget;
  return {
    body,
    locale: text(widget?.locale, 35),
    position: corner(widget?.position),
    theme: normalizeTheme((body as Loose)?.theme),
  };
}

/** Fetches the tenant's widget config. */
export async function fetchConfig(api: string, key: string): Promise<LauncherConfig> {
  const response = await fetch(apiUrl(api, 'v1/widget/config'), {
    headers: { 'X-Parley-Key': key },
  });
  if (!response.ok) throw new Error(`config: HTTP ${response.status}`);
  const body: unknown = await response.json();
  remember(key, body);
  return launcherConfig(body);
}

const cacheKey = (key: string) => `parley:v1:${key}:config`;

/**
 * The config last seen for this key, so a returning visitor's launcher is
 * branded at once instead of flashing the default colours. The body is
 * stored as received and checked again on every read, like a fresh one.
 */
export function cachedConfig(key: string): LauncherConfig | undefined {
  try {
    const stored = localStorage.getItem(cacheKey(key));
    return stored ? launcherConfig(JSON.parse(stored)) : undefined;
  } catch {
    return undefined;
  }
}

function remember(key: string, body: unknown): void {
  try {
    localStorage.setItem(cacheKey(key), JSON.stringify(body));
  } catch {
    // Storage full or blocked (private mode, sandboxed frame): branding just is not cached.
  }
}
