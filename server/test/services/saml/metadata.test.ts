import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { MetadataError, parseIdpMetadata } from '../../../src/services/saml/metadata';

const sample = (name: string) =>
  readFileSync(new URL(`../../fixtures/saml/${name}-metadata.xml`, import.meta.url), 'utf8');

const okta = sample('okta');

describe('parseIdpMetadata', () => {
  test('reads an Okta-shaped document', () => {
    const meta = parseIdpMetadata(okta);
    assert.equal(meta.entityId, 'http://www.okta.com/exk9parleytest0001');
    assert.equal(
      meta.ssoUrl,
      'https://northwind.okta.com/app/northwind_parley_1/exk9parleytest0001/sso/saml',
    );
    assert.equal(meta.sloUrl, undefined);
    assert.equal(meta.signingKeys.length, 1);
    assert.equal(meta.signingKeys[0]!.kind, 'certificate');
    assert.match(meta.signingKeys[0]!.subject!, /CN=okta\.idp\.example/);
    assert.match(meta.signingKeys[0]!.pem, /^-----BEGIN CERTIFICATE-----\n/);
    assert.equal(meta.signingKeys[0]!.notAfter, '2036-01-01T00:00:00.000Z');
  });

  test('reads an Entra-shaped document: both rollover certs, not the WS-Fed role key', () => {
    const meta = parseIdpMetadata(sample('entra'));
    assert.equal(meta.entityId, 'https://sts.windows.net/7c4d2a90-1b3e-4f5a-8c6d-9e0f1a2b3c4d/');
    assert.equal(
      meta.ssoUrl,
      'https://login.microsoftonline.com/7c4d2a90-1b3e-4f5a-8c6d-9e0f1a2b3c4d/saml2',
    );
    assert.equal(meta.sloUrl, meta.ssoUrl);
    assert.deepEqual(
      meta.signingKeys.map((k) => k.subject),
      ['CN=entra-current.idp.example', 'CN=entra-next.idp.example'],
    );
  });

  test('reads a Keycloak-shaped EntitiesDescriptor, skipping the encryption key', () => {
    const meta = parseIdpMetadata(sample('keycloak'));
    assert.equal(meta.entityId, 'https://sso.northwind.example/realms/northwind');
    assert.equal(meta.ssoUrl, 'https://sso.northwind.example/realms/northwind/protocol/saml');
    assert.equal(meta.sloUrl, 'https://sso.northwind.example/realms/northwind/protocol/saml');
    assert.deepEqual(
      meta.signingKeys.map((k) => k.subject),
      ['CN=keycloak.idp.example'],
    );
  });

  test('takes a KeyDescriptor without a use attribute as a signing key', () => {
    const meta = parseIdpMetadata(okta.replace(' use="signing"', ''));
    assert.equal(meta.signingKeys.length, 1);
  });

  test('lists a certificate that appears twice only once', () => {
    const descriptor = /<md:KeyDescriptor[\s\S]*?<\/md:KeyDescriptor>/.exec(okta)![0];
    const meta = parseIdpMetadata(okta.replace(descriptor, descriptor + descriptor));
    assert.equal(meta.signingKeys.length, 1);
  });

  const refusals: [string, string, RegExp][] = [
    [
      'a DOCTYPE (entity expansion)',
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>${okta.replace(/^<\?xml[^>]*>/, '')}`,
      /DOCTYPE/,
    ],
    ['malformed XML', okta.slice(0, 400), /not well-formed/],
    [
      'something other than metadata',
      '<html><body>Sign in</body></html>',
      /not SAML 2\.0 metadata/,
    ],
    [
      'service-provider metadata',
      okta.replace(/IDPSSODescriptor/g, 'SPSSODescriptor'),
      /no identity provider/,
    ],
    ['an empty entityID', okta.replace(/entityID="[^"]*"/, 'entityID=" "'), /no entityID/],
    [
      'no SAML 2.0 protocol support',
      okta.replace('urn:oasis:names:tc:SAML:2.0:protocol', 'urn:oasis:names:tc:SAML:1.1:protocol'),
      /SAML 2\.0 support/,
    ],
    [
      'no HTTP-Redirect SSO endpoint',
      okta.replace(/<md:SingleSignOnService Binding="[^"]*HTTP-Redirect"[^>]*\/>/, ''),
      /HTTP-Redirect/,
    ],
    [
      'a plain-http SSO URL',
      okta.replace(/Location="https:\/\/northwind/g, 'Location="http://northwind'),
      /must be an https URL/,
    ],
    [
      'no signing certificate',
      okta.replace(/<md:KeyDescriptor[\s\S]*?<\/md:KeyDescriptor>/, ''),
      /no signing certificate/,
    ],
    [
      'a certificate that is not one',
      okta.replace(/<ds:X509Certificate>[^<]*</, '<ds:X509Certificate>bm90IGEgY2VydA==<'),
      /could not be read/,
    ],
    ['too large a document', okta + ' '.repeat(1_000_001), /larger than/],
  ];
  for (const [name, xml, message] of refusals) {
    test(`refuses ${name}`, () => {
      assert.throws(
        () => parseIdpMetadata(xml),
        (error: unknown) => {
          assert.ok(error instanceof MetadataError);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});
