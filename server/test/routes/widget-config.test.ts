import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiKeyModel } from '../../src/models/api-key';
import { makeIdpKeys } from '../support/saml-keys';
import { asWidget, ConsoleClient, errorCode, startTenancy } from '../support/tenancy';

test('GET /v1/widget/config: keys, origins, tenants and CORS', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme', {
    origins: ['https://intranet.acme.example', 'https://*.hr.acme.example', 'http://localhost:*'],
  });
  const beta = await tenancy.createTenant('beta');
  const origin = 'https://intranet.acme.example';

  await t.test(
    'returns public settings and theme (no persona) with CORS for exactly that origin',
    async () => {
      await tenancy.access.tenants.update(acme.id, {
        widget: { persona: 'internal: be terse', botName: 'Acme Helper' },
      });
      const res = await asWidget(tenancy.url, acme.publishableKey, origin);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
      assert.match(res.headers.get('vary') ?? '', /Origin/);
      const body = (await res.json()) as Record<string, Record<string, unknown>>;
      assert.deepEqual(body.tenant, { name: 'acme Inc', slug: 'acme' });
      assert.equal(body.widget!.botName, 'Acme Helper');
      assert.equal('persona' in body.widget!, false);
      for (const field of [
        'greeting',
        'starters',
        'placeholder',
        'position',
        'locale',
        'avatarUrl',
        'linkTarget',
        'poweredBy',
      ]) {
        assert.ok(field in body.widget!, field);
      }
      const theme = body.theme as {
        version: number;
        variables: Record<string, string>;
        dark: object;
        fontUrl: null;
      };
      assert.equal(typeof theme.version, 'number');
      assert.match(theme.variables['--parley-color-primary'] ?? '', /^#[0-9a-f]{6}$/i);
      assert.equal(theme.fontUrl, null);
    },
  );

  await t.test(
    'answers 304 to a matching If-None-Match, and a new ETag after a change',
    async () => {
      const first = await asWidget(tenancy.url, acme.publishableKey, origin);
      const etag = first.headers.get('etag')!;
      assert.match(etag, /^"[\w-]+"$/);
      assert.match(first.headers.get('cache-control') ?? '', /private/);
      const again = await asWidget(tenancy.url, acme.publishableKey, origin, undefined, {
        headers: { 'if-none-match': etag },
      });
      assert.equal(again.status, 304);
      await tenancy.access.tenants.update(acme.id, { widget: { greeting: 'Hello again' } });
      const changed = await asWidget(tenancy.url, acme.publishableKey, origin, undefined, {
        headers: { 'if-none-match': etag },
      });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), etag);
    },
  );

  await t.test('refuses missing, malformed, unknown and secret keys with 401', async () => {
    const missing = await fetch(`${tenancy.url}/v1/widget/config`, { headers: { origin } });
    assert.equal(missing.status, 401);
    assert.equal(await errorCode(missing), 'PARLEY_AUTH_KEY_MISSING');
    for (const key of ['nonsense', 'pk_live_doesnotexist00000000', acme.secretKey]) {
      const res = await asWidget(tenancy.url, key, origin);
      assert.equal(res.status, 401, key);
      assert.equal(await errorCode(res), 'PARLEY_AUTH_KEY_INVALID');
      assert.equal(res.headers.get('access-control-allow-origin'), null);
    }
  });

  await t.test(
    'deny by default: other origins, missing Origin and forged Origins get 403 without CORS',
    async () => {
      for (const bad of [
        'https://evil.example',
        'https://intranet.acme.example.evil.io',
        'http://intranet.acme.example',
        'https://hr.acme.example',
        'null',
        'https://intranet.acme.example/x',
      ]) {
        const res = await asWidget(tenancy.url, acme.publishableKey, bad);
        assert.equal(res.status, 403, bad);
        assert.equal(await errorCode(res), 'PARLEY_ORIGIN_NOT_ALLOWED');
        assert.equal(res.headers.get('access-control-allow-origin'), null, bad);
      }
      const none = await asWidget(tenancy.url, acme.publishableKey, undefined);
      assert.equal(none.status, 403);
    },
  );

  await t.test('wildcards admit subdomains; localhost only with test keys', async () => {
    assert.equal(
      (await asWidget(tenancy.url, acme.publishableKey, 'https://benefits.hr.acme.example')).status,
      200,
    );
    assert.equal(
      (await asWidget(tenancy.url, acme.publishableKey, 'http://localhost:5173')).status,
      403,
      'live key',
    );
    const { secret: testKey } = await tenancy.access.keys.create(acme.id, {
      kind: 'publishable',
      mode: 'test',
    });
    const local = await asWidget(tenancy.url, testKey, 'http://localhost:5173');
    assert.equal(local.status, 200);
    assert.equal(local.headers.get('access-control-allow-origin'), 'http://localhost:5173');
  });

  await t.test(
    'a same-origin GET without Origin is judged by the server origin (Sec-Fetch-Site)',
    async () => {
      const { secret: testKey } = await tenancy.access.keys.create(acme.id, {
        kind: 'publishable',
        mode: 'test',
      });
      const res = await asWidget(tenancy.url, testKey, undefined, undefined, {
        headers: { 'sec-fetch-site': 'same-origin' },
      });
      // The test server is http://127.0.0.1:<port>, not in acme's list: refused.
      assert.equal(res.status, 403);
      await tenancy.access.tenants.update(acme.id, {
        allowedOrigins: [origin, 'http://127.0.0.1:*'],
      });
      const allowed = await asWidget(tenancy.url, testKey, undefined, undefined, {
        headers: { 'sec-fetch-site': 'same-origin' },
      });
      assert.equal(allowed.status, 200);
      const crossSite = await asWidget(tenancy.url, testKey, undefined, undefined, {
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(crossSite.status, 403);
    },
  );

  await t.test(
    "cross-tenant: a tenant's key never works from another tenant's origin",
    async () => {
      assert.equal((await asWidget(tenancy.url, beta.publishableKey, origin)).status, 403);
      assert.equal(
        (await asWidget(tenancy.url, acme.publishableKey, 'https://beta.example')).status,
        403,
      );
      const betaConfig = await asWidget(tenancy.url, beta.publishableKey, 'https://beta.example');
      assert.equal(((await betaConfig.json()) as { tenant: { slug: string } }).tenant.slug, 'beta');
    },
  );

  await t.test(
    'revoked keys fail at once; rotated keys work until the grace period ends',
    async () => {
      const { key, secret } = await tenancy.access.keys.create(beta.id, {
        kind: 'publishable',
        mode: 'live',
      });
      assert.equal((await asWidget(tenancy.url, secret, 'https://beta.example')).status, 200);
      await tenancy.access.keys.revoke(beta.id, key.id);
      assert.equal((await asWidget(tenancy.url, secret, 'https://beta.example')).status, 401);

      const old = await tenancy.access.keys.create(beta.id, { kind: 'publishable', mode: 'live' });
      const { created } = await tenancy.access.keys.rotate(beta.id, old.key.id, {
        graceSeconds: 3600,
      });
      assert.equal(
        (await asWidget(tenancy.url, old.secret, 'https://beta.example')).status,
        200,
        'old key in grace',
      );
      assert.equal(
        (await asWidget(tenancy.url, created.secret, 'https://beta.example')).status,
        200,
        'new key',
      );
      // The grace period ends (moved into the past rather than waited for).
      await apiKeyModel(tenancy.database.connection).updateOne(
        { _id: old.key.id },
        { $set: { expiresAt: new Date(Date.now() - 1000) } },
      );
      assert.equal(
        (await asWidget(tenancy.url, old.secret, 'https://beta.example')).status,
        401,
        'old key after grace',
      );
      assert.equal(
        (await asWidget(tenancy.url, created.secret, 'https://beta.example')).status,
        200,
      );
    },
  );

  await t.test('suspended tenants get 403 on every key', async () => {
    await tenancy.access.tenants.setAdmin(beta.id, { status: 'suspended' });
    const res = await asWidget(tenancy.url, beta.publishableKey, 'https://beta.example');
    assert.equal(res.status, 403);
    assert.equal(await errorCode(res), 'PARLEY_TENANT_SUSPENDED');
    await tenancy.access.tenants.setAdmin(beta.id, { status: 'active' });
    assert.equal(
      (await asWidget(tenancy.url, beta.publishableKey, 'https://beta.example')).status,
      200,
    );
  });

  await t.test(
    'CORS preflight for /v1/* reflects the one requesting origin and the widget headers',
    async () => {
      const res = await fetch(`${tenancy.url}/v1/chat`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers':
            'content-type, x-parley-key, last-event-id, x-parley-visitor, x-evil',
        },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
      assert.equal(
        res.headers.get('access-control-allow-headers'),
        'content-type, x-parley-key, last-event-id, x-parley-visitor',
      );
      assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
      assert.notEqual(res.headers.get('access-control-allow-origin'), '*');
      const bogus = await fetch(`${tenancy.url}/v1/widget/config`, {
        method: 'OPTIONS',
        headers: { origin: 'null', 'access-control-request-method': 'GET' },
      });
      assert.equal(bogus.status, 204);
      assert.equal(bogus.headers.get('access-control-allow-origin'), null);
    },
  );
});

