import type { ChatTenant } from './chat-service';

/** The tenant fields the chat pipeline reads, as `requireWidgetKey` puts them on `req.widget`. */
export interface WidgetTenant {
  _id: { toString(): string } | string;
  widget?: { persona?: string | null; locale?: string | null } | null;
  identitySecret?: string | null;
}

/** The widget request's tenant, reduced to what answering needs. */
export function chatTenantOf(tenant: WidgetTenant): ChatTenant {
  return {
    id: String(tenant._id),
    persona: tenant.widget?.persona || undefined,
    locale: tenant.widget?.locale || undefined,
    identitySecret: tenant.identitySecret || undefined,
  };
}
