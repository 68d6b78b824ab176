import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { type CacheProvider, SAML, ValidateInResponseTo } from '@node-saml/passport-saml';
import { spUrls } from '../../../src/services/saml/sp-urls';
import { samlStrategyOptions } from '../../../src/services/saml/strategy-options';
import { type IdpKeys, makeIdpKeys } from '../../support/saml-keys';
import {
  assertionXml,
  encodeResponse,
  type ResponseSpec,
  responseXml,
  type SigningSpec,
} from '../../support/saml-response';

/** node-saml's cache contract, in memory: enough to exercise the options alone. */
class MemoryCache implements CacheProvider {
  readonly items = new Map<string, string>();
  async saveAsync(key: string, value: string) {
    this.items.set(key, value);
    return { value, createdAt: Date.now() };
  }
  async getAsync(key: string) {
    return this.items.get(key) ?? null;
  }
  async removeAsync(key: string | null) {
    if (key) this.items.delete(key);
    return key;
  }
}

/**
 * The options on their own, without Parley's response inspection in front:
 * node-saml configured this way must already refuse the attacks, so the
 * inspection is a second wall, not the only one.
 */
describe('samlStrategyOptions with node-saml alone', () => {
  const sp = spUrls('https://parley.example', 'acme');
  const issuer = 'https://idp.example/entity';
  let keys: IdpKeys;
  before(async () => {
    keys = await makeIdpKeys();
  });

  function saml(idpInitiated = false) {
    const cache = new MemoryCache();
    cache.items.set('_req', new Date().toISOString());
    const options = samlStrategyOptions(
      {
        entityId: issuer,
        ssoUrl: 'https://idp.example/sso',
        signingKeys: [keys.certPem],
        idpInitiated,
      },
      sp,
      cache,
    );
    return new SAML(options);
  }
  const response = (spec: Partial<ResponseSpec> = {}, signing: Partial<SigningSpec> = {}) =>
    responseXml(
      {
        issuer,
        audience: sp.entityId,
        destination: sp.acsUrl,
        inResponseTo: '_req',
        nameId: 'a@acme.example',
        ...spec,
      },
      { sign: 'both', keys, ...signing },
    );
  const validate = (xml: string, idpInitiated = false) =>
    saml(idpInitiated).validatePostResponseAsync({ SAMLResponse: encodeResponse(xml) });

  test('spells out the security settings instead of trusting defaults', () => {
    const options = saml().options;
    assert.equal(options.wantAuthnResponseSigned, true);
    assert.equal(options.wantAssertionsSigned, true);
    assert.equal(options.signatureAlgorithm, 'sha256');
    assert.equal(options.audience, sp.entityId);
    assert.equal(options.validateInResponseTo, ValidateInResponseTo.always);
    assert.equal(saml(true).options.validateInResponseTo, ValidateInResponseTo.ifPresent);
    assert.ok(options.acceptedClockSkewMs > 0 && options.acceptedClockSkewMs <= 120_000);
    assert.equal(options.idpIssuer, issuer);
  });

  test('accepts a correctly signed response', async () => {
    const { profile } = await validate(response());
    assert.equal(profile?.nameID, 'a@acme.example');
  });

  const refusals: [string, () => string, RegExp][] = [
    ['an unsigned response', () => response({}, { sign: 'none' }), /signature/i],
    ['only the assertion signed', () => response({}, { sign: 'assertion' }), /signature/i],
    ['only the response signed', () => response({}, { sign: 'response' }), /signature/i],
    ['the wrong audience', () => response({ audience: 'https://other.example' }), /audience/],
    ['an unknown InResponseTo', () => response({ inResponseTo: '_other' }), /InResponseTo/],
    ['an unsolicited response', () => response({ inResponseTo: null }), /InResponseTo is missing/],
    [
      'a second, unsigned assertion',
      () => {
        const evil = assertionXml({
          issuer,
          audience: sp.entityId,
          destination: sp.acsUrl,
          inResponseTo: '_req',
          nameId: 'root@acme.example',
        });
        return response().replace('<saml:Assertion ', `${evil}<saml:Assertion `);
      },
      /signature|multiple assertions/i,
    ],
  ];
  for (const [name, xml, message] of refusals) {
    test(`refuses ${name}`, async () => {
      await assert.rejects(validate(xml()), message);
    });
  }

  test('IdP-initiated mode still requires both signatures', async () => {
    await assert.rejects(
      validate(response({ inResponseTo: null }, { sign: 'assertion' }), true),
      /signature/i,
    );
    const { profile } = await validate(response({ inResponseTo: null }), true);
    assert.equal(profile?.nameID, 'a@acme.example');
  });
});
