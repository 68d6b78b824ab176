import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { decodeJwt } from 'jose';
import { tenantModel } from '../../src/models/tenant';
import { verifyIdentity } from '../../src/services/chat/identity';
import {
  connectedTenant,
  idpForm,
  postForm,
  sessionCookieOf,
  sharedSamlApp,
} from '../support/saml-app';
import { errorCode } from '../support/tenancy';

describe('SAML sign-in for the widget (verified chat identity)', () => {
  const getApp = sharedSamlApp();

  async function setup(t: TestContext, settings: Record<string, unknown> = { widgetLogin: true }) {
    const app = getApp();
    const { tenant, idp } = await connectedTenant(t, app, 'intranet', {
      defaultRole: null,
      jitProvisioning: false,
      ...settings,
    });
    return { app, tenant, idp, origin: `https://${tenant.slug}.example` };
  }

  test('an employee signs in through the IdP; the popup hands the host page a chat identity', async (t) => {
    const { app, tenant, idp, origin } = await setup(t);
    idp.user = {
      nameId: 'e-123',
      attributes: { email: 'Emma@Intranet.example', displayName: 'Emma', groups: ['nurses'] },
    };
    const form = await idpForm(app, tenant, { query: `?widget=${encodeURIComponent(origin)}` });
    const res = await postForm(form);
    assert.equal(res.status, 200);
    assert.equal(sessionCookieOf(res), undefined, 'no console session for employees');
    const html = await res.text();
    const message = JSON.parse(/var m=(\{.*?\});if\(window\.opener\)/.exec(html)![1]!);
    assert.equal(message.type, 'parley:identity');
    assert.deepEqual(message.user, { email: 'emma@intranet.example', name: 'Emma' });
    assert.ok(
      html.includes(`window.opener.postMessage(m,"${origin}")`),
      'addressed to the host page only',
    );

    // /v1/chat's verifier accepts it as it accepts a host page's own JWT.
    const stored = await tenantModel(app.database.connection).findById(tenant.id).lean();
    const owner = await verifyIdentity({ token: message.token }, stored!.identitySecret);
    assert.deepEqual(owner, { kind: 'user', id: 'emma@intranet.example' });
    const claims = decodeJwt(message.token);
    assert.deepEqual(claims.groups, ['nurses']);
    assert.equal(claims.iss, tenant.sp.entityId);
    assert.ok(claims.exp! - claims.iat! <= 8 * 3600);

    const [entry] = await app.auditEntries(tenant, 'sso.widget_login');
    assert.equal(entry?.actor.label, 'emma@intranet.example');
  });

  test('only for an allowed origin, and only when the tenant turned widget sign-in on', async (t) => {
    const { app, tenant } = await setup(t);
    const login = (origin: string, slug = tenant.slug) =>
      fetch(`${app.url}/auth/saml/${slug}/login?widget=${encodeURIComponent(origin)}`, {
        redirect: 'manual',
      });
    const evil = await login('https://evil.example');
    assert.equal(evil.status, 403);
    assert.equal(await errorCode(evil), 'PARLEY_ORIGIN_NOT_ALLOWED');
    assert.equal(await errorCode(await login('not an origin')), 'PARLEY_ORIGIN_NOT_ALLOWED');

    const off = await setup(t, { widgetLogin: false });
    const refused = await login(off.origin, off.tenant.slug);
    assert.equal(await errorCode(refused), 'PARLEY_SSO_NOT_ENABLED');
  });
});
