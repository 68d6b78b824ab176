import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  certificateExpiry,
  cleanGroupRoles,
  enforceBlocker,
  mappingValue,
  splitCertificates,
  testConnectionUrl,
  testResultFrom,
} from '../../../../console/src/features/sso/sso-form';

describe('sso-form', () => {
  test('splits pasted PEM blocks, or bare base64 certificates separated by blank lines', () => {
    const a = '-----BEGIN CERTIFICATE-----\nMIIA\n-----END CERTIFICATE-----';
    const b = '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----';
    assert.deepEqual(splitCertificates(`${a}\n\n  ${b}\n`), [a, b]);
    assert.deepEqual(splitCertificates('MIIAAA\nBBBB\n\n\nMIICCC\n'), ['MIIAAA\nBBBB', 'MIICCC']);
    assert.deepEqual(splitCertificates('   '), []);
  });

  test('reads certificate expiry with a warning a month ahead', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    assert.deepEqual(
      certificateExpiry(
        { kind: 'certificate', fingerprint: 'x', notAfter: '2031-06-01T00:00:00.000Z' },
        now,
      ),
      {
        label: 'valid until 2031-06-01',
        tone: 'neutral',
      },
    );
    assert.equal(
      certificateExpiry(
        { kind: 'certificate', fingerprint: 'x', notAfter: '2030-01-11T00:00:00.000Z' },
        now,
      ).tone,
      'warning',
    );
    assert.deepEqual(
      certificateExpiry(
        { kind: 'certificate', fingerprint: 'x', notAfter: '2029-12-29T00:00:00.000Z' },
        now,
      ),
      {
        label: 'expired 3 days ago',
        tone: 'danger',
      },
    );
    assert.equal(
      certificateExpiry({ kind: 'public-key', fingerprint: 'x' }, now).label,
      'bare public key (no expiry)',
    );
  });

  test('cleans the group table: trims, drops blanks and case-insensitive duplicates', () => {
    assert.deepEqual(
      cleanGroupRoles([
        { group: ' Admins ', role: 'admin' },
        { group: '', role: 'viewer' },
        { group: 'admins', role: 'editor' },
        { group: 'HR', role: 'editor' },
      ]),
      [
        { group: 'Admins', role: 'admin' },
        { group: 'HR', role: 'editor' },
      ],
    );
  });

  test('a blank mapping field means detect', () => {
    assert.equal(mappingValue('  '), null);
    assert.equal(mappingValue(' memberOf '), 'memberOf');
  });

  test('accepts a Test connection result only from its own origin and with the expected shape', () => {
    const origin = 'https://parley.example';
    const result = { ok: true, email: 'a@b.example' };
    assert.deepEqual(
      testResultFrom({ origin, data: { type: 'parley:sso-test', result } }, origin),
      result,
    );
    assert.equal(
      testResultFrom(
        { origin: 'https://evil.example', data: { type: 'parley:sso-test', result } },
        origin,
      ),
      null,
    );
    assert.equal(testResultFrom({ origin, data: { type: 'other', result } }, origin), null);
    assert.equal(
      testResultFrom({ origin, data: { type: 'parley:sso-test', result: { ok: 'yes' } } }, origin),
      null,
    );
    assert.equal(testResultFrom({ origin, data: null }, origin), null);
  });

  test('builds the popup URL and explains what blocks enforcing SSO', () => {
    assert.equal(
      testConnectionUrl({ loginUrl: 'https://p.example/auth/saml/acme/login' } as never),
      'https://p.example/auth/saml/acme/login?test=1',
    );
    assert.match(
      enforceBlocker({ enabled: false, breakGlassUserId: 'x' })!,
      /Switch single sign-on on/,
    );
    assert.match(enforceBlocker({ enabled: true, breakGlassUserId: null })!, /break-glass/);
    assert.equal(enforceBlocker({ enabled: true, breakGlassUserId: 'x' }), null);
  });
});
