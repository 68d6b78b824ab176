import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Types } from 'mongoose';
import { ParleyError } from '../../../src/errors';
import { passwordLoginAllowed } from '../../../src/services/saml/settings';
import { SsoSettingsService } from '../../../src/services/saml/settings-service';
import { startTestDatabase } from '../../support/database';
import { makeIdpKeys } from '../../support/saml-keys';
import { insertTenant, insertUser } from '../../support/saml-tenant';

const okta = readFileSync(
  new URL('../../fixtures/saml/okta-metadata.xml', import.meta.url),
  'utf8',
);

const rejectsWith = (promise: Promise<unknown>, code: string, message?: RegExp) =>
  assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ParleyError, String(error));
    assert.equal(error.code, code);
    if (message) assert.match(error.message, message);
    return true;
  });

async function setup(
  t: import('node:test').TestContext,
  gate?: (id: Types.ObjectId) => Promise<void>,
) {
  const db = await startTestDatabase(t);
  const tenantId = await insertTenant(db.connection, 'northwind');
  const service = new SsoSettingsService(db.connection, 'https://parley.example', gate);
  return { db, tenantId, service };
}

describe('SsoSettingsService', () => {
  test('a tenant starts with SSO off and sees its SP addresses', async (t) => {
    const { tenantId, service } = await setup(t);
    const { settings, sp } = await service.get(tenantId);
    assert.equal(settings.enabled, false);
    assert.equal(settings.idp, null);
    assert.equal(settings.jitProvisioning, false);
    assert.deepEqual(sp, {
      entityId: 'https://parley.example/auth/saml/northwind/metadata',
      acsUrl: 'https://parley.example/auth/saml/northwind/acs',
      metadataUrl: 'https://parley.example/auth/saml/northwind/metadata',
      loginUrl: 'https://parley.example/auth/saml/northwind/login',
      logoutUrl: 'https://parley.example/auth/saml/northwind/logout',
      sloUrl: 'https://parley.example/auth/saml/northwind/slo',
    });
  });

  test('takes pasted metadata and keeps fields that a later PUT leaves out', async (t) => {
    const { tenantId, service } = await setup(t);
    const first = await service.update(tenantId, {
      metadataXml: okta,
      enabled: true,
      jitProvisioning: true,
      defaultRole: 'viewer',
    });
    assert.equal(first.before.enabled, false);
    assert.equal(first.after.idp?.entityId, 'http://www.okta.com/exk9parleytest0001');
    await service.update(tenantId, { groupRoles: [{ group: 'Parley Admins', role: 'admin' }] });
    const { settings } = await service.get(tenantId);
    assert.equal(settings.enabled, true);
    assert.equal(settings.jitProvisioning, true);
    assert.equal(settings.defaultRole, 'viewer');
    assert.equal(settings.idp?.signingKeys.length, 1);
    assert.deepEqual(settings.groupRoles, [{ group: 'Parley Admins', role: 'admin' }]);
  });

  test('takes explicit IdP fields with a certificate and a bare key (rotation)', async (t) => {
    const { tenantId, service } = await setup(t);
    const [a, b] = await Promise.all([makeIdpKeys(), makeIdpKeys()]);
    const { after } = await service.update(tenantId, {
      idp: {
        entityId: 'https://idp.test',
        ssoUrl: 'https://idp.test/sso',
        signingCertificates: [a.certPem, b.publicKeyPem],
      },
    });
    assert.deepEqual(
      after.idp?.signingKeys.map((k) => k.kind),
      ['certificate', 'public-key'],
    );
    assert.equal(after.idp?.sloUrl, null);
  });

  test('refuses bad metadata, bad certificates and bad fields with stable codes', async (t) => {
    const { tenantId, service } = await setup(t);
    await rejectsWith(
      service.update(tenantId, { metadataXml: '<nope/>' }),
      'PARLEY_SSO_METADATA_INVALID',
      /not SAML 2\.0 metadata/,
    );
    await rejectsWith(
      service.update(tenantId, {
        idp: { entityId: 'e', ssoUrl: 'https://idp.test', signingCertificates: ['bm9wZQ=='] },
      }),
      'PARLEY_SSO_CERTIFICATE_INVALID',
      /Signing certificate 1/,
    );
    await rejectsWith(
      service.update(tenantId, {
        idp: { entityId: 'e', ssoUrl: 'http://idp.example', signingCertificates: ['x'] },
      }),
      'PARLEY_VALIDATION_FAILED',
      /idp\.ssoUrl: must be an https URL/,
    );
    await rejectsWith(
      service.update(tenantId, {
        metadataXml: okta,
        idp: { entityId: 'e', ssoUrl: 'https://i.test', signingCertificates: ['x'] },
      }),
      'PARLEY_VALIDATION_FAILED',
      /either/,
    );
    await rejectsWith(
      service.update(tenantId, { defaultRole: 'owner' }),
      'PARLEY_VALIDATION_FAILED',
      /owners are managed in Parley/,
    );
    await rejectsWith(
      service.update(tenantId, { enabled: true }),
      'PARLEY_VALIDATION_FAILED',
      /identity provider/,
    );
    await rejectsWith(service.update(tenantId, { surprise: 1 }), 'PARLEY_VALIDATION_FAILED');
    assert.equal((await service.get(tenantId)).settings.idp, null);
  });

  test('asks the plan gate when SSO is switched on', async (t) => {
    const gated: string[] = [];
    const { tenantId, service } = await setup(t, async (id) => {
      gated.push(String(id));
      throw new ParleyError('PARLEY_PLAN_FEATURE_UNAVAILABLE');
    });
    await rejectsWith(
      service.update(tenantId, { metadataXml: okta, enabled: true }),
      'PARLEY_PLAN_FEATURE_UNAVAILABLE',
    );
    assert.deepEqual(gated, [String(tenantId)]);
    await service.update(tenantId, { metadataXml: okta });
    assert.equal(gated.length, 1);
  });

  test('enforcing SSO needs an active owner with a password as break-glass', async (t) => {
    const { db, tenantId, service } = await setup(t);
    const owner = await insertUser(db.connection, tenantId, {
      email: 'owner@northwind.example',
      role: 'owner',
      passwordHash: '$argon2id$x',
    });
    const ssoOnlyOwner = await insertUser(db.connection, tenantId, {
      email: 'o2@northwind.example',
      role: 'owner',
    });
    const admin = await insertUser(db.connection, tenantId, {
      email: 'admin@northwind.example',
      role: 'admin',
      passwordHash: '$argon2id$x',
    });
    const otherTenant = await insertTenant(db.connection, 'contoso');
    const stranger = await insertUser(db.connection, otherTenant, {
      email: 'o@contoso.example',
      role: 'owner',
      passwordHash: '$argon2id$x',
    });
    await service.update(tenantId, { metadataXml: okta, enabled: true });

    await rejectsWith(
      service.update(tenantId, { enforce: true }),
      'PARLEY_VALIDATION_FAILED',
      /break-glass/,
    );
    for (const user of [ssoOnlyOwner, admin, stranger]) {
      await rejectsWith(
        service.update(tenantId, { enforce: true, breakGlassUserId: String(user._id) }),
        'PARLEY_VALIDATION_FAILED',
        /active owner/,
      );
    }
    const { after } = await service.update(tenantId, {
      enforce: true,
      breakGlassUserId: String(owner._id),
    });
    assert.equal(passwordLoginAllowed(after, String(owner._id)), true);
    assert.equal(passwordLoginAllowed(after, String(admin._id)), false);
    assert.equal(passwordLoginAllowed({ ...after, enabled: false }, String(admin._id)), true);
    assert.equal(passwordLoginAllowed(null, String(admin._id)), true);
  });

  test('finds tenants by slug and ignores slugs that cannot exist', async (t) => {
    const { service } = await setup(t);
    assert.equal((await service.findBySlug('northwind'))?.tenant.slug, 'northwind');
    assert.equal(await service.findBySlug('nobody'), null);
    assert.equal(await service.findBySlug('{"$gt":""}'), null);
  });
});
