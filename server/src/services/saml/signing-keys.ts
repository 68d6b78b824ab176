import { createHash, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';

/** A key the IdP signs with, as stored and as shown in the console. */
export interface SigningKey {
  /** PEM, normalised: `CERTIFICATE` for X.509, `PUBLIC KEY` for a bare SPKI key. */
  pem: string;
  kind: 'certificate' | 'public-key';
  /** SHA-256 of the DER encoding, colon-separated hex, for comparing with the IdP's screen. */
  fingerprint: string;
  /** Certificate subject and validity; absent for a bare key. */
  subject?: string;
  notBefore?: string;
  notAfter?: string;
}

/** Why a pasted key was refused (the message is shown to the admin). */
export class SigningKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MAX_KEY_CHARS = 16_384;

function toPem(label: string, der: Buffer): string {
  const body = der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

function fingerprintOf(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}

function checkRsa(key: KeyObject): void {
  // Responses must be signed with rsa-sha256 or stronger, so only RSA keys of a sane size verify.
  if (key.asymmetricKeyType !== 'rsa') {
    throw new SigningKeyError(
      `The key is ${key.asymmetricKeyType}; SAML signing keys must be RSA.`,
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) throw new SigningKeyError(`The RSA key has ${bits} bits; at least 2048 needed.`);
}

function fromCertificateDer(der: Buffer): SigningKey {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    throw new SigningKeyError('The certificate could not be read (not a valid X.509 certificate).');
  }
  checkRsa(cert.publicKey);
  return {
    pem: toPem('CERTIFICATE', cert.raw),
    kind: 'certificate',
    fingerprint: fingerprintOf(cert.raw),
    subject: cert.subject.replace(/\n/g, ', '),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
  };
}

function fromPublicKeyDer(der: Buffer): SigningKey {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    throw new SigningKeyError('The public key could not be read (not a valid SPKI key).');
  }
  checkRsa(key);
  const spki = key.export({ format: 'der', type: 'spki' });
  return {
    pem: toPem('PUBLIC KEY', spki),
    kind: 'public-key',
    fingerprint: fingerprintOf(spki),
  };
}

/**
 * Reads an IdP signing key as admins paste it: a PEM certificate, the bare
 * base64 body of one (what metadata's `X509Certificate` holds), or a PEM
 * public key (some IdPs publish only the key). Anything else is refused with
 * a message that says what was wrong.
 */
export function readSigningKey(input: string): SigningKey {
  const text = input.trim();
  if (text.length === 0) throw new SigningKeyError('The signing key is empty.');
  if (text.length > MAX_KEY_CHARS) throw new SigningKeyError('The signing key is too long.');
  const block = PEM_BLOCK.exec(text);
  if (block) {
    const [, label, body] = block;
    const compact = body!.replace(/\s+/g, '');
    if (!BASE64.test(compact)) throw new SigningKeyError('The PEM block is not valid base64.');
    const der = Buffer.from(compact, 'base64');
    if (label === 'CERTIFICATE') return fromCertificateDer(der);
    if (label === 'PUBLIC KEY') return fromPublicKeyDer(der);
    if (label!.includes('PRIVATE')) {
      throw new SigningKeyError('This is a private key: paste the IdP certificate, never a key.');
    }
    throw new SigningKeyError(`A PEM "${label}" is not a certificate or public key.`);
  }
  const compact = text.replace(/\s+/g, '');
  if (!BASE64.test(compact)) {
    throw new SigningKeyError('The signing key is neither PEM nor base64.');
  }
  return fromCertificateDer(Buffer.from(compact, 'base64'));
}

/** Drops keys that appear twice (same fingerprint), keeping the first. */
export function uniqueKeys(keys: SigningKey[]): SigningKey[] {
  const seen = new Set<string>();
  return keys.filter((key) => !seen.has(key.fingerprint) && seen.add(key.fingerprint));
}
