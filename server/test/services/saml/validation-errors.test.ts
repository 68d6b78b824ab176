import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SamlStatusError } from '@node-saml/passport-saml';
import { classifyValidationError } from '../../../src/services/saml/validation-errors';

describe('classifyValidationError', () => {
  const cases: [string, string][] = [
    ['InResponseTo is missing from response', 'unsolicited'],
    ['InResponseTo is not valid', 'unknown_in_response_to'],
    ['SAML assertion expired: clocks skewed too much', 'expired'],
    ['SAML assertion expired: assertion too old', 'expired'],
    ['SAML assertion not yet valid', 'not_yet_valid'],
    ['SAML assertion audience mismatch. Expected: a Received: b', 'wrong_audience'],
    ['Invalid document signature', 'signature_invalid'],
    ['Invalid signature: multiple assertions', 'signature_wrapping'],
    ['Missing SAML assertion', 'malformed'],
  ];
  for (const [message, reason] of cases) {
    test(`"${message}" → ${reason}`, () => {
      assert.equal(classifyValidationError(new Error(message), undefined)?.reason, reason);
    });
  }

  test('leaves errors that are not about the response to the caller', () => {
    assert.equal(classifyValidationError(new TypeError('x is undefined'), undefined), null);
    assert.equal(classifyValidationError(new Error('connection reset'), undefined), null);
    assert.equal(classifyValidationError('a string', undefined), null);
  });

  test('an IdP status error is idp_status', () => {
    assert.equal(
      classifyValidationError(new SamlStatusError('x', '<Status/>'), undefined)?.reason,
      'idp_status',
    );
  });

  test('an unusable subject confirmation is explained by the timestamps', () => {
    const now = Date.parse('2030-01-01T12:00:00Z');
    const error = new Error(
      'No valid subject confirmation found among those available in the SAML assertion',
    );
    const past = { inResponseTo: null, notBefore: [], notOnOrAfter: [new Date(now - 3_600_000)] };
    const future = { inResponseTo: null, notBefore: [new Date(now + 3_600_000)], notOnOrAfter: [] };
    const fine = { inResponseTo: null, notBefore: [], notOnOrAfter: [] };
    assert.equal(classifyValidationError(error, past, now)?.reason, 'expired');
    assert.equal(classifyValidationError(error, future, now)?.reason, 'not_yet_valid');
    assert.equal(classifyValidationError(error, fine, now)?.reason, 'wrong_recipient');
  });
});
