import {
  type CacheProvider,
  type PassportSamlConfig,
  ValidateInResponseTo,
} from '@node-saml/passport-saml';
import type { SpUrls } from './sp-urls';

/** The IdP side of one tenant's connection, as the strategy needs it. */
export interface IdpConnection {
  entityId: string;
  ssoUrl: string;
  sloUrl?: string;
  /** PEM certificates or public keys; any one may have signed (rotation). */
  signingKeys: string[];
  /** Accept unsolicited (IdP-initiated) responses. */
  idpInitiated: boolean;
}

/** Allowed difference between the IdP's clock and ours. */
export const CLOCK_SKEW_MS = 60_000;
/** An assertion older than this is refused whatever its NotOnOrAfter says. */
export const MAX_ASSERTION_AGE_MS = 10 * 60_000;
/** How long a user may take at the IdP (password, MFA) before the request expires. */
export const REQUEST_TTL_MS = 30 * 60_000;

/**
 * The per-tenant options for `MultiSamlStrategy`. Every security setting is
 * spelled out rather than left to node-saml's defaults, which accept sha1,
 * never check InResponseTo and do not know the IdP issuer:
 *
 * - both the Response and its Assertion must carry a valid signature;
 * - our own requests and metadata use rsa-sha256;
 * - the audience is this tenant's SP entity id, never another tenant's;
 * - InResponseTo is always checked against the MongoDB-backed request cache,
 *   unless the tenant allows IdP-initiated login, in which case it is checked
 *   whenever present (the assertion id claim still stops replays);
 * - assertions older than {@link MAX_ASSERTION_AGE_MS} are refused.
 */
export function samlStrategyOptions(
  idp: IdpConnection,
  sp: SpUrls,
  cacheProvider: CacheProvider,
): PassportSamlConfig {
  return {
    issuer: sp.entityId,
    audience: sp.entityId,
    callbackUrl: sp.acsUrl,
    logoutCallbackUrl: sp.sloUrl,
    entryPoint: idp.ssoUrl,
    // An IdP without single logout: the logout route then ends only the Parley session.
    logoutUrl: idp.sloUrl ?? '',
    idpIssuer: idp.entityId,
    idpCert: idp.signingKeys,
    wantAuthnResponseSigned: true,
    wantAssertionsSigned: true,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    maxAssertionAgeMs: MAX_ASSERTION_AGE_MS,
    validateInResponseTo: idp.idpInitiated
      ? ValidateInResponseTo.ifPresent
      : ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_TTL_MS,
    cacheProvider,
    identifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    // Requesting PasswordProtectedTransport "exact" locks out MFA and passwordless users (Entra AADSTS75011).
    disableRequestedAuthnContext: true,
    authnRequestBinding: 'HTTP-Redirect',
    signMetadata: false,
    passReqToCallback: true,
  };
}
