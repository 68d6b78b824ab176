import type { AttributeMapping, GroupRole, SsoRole } from './attribute-mapping';
import type { SigningKey } from './signing-keys';
import type { IdpConnection } from './strategy-options';

/** The IdP half of a connection, as stored. */
export interface StoredIdp {
  entityId: string;
  ssoUrl: string;
  sloUrl: string | null;
  signingKeys: SigningKey[];
}

/**
 * A tenant's SAML settings, stored as `tenant.sso`. Defaults are closed:
 * off, no IdP-initiated login, no just-in-time accounts, no default role.
 */
export interface SsoSettings {
  enabled: boolean;
  idp: StoredIdp | null;
  /** Accept responses the IdP sends unasked (IdP dashboard tiles). Still replay-protected. */
  idpInitiated: boolean;
  /** Create console users on first login. */
  jitProvisioning: boolean;
  /** Role for users in no mapped group; null: such users may not sign in. */
  defaultRole: SsoRole | null;
  attributeMapping: AttributeMapping;
  groupRoles: GroupRole[];
  /** Password login off for everyone but the break-glass owner. */
  enforce: boolean;
  /** The owner who keeps password login when SSO is enforced (the way back in if the IdP breaks). */
  breakGlassUserId: string | null;
  /** Employees may sign in to the widget through the IdP (verified chat identity). */
  widgetLogin: boolean;
  updatedAt: string | null;
}

/** Settings of a tenant that never configured SSO. */
export const DEFAULT_SSO_SETTINGS: SsoSettings = Object.freeze({
  enabled: false,
  idp: null,
  idpInitiated: false,
  jitProvisioning: false,
  defaultRole: null,
  attributeMapping: { email: null, name: null, groups: null },
  groupRoles: [],
  enforce: false,
  breakGlassUserId: null,
  widgetLogin: false,
  updatedAt: null,
}) as SsoSettings;

/** Reads `tenant.sso` (a free-form sub-document) with defaults for anything missing. */
export function readSsoSettings(raw: unknown): SsoSettings {
  const stored = (raw && typeof raw === 'object' ? raw : {}) as Partial<SsoSettings>;
  return {
    ...DEFAULT_SSO_SETTINGS,
    ...stored,
    attributeMapping: { ...DEFAULT_SSO_SETTINGS.attributeMapping, ...stored.attributeMapping },
    groupRoles: stored.groupRoles ?? [],
  };
}

/**
 * Whether employees may sign in to the widget now: an IdP is configured,
 * SSO is enabled and widget sign-in is on. The widget's login route and
 * the widget config (`sso.loginPath`) both ask this, so the config never
 * offers a button the login route would refuse with "not enabled".
 */
export function widgetLoginOpen(settings: SsoSettings): boolean {
  return settings.idp !== null && settings.enabled && settings.widgetLogin;
}

/** The IdP connection the strategy needs, or null when SSO cannot run. */
export function idpConnection(settings: SsoSettings): IdpConnection | null {
  if (!settings.idp) return null;
  return {
    entityId: settings.idp.entityId,
    ssoUrl: settings.idp.ssoUrl,
    ...(settings.idp.sloUrl ? { sloUrl: settings.idp.sloUrl } : {}),
    signingKeys: settings.idp.signingKeys.map((k) => k.pem),
    idpInitiated: settings.idpInitiated,
  };
}

/**
 * Whether a user may sign in with a password. With SSO enforced only the
 * break-glass owner may; the password login route asks this before checking
 * the password, so an enforced tenant gives no password oracle either.
 */
export function passwordLoginAllowed(rawSso: unknown, userId: string): boolean {
  const sso = readSsoSettings(rawSso);
  if (!sso.enabled || !sso.enforce) return true;
  return sso.breakGlassUserId !== null && sso.breakGlassUserId === userId;
}