test('GET /v1/widget/config: sso.loginPath exactly while widget sign-in is open', async (t) => {
  const tenancy = await startTenancy(t);
  // Plans with SSO: enabling it goes through billing's gate in PUT /api/sso/saml.
  const acme = await tenancy.createTenant('acme', { plan: 'enterprise' });
  const beta = await tenancy.createTenant('beta', { plan: 'enterprise' });
  const acmeOrigin = 'https://acme.example';
  const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);
  const { certPem } = await makeIdpKeys('idp.acme.example');
  const idp = {
    entityId: 'https://idp.acme.example/saml',
    ssoUrl: 'https://idp.acme.example/saml/sso',
    signingCertificates: [certPem],
  };
  const setSso = async (body: Record<string, unknown>) => {
    const res = await owner.request('PUT', '/api/sso/saml', body);
    assert.equal(res.status, 200, await res.text());
  };
  const config = async (tenant = acme, origin = acmeOrigin) => {
    const res = await asWidget(tenancy.url, tenant.publishableKey, origin);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { sso: { loginPath: string } | null };
    return { sso: body.sso, etag: res.headers.get('etag')! };
  };
  // What the widget's popup would get from the login path the config names.
  const popup = (path = '/auth/saml/acme/login') =>
    fetch(`${tenancy.url}${path}?widget=${encodeURIComponent(acmeOrigin)}`, {
      redirect: 'manual',
    });

  await t.test('null by default, and while an IdP is configured but SSO is off', async () => {
    assert.equal((await config()).sso, null);
    assert.equal((await config(beta, 'https://beta.example')).sso, null);
    await setSso({ idp, widgetLogin: true });
    assert.equal((await config()).sso, null);
    assert.equal(await errorCode(await popup()), 'PARLEY_SSO_NOT_ENABLED');
  });

  await t.test('the login path once SSO and widget sign-in are on; the ETag changes', async () => {
    const before = await config();
    await setSso({ enabled: true, widgetLogin: true });
    const after = await config();
    assert.deepEqual(after.sso, { loginPath: '/auth/saml/acme/login' });
    assert.notEqual(after.etag, before.etag);
    const revalidated = await asWidget(tenancy.url, acme.publishableKey, acmeOrigin, undefined, {
      headers: { 'if-none-match': before.etag },
    });
    assert.equal(revalidated.status, 200);
    // The path leads to the IdP, as the widget will open it.
    const started = await popup(after.sso!.loginPath);
    assert.equal(started.status, 302);
    assert.ok(started.headers.get('location')?.startsWith(idp.ssoUrl));
  });

  await t.test("another tenant's settings never show", async () => {
    assert.equal((await config(beta, 'https://beta.example')).sso, null);
    // beta's key from acme's origin is refused before any settings are read.
    assert.equal((await asWidget(tenancy.url, beta.publishableKey, acmeOrigin)).status, 403);
  });

  await t.test('null with SSO on but widget sign-in off', async () => {
    await setSso({ widgetLogin: false });
    assert.equal((await config()).sso, null);
    assert.equal(await errorCode(await popup()), 'PARLEY_SSO_NOT_ENABLED');
  });

  await t.test('null once SSO is disabled, even with widget sign-in on', async () => {
    await setSso({ widgetLogin: true });
    assert.deepEqual((await config()).sso, { loginPath: '/auth/saml/acme/login' });
    await setSso({ enabled: false });
    assert.equal((await config()).sso, null);
    assert.equal(await errorCode(await popup()), 'PARLEY_SSO_NOT_ENABLED');
  });
});
