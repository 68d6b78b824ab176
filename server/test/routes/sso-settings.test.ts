import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { userModel } from '../../src/models/user';
import { sharedIdpKeys, sharedSamlApp, uniqueSlug } from '../support/saml-app';
import { errorCode, withSecretKey } from '../support/tenancy';
import { TestIdp } from '../support/test-idp';

describe('GET/PUT /api/sso/saml', () => {
  const getApp = sharedSamlApp();

  async function setup(t: TestContext, plan?: string) {
    const app = getApp();
    const tenant = await app.createTenant(uniqueSlug('settings'), plan);
    const idp = await TestIdp.start(t, { keys: await sharedIdpKeys() });
    return { app, tenant, idp };
  }

  test('shows defaults and the SP values to paste into the IdP', async (t) => {
    const { app, tenant } = await setup(t);
    const res = await tenant.owner.request('GET', '/api/sso/saml');
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.enabled, false);
    assert.equal(body.idp, null);
    assert.deepEqual(body.sp, {
      entityId: `${app.url}/auth/saml/${tenant.slug}/metadata`,
      acsUrl: `${app.url}/auth/saml/${tenant.slug}/acs`,
      metadataUrl: `${app.url}/auth/saml/${tenant.slug}/metadata`,
      loginUrl: `${app.url}/auth/saml/${tenant.slug}/login`,
      logoutUrl: `${app.url}/auth/saml/${tenant.slug}/logout`,
      sloUrl: `${app.url}/auth/saml/${tenant.slug}/slo`,
    });
  });

  test('takes metadata larger than the app-wide 64 kB body limit, and audits the change', async (t) => {
    const { app, tenant, idp } = await setup(t);
    const padded = idp
      .metadataXml()
      .replace('<md:IDPSSODescriptor', `<!-- ${'x'.repeat(100_000)} --><md:IDPSSODescriptor`);
    const res = await tenant.owner.request('PUT', '/api/sso/saml', {
      metadataXml: padded,
      enabled: true,
    });
    assert.equal(res.status, 200, await res.clone().text());
    const body = (await res.json()) as {
      enabled: boolean;
      idp: { entityId: string; signingCertificates: { fingerprint: string }[] };
    };
    assert.equal(body.enabled, true);
    assert.equal(body.idp.entityId, idp.entityId);
    const [entry] = await app.auditEntries(tenant, 'sso.update');
    assert.ok(entry);
    assert.equal(entry.actor.label, tenant.ownerEmail);
    assert.equal((entry.before as { enabled: boolean }).enabled, false);
    const after = entry.after as {
      enabled: boolean;
      idp: { signingKeys: { fingerprint: string }[] };
    };
    assert.equal(after.enabled, true);
    assert.equal(
      after.idp.signingKeys[0]?.fingerprint,
      body.idp.signingCertificates[0]?.fingerprint,
    );
    assert.doesNotMatch(JSON.stringify(entry), /BEGIN CERTIFICATE/);
  });

  test('refuses bad input with stable codes', async (t) => {
    const { tenant } = await setup(t);
    const put = (body: unknown) => tenant.owner.request('PUT', '/api/sso/saml', body);
    assert.equal(
      await errorCode(await put({ metadataXml: '<!DOCTYPE x><x/>' })),
      'PARLEY_SSO_METADATA_INVALID',
    );
    assert.equal(
      await errorCode(
        await put({
          idp: { entityId: 'e', ssoUrl: 'https://idp.example/sso', signingCertificates: ['nope'] },
        }),
      ),
      'PARLEY_SSO_CERTIFICATE_INVALID',
    );
    assert.equal(await errorCode(await put({ enabled: 'yes' })), 'PARLEY_VALIDATION_FAILED');
    assert.equal(await errorCode(await put({ enabled: true })), 'PARLEY_VALIDATION_FAILED');
  });

  test('a plan without SSO cannot switch it on', async (t) => {
    const { tenant, idp } = await setup(t, 'free');
    const res = await tenant.owner.request('PUT', '/api/sso/saml', {
      metadataXml: idp.metadataXml(),
      enabled: true,
    });
    assert.equal(res.status, 402);
    assert.equal(await errorCode(res), 'PARLEY_PLAN_FEATURE_UNAVAILABLE');
  });

  test('needs sso:read / sso:write: viewers and editors are refused, secret keys may read', async (t) => {
    const { app, tenant } = await setup(t);
    for (const role of ['viewer', 'editor'] as const) {
      const user = await userModel(app.database.connection).create({
        tenantId: tenant.id,
        email: `${role}@x.example`,
        role,
      });
      const client = await app.signInAs(user);
      assert.equal((await client.request('GET', '/api/sso/saml')).status, 403, role);
      assert.equal(
        (await client.request('PUT', '/api/sso/saml', { enabled: false })).status,
        403,
        role,
      );
    }
    const anonymous = await fetch(`${app.url}/api/sso/saml`);
    assert.equal(anonymous.status, 401);
    const { secret: secretKey } = await app.access.keys.create(tenant.id, {
      kind: 'secret',
      mode: 'live',
      name: 'ci',
      scopes: ['*'],
    });
    assert.equal((await withSecretKey(app.url, secretKey, 'GET', '/api/sso/saml')).status, 200);
  });

  test('a session PUT without the CSRF token is refused', async (t) => {
    const { tenant } = await setup(t);
    const res = await tenant.owner.request(
      'PUT',
      '/api/sso/saml',
      { enabled: false },
      { csrf: false },
    );
    assert.equal(res.status, 403);
    assert.equal(await errorCode(res), 'PARLEY_AUTH_CSRF_FAILED');
  });
});
