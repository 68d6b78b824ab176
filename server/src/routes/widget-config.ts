import { createHash } from 'node:crypto';
import { defaultTheme, themeSchemaVersion, themeToCss } from '@parley/theme-kit';
import { Router } from 'express';
import { requireWidgetKey } from '../middleware/widget-auth';
import type { Tenant } from '../models/tenant';
import type { PlanGate } from '../services/billing/index';
import type { SsoSettingsService } from '../services/saml/settings-service';
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
 * With billing, `widget.poweredBy` is false only while the plan includes
 * `removeBadge` and the tenant turned the badge off: a downgrade brings the
 * badge back without anyone editing the setting.
 * `sso` is `{ loginPath }` while the tenant's widget sign-in is open (the
 * condition `GET /auth/saml/:tenant/login?widget=…` checks), else null;
 * without the SSO service (no database) it is always null.
 */
export function widgetConfigRouter(
  options: {
    themePayload?: ThemePayloadFn;
    billing?: Pick<PlanGate, 'assertFeature'>;
    sso?: Pick<SsoSettingsService, 'widgetLogin'>;
  } = {},
): Router {
  const themePayload = options.themePayload ?? defaultThemePayload;
  const { billing, sso } = options;
  const router = Router();
  router.get('/v1/widget/config', requireWidgetKey, async (req, res) => {
    const { tenant } = req.widget!;
    const widget = publicWidgetSettings(tenant);
    if (billing && widget.poweredBy === false) {
      widget.poweredBy = await billing
        .assertFeature(tenant._id, 'removeBadge')
        .then(() => false)
        .catch((error: { code?: string }) => {
          if (error?.code === 'PARLEY_PLAN_FEATURE_UNAVAILABLE') return true;
          throw error;
        });
    }
    const body = JSON.stringify({
      tenant: { name: tenant.name, slug: tenant.slug },
      widget,
      theme: await themePayload(tenant),
      // From the tenant document requireWidgetKey loaded: no extra query per page load.
      sso: sso?.widgetLogin(tenant) ?? null,
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
