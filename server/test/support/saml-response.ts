import { randomBytes } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import type { IdpKeys } from './saml-keys';

/** Everything a SAML Response states; attack tests override single fields. */
export interface ResponseSpec {
  /** Issuer of the Response and the Assertion (override one with the fields below). */
  issuer: string;
  responseIssuer?: string;
  assertionIssuer?: string;
  /** The SP entity id the assertion is for. */
  audience: string;
  /** The ACS URL: Response Destination and SubjectConfirmationData Recipient. */
  destination: string;
  /** The AuthnRequest ID answered; null for an unsolicited (IdP-initiated) response. */
  inResponseTo: string | null;
  nameId: string;
  attributes?: Record<string, string | string[]>;
  /** Reference time; validity is [now - 1 min, now + 5 min) unless overridden. */
  now?: Date;
  notBefore?: Date;
  notOnOrAfter?: Date;
  responseId?: string;
  assertionId?: string;
  sessionIndex?: string;
  /** Status code; a non-success status carries no assertion. */
  status?: string;
}

/** How the IdP signs: which elements, with which key and algorithm. */
export interface SigningSpec {
  sign: 'both' | 'response' | 'assertion' | 'none';
  keys: IdpKeys;
  algorithm?: 'sha256' | 'sha1';
}

const ALG = {
  sha256: {
    signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    digest: 'http://www.w3.org/2001/04/xmlenc#sha256',
  },
  sha1: {
    signature: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
    digest: 'http://www.w3.org/2000/09/xmldsig#sha1',
  },
};

/** An id as IdPs make them: an NCName with plenty of randomness. */
export const samlId = () => `_${randomBytes(16).toString('hex')}`;

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const iso = (d: Date) => d.toISOString();

function attributeXml(attributes: Record<string, string | string[]>): string {
  const items = Object.entries(attributes).map(([name, value]) => {
    const values = (Array.isArray(value) ? value : [value])
      .map((v) => `<saml:AttributeValue xsi:type="xs:string">${esc(v)}</saml:AttributeValue>`)
      .join('');
    return `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values}</saml:Attribute>`;
  });
  return items.length ? `<saml:AttributeStatement>${items.join('')}</saml:AttributeStatement>` : '';
}

/** The unsigned Assertion element. */
export function assertionXml(spec: ResponseSpec): string {
  const now = spec.now ?? new Date();
  const notBefore = spec.notBefore ?? new Date(now.getTime() - 60_000);
  const notOnOrAfter = spec.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000);
  const irt = spec.inResponseTo ? ` InResponseTo="${esc(spec.inResponseTo)}"` : '';
  return (
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${spec.assertionId ?? samlId()}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${esc(spec.assertionIssuer ?? spec.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${esc(spec.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${irt} NotOnOrAfter="${iso(notOnOrAfter)}" Recipient="${esc(spec.destination)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(notBefore)}" NotOnOrAfter="${iso(notOnOrAfter)}"><saml:AudienceRestriction><saml:Audience>${esc(spec.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${spec.sessionIndex ?? samlId()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    attributeXml(spec.attributes ?? {}) +
    '</saml:Assertion>'
  );
}

/** Signs the element with this ID, placing the signature after its Issuer (schema order). */
export function signElement(xml: string, id: string, signing: SigningSpec): string {
  const alg = ALG[signing.algorithm ?? 'sha256'];
  const sig = new SignedXml({
    privateKey: signing.keys.privateKeyPem,
    publicCert: signing.keys.certPem,
    signatureAlgorithm: alg.signature,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: `//*[@ID='${id}']`,
    transforms: [
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ],
    digestAlgorithm: alg.digest,
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: `//*[@ID='${id}']/*[local-name()='Issuer']`, action: 'after' },
  });
  return sig.getSignedXml();
}

/** A complete Response as XML, signed as the spec says. */
export function responseXml(spec: ResponseSpec, signing: SigningSpec): string {
  const now = spec.now ?? new Date();
  const responseId = spec.responseId ?? samlId();
  const assertionId = spec.assertionId ?? samlId();
  const status = spec.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success';
  let assertion = '';
  if (status.endsWith(':Success')) {
    assertion = assertionXml({ ...spec, assertionId, now });
    if (signing.sign === 'both' || signing.sign === 'assertion') {
      assertion = signElement(assertion, assertionId, signing);
    }
  }
  const irt = spec.inResponseTo ? ` InResponseTo="${esc(spec.inResponseTo)}"` : '';
  let xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${responseId}" Version="2.0" IssueInstant="${iso(now)}" Destination="${esc(spec.destination)}"${irt}>` +
    `<saml:Issuer>${esc(spec.responseIssuer ?? spec.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${esc(status)}"/></samlp:Status>` +
    assertion +
    '</samlp:Response>';
  if (signing.sign === 'both' || signing.sign === 'response') {
    xml = signElement(xml, responseId, signing);
  }
  return xml;
}

/** Base64, as the HTTP-POST binding carries it. */
export const encodeResponse = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
