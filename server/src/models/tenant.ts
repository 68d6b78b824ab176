import { type Connection, type Model, Schema, type Types } from 'mongoose';
import type { WidgetSettings } from '../services/tenants/schemas';

/** Whether a tenant's widget and console work. Suspended tenants get 403 on every key. */
export type TenantStatus = 'active' | 'suspended';

/**
 * A client company. The tenant document is the root of tenant data, so it is
 * looked up by its own `_id` (the caller's tenant) rather than through a scope.
 */
export interface Tenant {
  _id: Types.ObjectId;
  slug: string;
  name: string;
  status: TenantStatus;
  /** Plan name (`free`, `starter`, `pro`, `enterprise`, …); rate limits and quotas follow it. */
  plan: string;
  /** Normalised origin patterns (see services/tenants/origins.ts). */
  allowedOrigins: string[];
  widget: WidgetSettings;
  /** Current theme tokens; owned by the theme service (services/theme). */
  theme: unknown;
  /** SAML settings; owned by the SSO service. */
  sso: unknown;
  /** HS256 / HMAC secret host pages sign end-user identities with (chat identity). */
  identitySecret: string;
  createdAt: Date;
  updatedAt: Date;
}

const widgetSchema = new Schema<WidgetSettings>(
  {
    botName: String,
    greeting: String,
    starters: [String],
    placeholder: String,
    position: { type: String, enum: ['bottom-right', 'bottom-left'] },
    locale: String,
    avatarUrl: { type: String, default: null },
    linkTarget: { type: String, enum: ['_blank', '_self'] },
    poweredBy: Boolean,
    persona: String,
  },
  { _id: false },
);

/** The `tenants` collection's schema. */
export const tenantSchema = new Schema<Tenant>(
  {
    slug: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    status: { type: String, required: true, enum: ['active', 'suspended'], default: 'active' },
    plan: { type: String, required: true, default: 'free' },
    allowedOrigins: { type: [String], default: [] },
    widget: { type: widgetSchema, required: true },
    theme: { type: Schema.Types.Mixed, default: null },
    sso: { type: Schema.Types.Mixed, default: null },
    identitySecret: { type: String, required: true },
  },
  { collection: 'tenants', timestamps: true, minimize: false },
);

/** The Tenant model on a connection. */
export function tenantModel(connection: Connection): Model<Tenant> {
  return (
    (connection.models.Tenant as Model<Tenant> | undefined) ??
    connection.model<Tenant>('Tenant', tenantSchema)
  );
}
