/** The service-provider addresses an admin copies into the IdP for one tenant. */
export interface SpUrls {
  /** SP entity id, also the audience every assertion must name: the metadata URL. */
  entityId: string;
  /** Assertion Consumer Service: where the IdP POSTs responses. */
  acsUrl: string;
  metadataUrl: string;
  /** Starts an SP-initiated login. */
  loginUrl: string;
  /** Ends the Parley session and, if the IdP supports it, the IdP session. */
  logoutUrl: string;
  /** Single-logout callback: the IdP's LogoutRequests and LogoutResponses arrive here. */
  sloUrl: string;
}

/** The path of a tenant's public SAML endpoints: `/auth/saml/<slug>`. */
export function samlBasePath(tenantSlug: string): string {
  return `/auth/saml/${encodeURIComponent(tenantSlug)}`;
}

/**
 * Builds a tenant's SP addresses from the public base URL. Each tenant is its
 * own SP with its own entity id, so an assertion for one tenant names the
 * wrong audience at every other tenant.
 */
export function spUrls(publicUrl: string, tenantSlug: string): SpUrls {
  const base = `${publicUrl.replace(/\/$/, '')}${samlBasePath(tenantSlug)}`;
  return {
    entityId: `${base}/metadata`,
    acsUrl: `${base}/acs`,
    metadataUrl: `${base}/metadata`,
    loginUrl: `${base}/login`,
    logoutUrl: `${base}/logout`,
    sloUrl: `${base}/slo`,
  };
}
