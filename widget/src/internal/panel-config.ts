import { text, webUrl } from './config-checks';

// Reading a property of any non-nullish value is safe in JS (a string or number just gives
// `undefined`), so the body's nested blocks are read with `?.` and every leaf is checked.
type Loose = { [key: string]: Loose } | undefined;

/** The public widget settings the panel uses, from `GET /v1/widget/config` (docs/CONTRACTS.md). */
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
  theme?: { brand?: { botName?: string; logoUrl?: string; avatarUrl?: string } };
}

/**
 * Keeps only well-typed fields of the config body the panel reads. The
 * server validates too, but the widget treats every string as untrusted
 * text: it is rendered with text bindings only, text is cut to theme-kit's
 * limits, and images come only from absolute web URLs. Checking a body
 * that is already checked gives the same result. `position` and `locale`
 * are the launcher's (config.ts) and are not copied.
 */
export function normalizeConfig(raw: unknown): WidgetConfig {
  const body = raw as Loose;
  const widget = body?.widget;
  const brand = body?.theme?.brand;
  return {
    tenant: {
      name: text(body?.tenant?.name, 120) ?? '',
      slug: text(body?.tenant?.slug, 120) ?? '',
    },
    widget: {
      botName: text(widget?.botName, 80),
      greeting: text(widget?.greeting, 1000),
      starters: Array.isArray(widget?.starters)
        ? widget.starters.filter((s): s is string => typeof s === 'string').slice(0, 6)
        : undefined,
      placeholder: text(widget?.placeholder, 200),
      linkTarget: text(widget?.linkTarget) === '_self' ? '_self' : '_blank',
      poweredBy: (widget?.poweredBy as unknown) !== false,
      avatarUrl: webUrl(widget?.avatarUrl),
    },
    theme: {
      brand: {
        botName: text(brand?.botName, 40),
        logoUrl: webUrl(brand?.logoUrl),
        avatarUrl: webUrl(brand?.avatarUrl),
      },
    },
  };
}
