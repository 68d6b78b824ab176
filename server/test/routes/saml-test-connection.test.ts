import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { userModel } from '../../src/models/user';
import {
  connectedTenant,
  idpForm,
  postForm,
  sessionCookieOf,
  sharedSamlApp,
  uniqueSlug,
} from '../support/saml-app';
import { errorCode } from '../support/tenancy';

describe('SAML Test connection', () => {
  const getApp = sharedSamlApp();

  async function setup(t: TestContext) {
    const app = getApp();
    // Configured but not yet enabled: the admin tests before switching SSO on.
    const { tenant, idp } = await connectedTenant(t, app, 'tester', {
      enabled: false,
      jitProvisioning: true,
      defaultRole: null,
    });
    return { app, tenant, idp };
  }

  test('runs a real login in a popup and reports the attributes, without signing anyone in', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.user = {
      nameId: 'tess@tester.example',
      attributes: { email: 'tess@tester.example', displayName: 'Tess', groups: ['eng', 'all'] },
    };
    const form = await idpForm(app, tenant, { query: '?test=1', cookie: tenant.owner.cookie });
    const res = await postForm(form);
    assert.equal(res.status, 200);
    assert.equal(sessionCookieOf(res), undefined);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'nonce-[^']+'/);
    const html = await res.text();
    assert.match(html, /Connection works/);
    assert.match(html, /<th>groups<\/th><td>eng<br>all<\/td>/);
    assert.match(html, /refuse \(not_assigned\)/, 'shows what a real login would do');
    const message = /var r=(\{.*?\});if\(window\.opener\)/.exec(html);
    assert.equal(JSON.parse(message![1]!).email, 'tess@tester.example');
    assert.match(
      html,
      new RegExp(`postMessage\\(\\{type:'parley:sso-test',result:r\\},"${app.url}"\\)`),
    );
    assert.equal(
      await userModel(app.database.connection).countDocuments({
        tenantId: tenant.id,
        email: 'tess@tester.example',
      }),
      0,
    );
    const [entry] = await app.auditEntries(tenant, 'sso.test');
    assert.deepEqual(entry?.after, { ok: true, email: 'tess@tester.example' });
  });

  test('reports a failure with its reason in the popup', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.overrides = { audience: 'https://elsewhere.example/sp' };
    const res = await postForm(
      await idpForm(app, tenant, { query: '?test=1', cookie: tenant.owner.cookie }),
    );
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Connection failed[\s\S]*wrong_audience/);
  });

  test('only a signed-in admin of the workspace may start one', async (t) => {
    const { app, tenant } = await setup(t);
    const loginUrl = `${app.url}/auth/saml/${tenant.slug}/login?test=1`;
    const anonymous = await fetch(loginUrl, { redirect: 'manual' });
    assert.equal(anonymous.status, 401);
    assert.equal(await errorCode(anonymous), 'PARLEY_AUTH_REQUIRED');

    const viewer = await userModel(app.database.connection).create({
      tenantId: tenant.id,
      email: 'v@tester.example',
      role: 'viewer',
    });
    const asViewer = await fetch(loginUrl, {
      redirect: 'manual',
      headers: { cookie: (await app.signInAs(viewer)).cookie },
    });
    assert.equal(asViewer.status, 403);

    const other = await app.createTenant(uniqueSlug('other'));
    const asOtherOwner = await fetch(loginUrl, {
      redirect: 'manual',
      headers: { cookie: other.owner.cookie },
    });
    assert.equal(asOtherOwner.status, 403);

    // A plain login is not possible while SSO is off.
    const plain = await fetch(`${app.url}/auth/saml/${tenant.slug}/login`, { redirect: 'manual' });
    assert.equal(await errorCode(plain), 'PARLEY_SSO_NOT_ENABLED');
  });
});
