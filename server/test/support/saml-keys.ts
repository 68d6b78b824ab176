import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { generate } from 'selfsigned';

/** A signing identity made at test time: RSA key pair and a self-signed certificate. */
export interface IdpKeys {
  privateKeyPem: string;
  publicKeyPem: string;
  certPem: string;
  /** The certificate's base64 body, as metadata's X509Certificate holds it. */
  certBase64: string;
}

/** Makes a fresh RSA key pair (node:crypto) and a self-signed certificate for it. */
export async function makeIdpKeys(commonName = `idp-${randomUUID()}.test`): Promise<IdpKeys> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyPair: { privateKey: privateKeyPem, publicKey: publicKeyPem },
    algorithm: 'sha256',
  });
  return {
    privateKeyPem,
    publicKeyPem,
    certPem: pems.cert,
    certBase64: pems.cert.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''),
  };
}
