import type { Element } from '@xmldom/xmldom';
import { checkIdpUrl } from './idp-url';
import { readSigningKey, type SigningKey, SigningKeyError, uniqueKeys } from './signing-keys';
import { childElements, descendants, NS, parseUntrustedXml, textOf, XmlInputError } from './xml';

/** What Parley needs from an identity provider's metadata. */
export interface IdpMetadata {
  entityId: string;
  /** Where AuthnRequests go (HTTP-Redirect binding, the one Parley sends). */
  ssoUrl: string;
  /** Where LogoutRequests go, when the IdP supports single logout. */
  sloUrl?: string;
  /** Every signing key listed, so a rotation in progress verifies with either. */
  signingKeys: SigningKey[];
}

/** Metadata that could not be used; the message says why, for the admin. */
export class MetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetadataError';
  }
}

/** Metadata files are tens of kilobytes; ADFS with many roles reaches a few hundred. */
export const MAX_METADATA_CHARS = 1_000_000;

const BINDING = {
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
};

function serviceUrl(idp: Element, localName: string, what: string): string | undefined {
  const services = childElements(idp, NS.metadata, localName);
  const redirect = services.find((s) => s.getAttribute('Binding') === BINDING.redirect);
  if (!redirect) return undefined;
  const location = (redirect.getAttribute('Location') ?? '').trim();
  const problem = checkIdpUrl(location);
  if (problem) throw new MetadataError(`The ${what} URL "${location}" ${problem}.`);
  return location;
}

function signingKeysOf(idp: Element): SigningKey[] {
  const keys: SigningKey[] = [];
  for (const descriptor of childElements(idp, NS.metadata, 'KeyDescriptor')) {
    // A KeyDescriptor without `use` serves both signing and encryption (SAML metadata §2.4.1.1).
    const use = descriptor.getAttribute('use');
    if (use && use !== 'signing') continue;
    for (const certEl of descendants(descriptor, NS.dsig, 'X509Certificate')) {
      try {
        keys.push(readSigningKey(textOf(certEl)));
      } catch (error) {
        if (error instanceof SigningKeyError) {
          throw new MetadataError(`A signing certificate in the metadata: ${error.message}`);
        }
        throw error;
      }
    }
  }
  return uniqueKeys(keys);
}

function findIdpEntity(root: Element): { entity: Element; idp: Element } {
  // An EntitiesDescriptor (Keycloak, federations) may hold several entities; take the first IdP.
  const entities =
    root.namespaceURI === NS.metadata && root.localName === 'EntityDescriptor'
      ? [root]
      : descendants(root, NS.metadata, 'EntityDescriptor');
  for (const entity of entities) {
    const [idp] = childElements(entity, NS.metadata, 'IDPSSODescriptor');
    if (idp) return { entity, idp };
  }
  throw new MetadataError('The metadata describes no identity provider (no IDPSSODescriptor).');
}

/**
 * Parses IdP metadata XML (Okta, Entra ID, Keycloak, ADFS, Google, OneLogin
 * all publish the same SAML 2.0 shape). Only the IDPSSODescriptor counts:
 * Entra ID also lists WS-Federation roles whose keys must not be trusted for
 * SAML. The metadata's own signature is not checked: the admin pasting it is
 * the trust anchor, exactly as when pasting a certificate by hand.
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  let root: Element;
  try {
    // The cap applies to the input as received, before any trimming.
    if (xml.length > MAX_METADATA_CHARS)
      throw new XmlInputError('The metadata is larger than 1 MB.');
    root = parseUntrustedXml(xml.trim(), MAX_METADATA_CHARS).documentElement!;
  } catch (error) {
    if (error instanceof XmlInputError) throw new MetadataError(error.message);
    throw error;
  }
  if (root.namespaceURI !== NS.metadata) {
    throw new MetadataError('This is not SAML 2.0 metadata (wrong root element or namespace).');
  }
  const { entity, idp } = findIdpEntity(root);
  const entityId = (entity.getAttribute('entityID') ?? '').trim();
  if (!entityId) throw new MetadataError('The metadata has no entityID.');
  const protocols = idp.getAttribute('protocolSupportEnumeration') ?? '';
  if (!protocols.split(/\s+/).includes(NS.protocol)) {
    throw new MetadataError('The identity provider does not declare SAML 2.0 support.');
  }
  const ssoUrl = serviceUrl(idp, 'SingleSignOnService', 'single sign-on');
  if (!ssoUrl) {
    throw new MetadataError(
      'The metadata has no SingleSignOnService with the HTTP-Redirect binding.',
    );
  }
  const signingKeys = signingKeysOf(idp);
  if (signingKeys.length === 0)
    throw new MetadataError('The metadata lists no signing certificate.');
  const sloUrl = serviceUrl(idp, 'SingleLogoutService', 'single logout');
  return { entityId, ssoUrl, ...(sloUrl ? { sloUrl } : {}), signingKeys };
}
