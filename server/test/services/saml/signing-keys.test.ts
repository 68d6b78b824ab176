import assert from 'node:assert/strict';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { before, describe, test } from 'node:test';
import {
  readSigningKey,
  SigningKeyError,
  uniqueKeys,
} from '../../../src/services/saml/signing-keys';
import { type IdpKeys, makeIdpKeys } from '../../support/saml-keys';

describe('readSigningKey', () => {
  let keys: IdpKeys;
  before(async () => {
    keys = await makeIdpKeys('rotation.idp.test');
  });

  test('reads a PEM certificate and reports its subject, validity and fingerprint', () => {
    const key = readSigningKey(keys.certPem);
    const cert = new X509Certificate(keys.certPem);
    assert.equal(key.kind, 'certificate');
    assert.equal(key.subject, 'CN=rotation.idp.test');
    assert.equal(key.notAfter, new Date(cert.validTo).toISOString());
    assert.equal(key.fingerprint, cert.fingerprint256);
    assert.equal(new X509Certificate(key.pem).fingerprint256, cert.fingerprint256);
  });

  test('reads the bare base64 body of a certificate, with line breaks', () => {
    const wrapped = keys.certBase64.match(/.{1,76}/g)!.join('\r\n');
    assert.equal(readSigningKey(wrapped).pem, readSigningKey(keys.certPem).pem);
  });

  test('reads a bare PEM public key', () => {
    const key = readSigningKey(keys.publicKeyPem);
    assert.equal(key.kind, 'public-key');
    assert.equal(key.subject, undefined);
    assert.match(key.pem, /^-----BEGIN PUBLIC KEY-----\n/);
  });

  test('drops duplicate keys by fingerprint', () => {
    const a = readSigningKey(keys.certPem);
    assert.deepEqual(uniqueKeys([a, readSigningKey(keys.certBase64)]), [a]);
  });

  const refuse = (name: string, input: () => string, message: RegExp) =>
    test(`refuses ${name}`, () => {
      assert.throws(
        () => readSigningKey(input()),
        (error: unknown) => {
          assert.ok(error instanceof SigningKeyError);
          assert.match(error.message, message);
          return true;
        },
      );
    });

  refuse('a private key', () => keys.privateKeyPem, /private key/);
  refuse('an empty value', () => '  ', /empty/);
  refuse('text that is not base64', () => 'not a certificate!', /neither PEM nor base64/);
  refuse('base64 that is not a certificate', () => 'aGVsbG8gd29ybGQ=', /could not be read/);
  refuse(
    'an EC key',
    () =>
      generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .publicKey.export({ format: 'pem', type: 'spki' })
        .toString(),
    /must be RSA/,
  );
  refuse(
    'a 1024-bit RSA key',
    () =>
      generateKeyPairSync('rsa', { modulusLength: 1024 })
        .publicKey.export({ format: 'pem', type: 'spki' })
        .toString(),
    /at least 2048/,
  );
  refuse('an oversized value', () => 'A'.repeat(20_000), /too long/);
});
