import { apiUrl } from './api-url';

/** Public widget settings from `GET /v1/widget/config` (docs/CONTRACTS.md). */
export interface WidgetConfig {
  tenant: { name: string; slug: string };
  widget: {
    botName?: string;
    greeting?: string;
    starters?: string[];
    placeholder?: string;
    position?: 'bottom-right' | 'bottom-left';
    locale?: string;
    avatarUrl?: string | null;
    linkTarget?: '_blank' | '_self';
    poweredBy?: boolean;
  };
  theme?: WidgetTheme;
}

/** The `theme` block of the config: CSS variables plus the settings that are not CSS. */
export interface WidgetTheme {
  variables?: Record<string, string>;
  dark?: Record<string, string>;
  /** `light` and `dark` are forced; `auto` (or absent) follows the visitor's system setting. */
  colorScheme?: 'light' | 'dark' | 'auto';
  position?: 'bottom-right' | 'bottom-left';
  launcher?: { shape?: string; icon?: string; label?: string };
  brand?: { botName?: string; logoUrl?: string; avatarUrl?: string };
  /** A web font's stylesheet (https, allow-listed by the server). */
  fontUrl?: string;
}

const text = (value: unknown, max = 500): string | undefined =>
  typeof value === 'string' ? value.slice(0, max) : undefined;

const oneOf = (value: unknown, options: string) =>
  typeof value === 'string' && options.split(' ').includes(value) ? value : undefined;

// Images and fonts are only ever loaded from absolute http(s) URLs (never data:, javascript:, …).
const webUrl = (value: unknown, scheme = 'https?') =>
  typeof value === 'string' && new RegExp(`^${scheme}://[^\\s"'()<>\\\\]+$`, 'i').test(value)
    ? value
    : undefined;

const stringMap = (value: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object') {
    for (const [name, v] of Object.entries(value)) if (typeof v === 'string') out[name] = v;
  }
  return out;
};

/**
 * Keeps only well-typed fields of a config body. The server validates too,
 * but the widget treats every string as untrusted text: it is rendered with
 * text bindings only, and theme values go through `applyTheme`'s checks.
 */
export function normalizeConfig(raw: unknown): WidgetConfig {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<
    string,
    Record<string, unknown>
  >;
  const widget = body.widget ?? {};
  return {
    tenant: { name: text(body.tenant?.name, 120) ?? '', slug: text(body.tenant?.slug, 120) ?? '' },
    widget: {
      botName: text(widget.botName, 80),
      greeting: text(widget.greeting, 1000),
      starters: Array.isArray(widget.starters)
        ? widget.starters.filter((s): s is string => typeof s === 'string').slice(0, 6)
        : undefined,
      placeholder: text(widget.placeholder, 200),
      position: widget.position === 'bottom-left' ? 'bottom-left' : 'bottom-right',
      locale: text(widget.locale, 35),
      linkTarget: widget.linkTarget === '_self' ? '_self' : '_blank',
      poweredBy: widget.poweredBy !== false,
      avatarUrl: webUrl(widget.avatarUrl),
    },
    theme: normalizeTheme(body.theme),
  };
}

/**
 * Keeps only well-typed fields of a theme block: enumerations by value, text
 * cut to theme-kit's limits, images and fonts only from absolute web URLs.
 */
export function normalizeTheme(raw: unknown): WidgetTheme {
  const theme = (raw && typeof raw === 'object' ? raw : {}) as Record<
    string,
    Record<string, unknown> | undefined
  >;
  const launcher = theme.launcher ?? {};
  const brand = theme.brand ?? {};
  return {
    variables: stringMap(theme.variables),
    dark: stringMap(theme.dark),
    colorScheme: oneOf(theme.colorScheme, 'light dark auto') as WidgetTheme['colorScheme'],
    position: oneOf(theme.position, 'bottom-right bottom-left') as WidgetTheme['position'],
    launcher: {
      shape: oneOf(launcher.shape, 'circle rounded square'),
      icon: oneOf(launcher.icon, 'chat sparkle help logo'),
      label: text(launcher.label, 24),
    },
    brand: {
      botName: text(brand.botName, 40),
      logoUrl: webUrl(brand.logoUrl),
      avatarUrl: webUrl(brand.avatarUrl),
    },
    fontUrl: webUrl(theme.fontUrl, 'https'),
  };
}

/** Fetches and normalises the tenant's widget config. */
export async function fetchConfig(api: string, key: string): Promise<WidgetConfig> {
  const response = await fetch(apiUrl(api, 'v1/widget/config'), {
    headers: { 'X-Parley-Key': key },
  });
  if (!response.ok) throw new Error(`config: HTTP ${response.status}`);
  const config = normalizeConfig(await response.json());
  remember(key, config);
  return config;
}

const cacheKey = (key: string) => `parley:v1:${key}:config`;

/**
 * The config last seen for this key, so a returning visitor's launcher is
 * branded at once instead of flashing the default colours.
 */
export function cachedConfig(key: string): WidgetConfig | undefined {
  try {
    const text = localStorage.getItem(cacheKey(key));
    return text ? normalizeConfig(JSON.parse(text)) : undefined;
  } catch {
    return undefined;
  }
}

function remember(key: string, config: WidgetConfig): void {
  try {
    localStorage.setItem(cacheKey(key), JSON.stringify(config));
  } catch {
    // Storage full or blocked (private mode, sandboxed frame): branding just is not cached.
  }
}
