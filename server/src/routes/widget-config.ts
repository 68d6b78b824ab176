import { createHash } from 'node:crypto';
import { defaultTheme, themeSchemaVersion, themeToCss } from '@parley/theme-kit';
import { Router } from 'express';
import { requireWidgetKey } from '../middleware/widget-auth';
import type { Tenant } from '../models/tenant';
import { publicWidgetSettings } from '../services/tenants/views';

/** The `theme` part of the widget config (docs/CONTRACTS.md "Widget config"). */
export interface WidgetThemePayload {
  version: number;
  variables: Record<string, string>;
  dark: Record<string, string>;
  fontUrl: string | null;
}

/** Builds a tenant's theme payload; the theme service provides the real one. */
export type ThemePayloadFn = (tenant: Tenant) => WidgetThemePayload | Promise<WidgetThemePayload>;

/** Without a theme service: theme-kit's default theme, so the widget always gets valid variables. */
export const defaultThemePayload: ThemePayloadFn = () => ({
  version: themeSchemaVersion,
  ...(themeToCss(defaultTheme()) as Pick<WidgetThemePayload, 'variables' | 'dark'>),
  fontUrl: null,
});

/**
 * `GET /v1/widget/config`: the tenant's public widget settings and theme,
 * behind `requireWidgetKey`. A strong ETag over the body lets the widget
 * revalidate cheaply (304); the short max-age keeps edits in the console
 * visible within a minute. `private`: the answer depends on key and origin.
 */
export function widgetConfigRouter(options: { themePayload?: ThemePayloadFn } = {}): Router {
  const themePayload = options.themePayload ?? defaultThemePayload;
  const router = Router();
  router.get('/v1/widget/config', requireWidgetKey, async (req, res) => {
    const { tenant } = req.widget!;
    const body = JSON.stringify({
      tenant: { name: tenant.name, slug: tenant.slug },
      widget: publicWidgetSettings(tenant),
      theme: await themePayload(tenant),
    });
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, max-age=60, must-revalidate');
    res.vary('X-Parley-Key');
    const presented = req.get('if-none-match');
    if (presented?.split(/\s*,\s*/).some((tag) => tag.replace(/^W\//, '') === etag)) {
      res.status(304).end();
      return;
    }
    res.type('json').send(body);
  });
  return router;
}
