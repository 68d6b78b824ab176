import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  consoleFromCookie,
  idpForm,
  postForm,
  sessionCookieOf,
  sharedIdpKeys,
  sharedSamlApp,
  uniqueSlug,
} from '../support/saml-app';
import { makeIdpKeys } from '../support/saml-keys';
import { TestIdp } from '../support/test-idp';

describe('SAML login: accepted', () => {
  const getApp = sharedSamlApp();
  test('redirect → IdP signs → POST ACS ends in the console with a session that authorises /api/*', async (t) => {
    const app = getApp();
    const tenant = await app.createTenant(uniqueSlug('northwind'));
    const idp = await TestIdp.start(t, { keys: await sharedIdpKeys() });
    await app.configure(tenant, idp, { groupRoles: [{ group: 'Parley Admins', role: 'admin' }] });
    idp.user = {
      nameId: 'alice@northwind.example',
      attributes: {
        email: 'alice@northwind.example',
        displayName: 'Alice Example',
        groups: ['Parley Admins', 'Everyone'],
      },
    };

    const form = await idpForm(app, tenant);
    assert.equal(form.action, tenant.sp.acsUrl);
    assert.equal(idp.requests[0]!.issuer, tenant.sp.entityId);
    assert.equal(idp.requests[0]!.acsUrl, tenant.sp.acsUrl);

    const acs = await postForm(form);
    assert.equal(acs.status, 303, await acs.clone().text());
    assert.equal(acs.headers.get('location'), '/admin');
    const cookie = sessionCookieOf(acs);
    assert.ok(cookie, 'a session cookie is set');
    assert.match(acs.headers.getSetCookie().join(), /HttpOnly/i);

    const alice = await consoleFromCookie(app.url, cookie);
    const session = (await (await alice.request('GET', '/api/auth/session')).json()) as Record<
      string,
      unknown
    >;
    assert.match(JSON.stringify(session), /alice@northwind\.example/);
    const settings = await alice.request('GET', '/api/sso/saml');
    assert.equal(settings.status, 200, 'the mapped admin role authorises sso:read');

    const [login] = await app.auditEntries(tenant, 'sso.login');
    assert.equal(login?.actor.label, 'alice@northwind.example');
    const [provision] = await app.auditEntries(tenant, 'sso.user.provision');
    assert.deepEqual(provision?.after, {
      email: 'alice@northwind.example',
      name: 'Alice Example',
      role: 'admin',
      disabled: false,
    });
  });

  test('accepts a response verified against a bare public key', async (t) => {
    const app = getApp();
    const tenant = await app.createTenant(uniqueSlug('northwind'));
    const idp = await TestIdp.start(t, { keys: await sharedIdpKeys() });
    const res = await tenant.owner.request('PUT', '/api/sso/saml', {
      idp: {
        entityId: idp.entityId,
        ssoUrl: idp.ssoUrl,
        signingCertificates: [idp.keys.publicKeyPem],
      },
      enabled: true,
      jitProvisioning: true,
      defaultRole: 'viewer',
    });
    assert.equal(res.status, 200);
    const acs = await postForm(await idpForm(app, tenant));
    assert.equal(acs.status, 303, await acs.clone().text());
    assert.ok(sessionCookieOf(acs));
  });

  test('certificate rotation: both listed certificates verify, the retired one stops', async (t) => {
    const app = getApp();
    const tenant = await app.createTenant(uniqueSlug('northwind'));
    const [current, next] = [await sharedIdpKeys(), await makeIdpKeys('next.idp.test')];
    const oldIdp = await TestIdp.start(t, {
      keys: current,
      entityId: 'https://idp.northwind.example',
    });
    const newIdp = await TestIdp.start(t, {
      keys: next,
      entityId: 'https://idp.northwind.example',
    });
    await app.configure(tenant, oldIdp, { metadataXml: oldIdp.metadataXml([next.certBase64]) });

    assert.equal((await postForm(await idpForm(app, tenant))).status, 303, 'current key');
    // The IdP switches to the next key: same entity, same SSO URL as configured (the old IdP's).
    oldIdp.signing = { keys: next };
    assert.equal((await postForm(await idpForm(app, tenant))).status, 303, 'next key');

    await app.configure(tenant, newIdp, {
      metadataXml: oldIdp.metadataXml().replace(current.certBase64, next.certBase64),
    });
    oldIdp.signing = { keys: current };
    const retired = await postForm(await idpForm(app, tenant));
    assert.equal(retired.status, 401);
  });

  test('IdP-initiated login when the tenant allows it', async (t) => {
    const app = getApp();
    const tenant = await app.createTenant(uniqueSlug('northwind'));
    const idp = await TestIdp.start(t, { keys: await sharedIdpKeys() });
    await app.configure(tenant, idp, { idpInitiated: true });
    const res = await postForm(
      idp.unsolicited({
        acsUrl: tenant.sp.acsUrl,
        audience: tenant.sp.entityId,
        relayState: '/admin/documents',
      }),
    );
    assert.equal(res.status, 303, await res.clone().text());
    assert.equal(res.headers.get('location'), '/admin/documents');
    assert.ok(sessionCookieOf(res));
    const [login] = await app.auditEntries(tenant, 'sso.login');
    assert.deepEqual(login?.after, { via: 'idp-initiated' });
  });

  test('returns to the requested console page, and never to another site', async (t) => {
    const app = getApp();
    const tenant = await app.createTenant(uniqueSlug('northwind'));
    const idp = await TestIdp.start(t, { keys: await sharedIdpKeys() });
    await app.configure(tenant, idp);
    const ok = await postForm(await idpForm(app, tenant, { query: '?returnTo=/admin/theme' }));
    assert.equal(ok.headers.get('location'), '/admin/theme');
    for (const evil of [
      'https://evil.example/',
      '//evil.example/admin',
      '/admin\\@evil.example',
      '/adminx',
    ]) {
      const res = await postForm(
        await idpForm(app, tenant, { query: `?returnTo=${encodeURIComponent(evil)}` }),
      );
      assert.equal(res.headers.get('location'), '/admin', evil);
    }
  });
});
