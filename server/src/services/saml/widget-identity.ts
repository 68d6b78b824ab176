import { SignJWT } from 'jose';
import type { Tenant } from '../../models/tenant';
import type { SsoIdentity } from './attribute-mapping';

/** How long a widget identity from an SSO login lasts (a working day). */
export const WIDGET_IDENTITY_TTL_SECONDS = 8 * 3600;

/**
 * The verified chat identity an employee gets by signing in to the widget
 * through the IdP: the same HS256 JWT, signed with the tenant's identity
 * secret, that a host page may mint itself (DESIGN.md "Keys and identity"),
 * so `/v1/chat` verifies both the same way. `sub` is the lowercased email
 * (the NameID when the IdP sends none), so history follows the person across
 * devices and matches host pages that identify users by email.
 */
export async function widgetIdentityToken(
  tenant: Pick<Tenant, 'identitySecret'>,
  identity: SsoIdentity,
  issuer: string,
  now = Date.now(),
): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({
    email: identity.email,
    name: identity.name,
    groups: identity.groups.slice(0, 100),
    amr: ['saml'],
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(identity.email ?? identity.nameId)
    .setIssuer(issuer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + WIDGET_IDENTITY_TTL_SECONDS)
    .sign(new TextEncoder().encode(tenant.identitySecret));
}
