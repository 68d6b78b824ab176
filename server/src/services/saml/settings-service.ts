import type { Connection, Types } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import { ParleyError } from '../../errors';
import { type Tenant, tenantModel } from '../../models/tenant';
import { userModel } from '../../models/user';
import { parseInput } from '../tenants/schemas';
import { MetadataError, parseIdpMetadata } from './metadata';
import { readSsoSettings, type SsoSettings, type StoredIdp, widgetLoginOpen } from './settings';
import { type SsoSettingsInput, ssoSettingsInput } from './settings-schema';
import { readSigningKey, SigningKeyError, uniqueKeys } from './signing-keys';
import { type SpUrls, samlBasePath, spUrls } from './sp-urls';

/** A tenant with its SSO settings, as the routes need them. */
export interface TenantSso {
  tenant: Tenant;
  settings: SsoSettings;
  sp: SpUrls;
}

/** The widget config's `sso` entry: where the widget's sign-in popup starts. */
export interface WidgetSsoLogin {
  /** `/auth/saml/<slug>/login`; the widget adds `?widget=<page origin>`. */
  loginPath: string;
}

/** Throws when the tenant's plan lacks SSO (billing's `assertFeature`); absent: no gate. */
export type SsoFeatureGate = (tenantId: Types.ObjectId) => Promise<void>;

const invalid = (path: string, message: string) =>
  new ParleyError('PARLEY_VALIDATION_FAILED', {
    message: `Invalid ${path}: ${message}`,
    details: { issues: [{ path, message }] },
  });

function idpFromInput(input: SsoSettingsInput): StoredIdp | undefined {
  if (input.metadataXml !== undefined) {
    try {
      const meta = parseIdpMetadata(input.metadataXml);
      return { ...meta, sloUrl: meta.sloUrl ?? null };
    } catch (error) {
      if (error instanceof MetadataError) {
        throw new ParleyError('PARLEY_SSO_METADATA_INVALID', { message: error.message });
      }
      throw error;
    }
  }
  if (!input.idp) return undefined;
  const keys = input.idp.signingCertificates.map((pem, index) => {
    try {
      return readSigningKey(pem);
    } catch (error) {
      if (error instanceof SigningKeyError) {
        throw new ParleyError('PARLEY_SSO_CERTIFICATE_INVALID', {
          message: `Signing certificate ${index + 1}: ${error.message}`,
          details: { index },
        });
      }
      throw error;
    }
  });
  return {
    entityId: input.idp.entityId,
    ssoUrl: input.idp.ssoUrl,
    sloUrl: input.idp.sloUrl ?? null,
    signingKeys: uniqueKeys(keys),
  };
}

/** Reads and changes tenants' SAML settings (`tenant.sso`). */
export class SsoSettingsService {
  constructor(
    private readonly connection: Connection,
    private readonly publicUrl: string,
    private readonly featureGate?: SsoFeatureGate,
  ) {}

  private view(tenant: Tenant): TenantSso {
    return {
      tenant,
      settings: readSsoSettings(tenant.sso),
      sp: spUrls(this.publicUrl, tenant.slug),
    };
  }

  /** The caller's tenant with its settings; the tenant document is found by its own id. */
  async get(tenantId: Types.ObjectId | string): Promise<TenantSso> {
    const tenant = await tenantModel(this.connection).findById(tenantId).lean<Tenant>();
    if (!tenant) throw new ParleyError('PARLEY_NOT_FOUND');
    return this.view(tenant);
  }

  /** The tenant a public SAML URL names, or null (the routes answer 404). */
  async findBySlug(slug: string): Promise<TenantSso | null> {
    if (!/^[a-z0-9-]{1,64}$/.test(slug)) return null;
    const tenant = await tenantModel(this.connection).findOne({ slug }).lean<Tenant>();
    return tenant ? this.view(tenant) : null;
  }

  /**
   * The widget config's `sso` entry for a tenant document the caller already
   * holds (the widget key's tenant): the login path while widget sign-in is
   * open (`widgetLoginOpen`), else null. No query: `tenant.sso` is part of
   * that document, and the widget config is read on every page load.
   */
  widgetLogin(tenant: Pick<Tenant, 'slug' | 'sso'>): WidgetSsoLogin | null {
    if (!widgetLoginOpen(readSsoSettings(tenant.sso))) return null;
    return { loginPath: `${samlBasePath(tenant.slug)}/login` };
  }

  /** Applies a `PUT /api/sso/saml` body; returns the settings before and after, for the audit. */
  async update(
    tenantId: Types.ObjectId | string,
    body: unknown,
  ): Promise<{ before: SsoSettings; after: SsoSettings; sp: SpUrls }> {
    const input = parseInput(ssoSettingsInput, body);
    const current = await this.get(tenantId);
    const before = current.settings;
    const idp = idpFromInput(input);
    const after: SsoSettings = {
      ...before,
      ...(idp ? { idp } : {}),
      ...pick(input, ['enabled', 'idpInitiated', 'jitProvisioning', 'defaultRole', 'groupRoles']),
      ...pick(input, ['enforce', 'breakGlassUserId', 'widgetLogin']),
      attributeMapping: { ...before.attributeMapping, ...input.attributeMapping },
      updatedAt: new Date().toISOString(),
    };
    if (after.enabled && !after.idp) {
      throw invalid('enabled', 'configure the identity provider (metadata or fields) first');
    }
    if (after.enabled && !before.enabled) await this.featureGate?.(current.tenant._id);
    if (after.enforce) await this.checkBreakGlass(current.tenant._id, after);
    await tenantModel(this.connection).updateOne(
      { _id: current.tenant._id },
      { $set: { sso: after } },
    );
    return { before, after, sp: current.sp };
  }

  private async checkBreakGlass(tenantId: Types.ObjectId, settings: SsoSettings): Promise<void> {
    if (!settings.enabled) throw invalid('enforce', 'SSO must be enabled to be enforced');
    if (!settings.breakGlassUserId) {
      throw invalid(
        'breakGlassUserId',
        'enforcing SSO needs a break-glass owner who keeps password login',
      );
    }
    const owner = await tenantScope(userModel(this.connection), tenantId)
      .findById(settings.breakGlassUserId)
      .lean();
    if (owner?.role !== 'owner' || owner.disabled || !owner.passwordHash) {
      throw invalid(
        'breakGlassUserId',
        'must be an active owner of this workspace with a password',
      );
    }
  }
}

function pick<T extends object, K extends keyof T>(from: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}
