import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { SamlRefusal } from '../../../src/services/saml/refusal';
import { inspectSamlResponse } from '../../../src/services/saml/response-inspection';
import { type IdpKeys, makeIdpKeys } from '../../support/saml-keys';
import {
  encodeResponse,
  type ResponseSpec,
  responseXml,
  type SigningSpec,
} from '../../support/saml-response';

const expected = { idpEntityId: 'https://idp.test/entity', acsUrl: 'https://sp.test/acs' };

describe('inspectSamlResponse', () => {
  let keys: IdpKeys;
  before(async () => {
    keys = await makeIdpKeys();
  });
  const make = (spec: Partial<ResponseSpec> = {}, signing: Partial<SigningSpec> = {}) =>
    responseXml(
      {
        issuer: expected.idpEntityId,
        audience: 'https://sp.test/metadata',
        destination: expected.acsUrl,
        inResponseTo: '_req1',
        nameId: 'alice@example.test',
        ...spec,
      },
      { sign: 'both', keys, ...signing },
    );
  const refuses = (xml: string, reason: string) =>
    assert.throws(
      () => inspectSamlResponse(encodeResponse(xml), expected),
      (error: unknown) => error instanceof SamlRefusal && error.reason === reason,
    );

  test('passes a well-formed, fully signed response and reads its facts', () => {
    const facts = inspectSamlResponse(encodeResponse(make()), expected);
    assert.equal(facts.inResponseTo, '_req1');
    assert.equal(facts.notOnOrAfter.length, 2);
    assert.equal(facts.notBefore.length, 1);
  });

  test('refuses a missing or non-base64 SAMLResponse', () => {
    assert.throws(() => inspectSamlResponse(undefined, expected), { reason: 'malformed' });
    assert.throws(() => inspectSamlResponse('<xml>', expected), { reason: 'malformed' });
  });

  test('refuses a DOCTYPE', () => {
    refuses(`<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>${make()}`, 'malformed');
  });

  test('refuses something that is not a Response', () => {
    refuses(
      '<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>',
      'not_a_response',
    );
  });

  test('refuses an unsigned Response, and one where only the Assertion is signed', () => {
    refuses(make({}, { sign: 'none' }), 'response_unsigned');
    refuses(make({}, { sign: 'assertion' }), 'response_unsigned');
  });

  test('refuses an unsigned Assertion inside a signed Response', () => {
    refuses(make({}, { sign: 'response' }), 'assertion_unsigned');
  });

  test('refuses sha1 signatures', () => {
    refuses(make({}, { algorithm: 'sha1' }), 'weak_algorithm');
  });

  test('refuses a second assertion anywhere in the document', () => {
    const xml = make();
    const evil = xml.replace(
      '<samlp:Status>',
      `<samlp:Extensions>${/<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0]}</samlp:Extensions><samlp:Status>`,
    );
    refuses(evil, 'signature_wrapping');
  });

  test('refuses a response or assertion from another issuer', () => {
    refuses(make({ responseIssuer: 'https://evil.test' }), 'wrong_issuer');
    refuses(make({ assertionIssuer: 'https://evil.test' }), 'wrong_issuer');
  });

  test('refuses a response addressed to another ACS URL', () => {
    refuses(make({ destination: 'https://other.test/acs' }), 'wrong_destination');
  });

  test('reports a non-success status from the IdP', () => {
    refuses(make({ status: 'urn:oasis:names:tc:SAML:2.0:status:Requester' }), 'idp_status');
  });

  test('refuses an encrypted assertion (no decryption key is configured)', () => {
    const xml = make({}, { sign: 'response' }).replace(
      /<saml:Assertion[\s\S]*<\/saml:Assertion>/,
      '<saml:EncryptedAssertion/>',
    );
    refuses(xml, 'encrypted_assertion');
  });
});
