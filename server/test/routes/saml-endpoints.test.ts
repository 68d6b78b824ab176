import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { tenantModel } from '../../src/models/tenant';
import { parseIdpMetadata } from '../../src/services/saml/metadata';
import {
  connectedTenant,
  consoleFromCookie,
  idpForm,
  postForm,
  sessionCookieOf,
  sharedSamlApp,
  uniqueSlug,
} from '../support/saml-app';
import { errorCode } from '../support/tenancy';
import { TestIdp } from '../support/test-idp';

describe('/auth/saml/:tenant endpoints', () => {
  const getApp = sharedSamlApp();

  async function setup(t: TestContext, settings: Record<string, unknown> = {}) {
    const app = getApp();
    const { tenant, idp } = await connectedTenant(t, app, 'ep', settings);
    return { app, tenant, idp };
  }

  test('metadata: SP metadata XML with the entity id, ACS and SLO URLs, before SSO is configured', async () => {
    const app = getApp();
    const tenant = await app.createTenant(uniqueSlug('meta'));
    const res = await fetch(`${app.url}/auth/saml/${tenant.slug}/metadata`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/samlmetadata\+xml/);
    const xml = await res.text();
    assert.match(xml, new RegExp(`entityID="${tenant.sp.entityId}"`));
    assert.match(xml, new RegExp(`AssertionConsumerService[^>]*Location="${tenant.sp.acsUrl}"`));
    assert.match(xml, new RegExp(`SingleLogoutService[^>]*Location="${tenant.sp.sloUrl}"`));
    assert.match(xml, /WantAssertionsSigned="true"/);
    // It is SP metadata: the IdP parser finds no IdP in it.
    assert.throws(() => parseIdpMetadata(xml), /no identity provider/);
  });

  test('an unknown tenant is a 404 on every endpoint, never a 500', async () => {
    const app = getApp();
    for (const [method, path] of [
      ['GET', 'metadata'],
      ['GET', 'login'],
      ['POST', 'acs'],
      ['GET', 'logout'],
      ['GET', 'slo?SAMLResponse=x'],
    ] as const) {
      const res = await fetch(`${app.url}/auth/saml/no-such-tenant/${path}`, {
        method,
        redirect: 'manual',
        ...(method === 'POST'
          ? {
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: 'SAMLResponse=eA==',
            }
          : {}),
      });
      assert.equal(res.status, 404, path);
      assert.equal(await errorCode(res), 'PARLEY_NOT_FOUND');
    }
  });

  test('a tenant without SSO answers PARLEY_SSO_NOT_ENABLED', async () => {
    const app = getApp();
    const tenant = await app.createTenant(uniqueSlug('nosso'));
    const login = await fetch(`${app.url}/auth/saml/${tenant.slug}/login`, { redirect: 'manual' });
    assert.equal(login.status, 404);
    assert.equal(await errorCode(login), 'PARLEY_SSO_NOT_ENABLED');
    const acs = await postForm({ action: tenant.sp.acsUrl, fields: { SAMLResponse: 'eA==' } });
    assert.equal(await errorCode(acs), 'PARLEY_SSO_NOT_ENABLED');
  });

  test('a suspended workspace signs nobody in', async (t) => {
    const { app, tenant } = await setup(t);
    const form = await idpForm(app, tenant);
    await tenantModel(app.database.connection).updateOne(
      { _id: tenant.id },
      { $set: { status: 'suspended' } },
    );
    const login = await fetch(`${app.url}/auth/saml/${tenant.slug}/login`, { redirect: 'manual' });
    assert.equal(await errorCode(login), 'PARLEY_TENANT_SUSPENDED');
    assert.equal(await errorCode(await postForm(form)), 'PARLEY_TENANT_SUSPENDED');
  });

  test('login starts and ACS posts are rate limited per client and workspace', async (t) => {
    const { app, tenant } = await setup(t);
    const limit = { limit: 300, windowMs: 60_000 };
    const bucket = `saml:${tenant.id}:127.0.0.1`;
    await Promise.all(Array.from({ length: 300 }, () => app.access.limiter.consume(bucket, limit)));
    // The window is fixed: if it rolled over while the bucket filled, fill it again.
    while ((await app.access.limiter.consume(bucket, limit)).allowed) {}
    const res = await fetch(`${app.url}/auth/saml/${tenant.slug}/login`, { redirect: 'manual' });
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
    // Another workspace on the same IP is unaffected.
    const other = await setup(t);
    assert.equal(
      (await fetch(`${app.url}/auth/saml/${other.tenant.slug}/login`, { redirect: 'manual' }))
        .status,
      302,
    );
  });

  test('logout ends the session and sends a LogoutRequest for the person to the IdP', async (t) => {
    const { app, tenant, idp } = await setup(t);
    const acs = await postForm(await idpForm(app, tenant));
    const cookie = sessionCookieOf(acs)!;
    const res = await fetch(`${app.url}/auth/saml/${tenant.slug}/logout`, {
      redirect: 'manual',
      headers: { cookie },
    });
    assert.equal(res.status, 303);
    const location = new URL(res.headers.get('location')!);
    assert.equal(`${location.origin}${location.pathname}`, idp.sloUrl);
    const request = inflateRawSync(
      Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64'),
    ).toString();
    assert.match(request, /<saml:NameID[^>]*>alice@northwind\.example<\/saml:NameID>/);
    assert.match(
      res.headers.getSetCookie().join(),
      /parley_session=[^;]*; Path=\/; Expires=Thu, 01 Jan 1970/,
    );
    assert.equal((await fetch(`${app.url}/api/auth/session`, { headers: { cookie } })).status, 401);
    const [entry] = await app.auditEntries(tenant, 'sso.logout');
    assert.deepEqual(entry?.after, { via: 'sp' });
  });

  test('logout without a session just returns to the sign-in page', async (t) => {
    const { app, tenant } = await setup(t);
    const res = await fetch(`${app.url}/auth/saml/${tenant.slug}/logout`, { redirect: 'manual' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/admin/login');
  });

  test('IdP-initiated single logout ends the person’s sessions and answers the IdP', async (t) => {
    const { app, tenant, idp } = await setup(t);
    const cookie = sessionCookieOf(await postForm(await idpForm(app, tenant)))!;
    await consoleFromCookie(app.url, cookie);
    const res = await fetch(idp.logoutRequestUrl(tenant.sp, 'alice@northwind.example'), {
      redirect: 'manual',
    });
    assert.equal(res.status, 302, await res.clone().text());
    const location = new URL(res.headers.get('location')!);
    assert.equal(`${location.origin}${location.pathname}`, idp.sloUrl);
    const response = inflateRawSync(
      Buffer.from(location.searchParams.get('SAMLResponse')!, 'base64'),
    ).toString();
    assert.match(response, /LogoutResponse[\s\S]*status:Success/);
    assert.equal((await fetch(`${app.url}/api/auth/session`, { headers: { cookie } })).status, 401);
    const [entry] = await app.auditEntries(tenant, 'sso.logout');
    assert.deepEqual(entry?.after, { via: 'idp' });
  });

  test('an unsigned or forged IdP LogoutRequest is refused and ends nothing', async (t) => {
    const { app, tenant, idp } = await setup(t);
    const cookie = sessionCookieOf(await postForm(await idpForm(app, tenant)))!;
    const unsigned = await fetch(
      idp.logoutRequestUrl(tenant.sp, 'alice@northwind.example', false),
      { redirect: 'manual' },
    );
    assert.equal(unsigned.status, 401);
    const attacker = await TestIdp.start(t, { entityId: idp.entityId });
    const forged = await fetch(attacker.logoutRequestUrl(tenant.sp, 'alice@northwind.example'), {
      redirect: 'manual',
    });
    assert.equal(forged.status, 401);
    assert.equal((await fetch(`${app.url}/api/auth/session`, { headers: { cookie } })).status, 200);
  });
});
