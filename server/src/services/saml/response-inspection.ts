import type { Element } from '@xmldom/xmldom';
import { SamlRefusal } from './refusal';
import { childElements, descendants, NS, parseUntrustedXml, textOf, XmlInputError } from './xml';

/** What Parley expects of a response for one tenant. */
export interface ResponseExpectation {
  idpEntityId: string;
  acsUrl: string;
}

/** Facts read from a response before its signature is checked: for refusal reasons only. */
export interface ResponseFacts {
  inResponseTo: string | null;
  notBefore: Date[];
  notOnOrAfter: Date[];
}

/** Base64 of a 256 KB response; real responses are a few kilobytes. */
export const MAX_RESPONSE_BASE64 = 350_000;

const STRONG_SIGNATURES = new Set([
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
]);
const STRONG_DIGESTS = new Set([
  'http://www.w3.org/2001/04/xmlenc#sha256',
  'http://www.w3.org/2001/04/xmlenc#sha512',
]);
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

function decode(samlResponse: unknown): string {
  if (typeof samlResponse !== 'string' || samlResponse.length === 0) {
    throw new SamlRefusal('malformed', 'The POST carries no SAMLResponse.');
  }
  if (samlResponse.length > MAX_RESPONSE_BASE64) {
    throw new SamlRefusal('malformed', 'The SAMLResponse is too large.');
  }
  const compact = samlResponse.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    throw new SamlRefusal('malformed', 'The SAMLResponse is not base64.');
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

function statusOf(response: Element): string {
  const [status] = childElements(response, NS.protocol, 'Status');
  const codes = status ? descendants(status, NS.protocol, 'StatusCode') : [];
  return codes.map((c) => c.getAttribute('Value') ?? '').join(' / ');
}

function checkAlgorithms(root: Element): void {
  for (const method of descendants(root, NS.dsig, 'SignatureMethod')) {
    const alg = method.getAttribute('Algorithm') ?? '';
    if (!STRONG_SIGNATURES.has(alg)) {
      throw new SamlRefusal(
        'weak_algorithm',
        `Signature algorithm ${alg} is not allowed; use rsa-sha256.`,
      );
    }
  }
  for (const method of descendants(root, NS.dsig, 'DigestMethod')) {
    const alg = method.getAttribute('Algorithm') ?? '';
    if (!STRONG_DIGESTS.has(alg)) {
      throw new SamlRefusal(
        'weak_algorithm',
        `Digest algorithm ${alg} is not allowed; use sha256.`,
      );
    }
  }
}

function dates(elements: Element[], attribute: string): Date[] {
  return elements
    .map((el) => el.getAttribute(attribute))
    .filter((v): v is string => !!v)
    .map((v) => new Date(v))
    .filter((d) => !Number.isNaN(d.getTime()));
}

/**
 * Structural checks on a SAMLResponse before node-saml verifies signatures.
 * They do not replace that verification; they refuse earlier, with a precise
 * reason, what must never be accepted: a DOCTYPE, an unsigned Response or
 * Assertion, sha1, any second Assertion anywhere in the document (signature
 * wrapping), an encrypted assertion (no decryption key is configured), and a
 * Response issued by or addressed to someone else.
 */
export function inspectSamlResponse(
  samlResponse: unknown,
  expected: ResponseExpectation,
): ResponseFacts {
  let root: Element;
  try {
    root = parseUntrustedXml(decode(samlResponse), MAX_RESPONSE_BASE64).documentElement!;
  } catch (error) {
    if (error instanceof XmlInputError) throw new SamlRefusal('malformed', error.message);
    throw error;
  }
  if (root.namespaceURI !== NS.protocol || root.localName !== 'Response') {
    throw new SamlRefusal('not_a_response', `Expected a SAML Response, got ${root.localName}.`);
  }
  const [issuerEl] = childElements(root, NS.assertion, 'Issuer');
  if (issuerEl && textOf(issuerEl) !== expected.idpEntityId) {
    throw new SamlRefusal('wrong_issuer', `The response was issued by "${textOf(issuerEl)}".`);
  }
  const status = statusOf(root);
  if (status.split(' / ')[0] !== SUCCESS) {
    throw new SamlRefusal('idp_status', `The identity provider answered ${status || 'no status'}.`);
  }
  const destination = root.getAttribute('Destination');
  if (destination && destination !== expected.acsUrl) {
    throw new SamlRefusal('wrong_destination', `The response is addressed to ${destination}.`);
  }
  const responseSignatures = childElements(root, NS.dsig, 'Signature');
  if (responseSignatures.length === 0) {
    throw new SamlRefusal('response_unsigned', 'The Response is not signed.');
  }
  if (responseSignatures.length > 1) {
    throw new SamlRefusal('signature_wrapping', 'The Response carries more than one signature.');
  }
  const assertions = descendants(root, NS.assertion, 'Assertion');
  if (assertions.length === 0 && descendants(root, NS.assertion, 'EncryptedAssertion').length) {
    throw new SamlRefusal('encrypted_assertion', 'Encrypted assertions are not supported.');
  }
  if (assertions.length === 0) throw new SamlRefusal('malformed', 'The response has no assertion.');
  if (assertions.length > 1 || assertions[0]!.parentNode !== root) {
    throw new SamlRefusal('signature_wrapping', 'The response holds more than one assertion.');
  }
  const assertion = assertions[0]!;
  if (childElements(assertion, NS.dsig, 'Signature').length !== 1) {
    throw new SamlRefusal('assertion_unsigned', 'The Assertion is not signed.');
  }
  checkAlgorithms(root);
  const [assertionIssuer] = childElements(assertion, NS.assertion, 'Issuer');
  if (textOf(assertionIssuer) !== expected.idpEntityId) {
    throw new SamlRefusal(
      'wrong_issuer',
      `The assertion was issued by "${textOf(assertionIssuer)}".`,
    );
  }
  const conditions = descendants(assertion, NS.assertion, 'Conditions');
  const confirmations = descendants(assertion, NS.assertion, 'SubjectConfirmationData');
  return {
    inResponseTo: root.getAttribute('InResponseTo') || null,
    notBefore: dates([...conditions, ...confirmations], 'NotBefore'),
    notOnOrAfter: dates([...conditions, ...confirmations], 'NotOnOrAfter'),
  };
}
