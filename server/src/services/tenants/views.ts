import type { Tenant } from '../../models/tenant';
import { defaultWidgetSettings, type WidgetSettings } from './schemas';

/** A tenant as its admins see it (`GET /api/tenant`). */
export interface TenantView {
  id: string;
  slug: string;
  name: string;
  plan: string;
  status: Tenant['status'];
  allowedOrigins: string[];
  widget: WidgetSettings;
  createdAt: string;
}

/** What the widget may know about its tenant's texts: everything except the persona. */
export type PublicWidgetSettings = Omit<WidgetSettings, 'persona'>;

/** Stored settings with defaults filled in (older documents may lack newer fields). */
export function widgetSettingsOf(tenant: Pick<Tenant, 'widget'>): WidgetSettings {
  const stored = Object.fromEntries(
    Object.entries(tenant.widget ?? {}).filter(([, value]) => value !== undefined),
  );
  return { ...defaultWidgetSettings, ...stored };
}

/** The admin view of a tenant. The identity secret and SSO/theme internals stay out. */
export function tenantView(tenant: Tenant): TenantView {
  return {
    id: String(tenant._id),
    slug: tenant.slug,
    name: tenant.name,
    plan: tenant.plan,
    status: tenant.status,
    allowedOrigins: [...tenant.allowedOrigins],
    widget: widgetSettingsOf(tenant),
    createdAt: tenant.createdAt.toISOString(),
  };
}

/** The widget-safe settings (no persona: it may hold internal instructions). */
export function publicWidgetSettings(tenant: Pick<Tenant, 'widget'>): PublicWidgetSettings {
  const { persona: _persona, ...rest } = widgetSettingsOf(tenant);
  return rest;
}
