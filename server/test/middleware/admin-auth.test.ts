import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Permission, type Role, roleHas, roles } from '../../src/services/auth/permissions';
import { ConsoleClient, errorCode, startTenancy, withSecretKey } from '../support/tenancy';

/** Every tenancy admin route, the permission it needs, and a request that passes validation. */
const routes: { method: string; path: string; permission: Permission; body?: unknown }[] = [
  { method: 'GET', path: '/api/tenant', permission: 'tenant:read' },
  {
    method: 'PATCH',
    path: '/api/tenant',
    permission: 'tenant:write',
    body: { widget: { greeting: 'Hi' } },
  },
  { method: 'GET', path: '/api/tenant/embed', permission: 'tenant:read' },
  { method: 'GET', path: '/api/keys', permission: 'keys:read' },
  { method: 'POST', path: '/api/keys', permission: 'keys:write', body: { kind: 'publishable' } },
  { method: 'GET', path: '/api/users', permission: 'users:read' },
  {
    method: 'POST',
    path: '/api/users',
    permission: 'users:write',
    body: { email: 'new-{role}@x.example', role: 'viewer' },
  },
  { method: 'GET', path: '/api/audit', permission: 'audit:read' },
];

test('the role table is enforced on every route', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme', { plan: 'enterprise' });
  const clients = {} as Record<Role, ConsoleClient>;
  for (const role of roles)
    clients[role] = await ConsoleClient.signIn(tenancy.url, acme.users[role]);

  for (const route of routes) {
    await t.test(`${route.method} ${route.path} needs ${route.permission}`, async () => {
      for (const role of roles) {
        const body = route.body && JSON.parse(JSON.stringify(route.body).replace('{role}', role));
        const res = await clients[role].request(route.method, route.path, body);
        if (roleHas(role, route.permission)) {
          assert.ok(res.status < 300, `${role} should pass, got ${res.status} ${await res.text()}`);
        } else {
          assert.equal(res.status, 403, `${role} should be refused`);
          assert.equal(await errorCode(res), 'PARLEY_AUTH_FORBIDDEN');
        }
      }
      const anonymous = await fetch(`${tenancy.url}${route.path}`, { method: route.method });
      assert.equal(anonymous.status, 401);
      assert.equal(await errorCode(anonymous), 'PARLEY_AUTH_REQUIRED');
    });
  }

  await t.test('secret keys act as admin minus keys and users management', async () => {
    assert.equal(
      (await withSecretKey(tenancy.url, acme.secretKey, 'GET', '/api/keys')).status,
      200,
    );
    assert.equal(
      (await withSecretKey(tenancy.url, acme.secretKey, 'PATCH', '/api/tenant', { name: 'Acme' }))
        .status,
      200,
    );
    const mint = await withSecretKey(tenancy.url, acme.secretKey, 'POST', '/api/keys', {
      kind: 'secret',
    });
    assert.equal(mint.status, 403);
    const invite = await withSecretKey(tenancy.url, acme.secretKey, 'POST', '/api/users', {
      email: 'x@x.example',
      role: 'owner',
    });
    assert.equal(invite.status, 403);
  });

  await t.test('a scoped secret key holds only its scopes', async () => {
    const { secret } = await tenancy.access.keys.create(acme.id, {
      kind: 'secret',
      mode: 'live',
      scopes: ['tenant:read'],
    });
    assert.equal((await withSecretKey(tenancy.url, secret, 'GET', '/api/tenant')).status, 200);
    assert.equal(
      (await withSecretKey(tenancy.url, secret, 'PATCH', '/api/tenant', { name: 'X' })).status,
      403,
    );
    assert.equal((await withSecretKey(tenancy.url, secret, 'GET', '/api/audit')).status, 403);
  });

  await t.test('bad bearer credentials are refused outright', async () => {
    for (const authorization of [
      'Bearer sk_live_nope00000000000',
      `Bearer ${acme.publishableKey}`,
      'Basic abc',
      `Bearer ${acme.secretKey}x`,
    ]) {
      const res = await fetch(`${tenancy.url}/api/tenant`, { headers: { authorization } });
      assert.equal(res.status, 401, authorization);
      assert.equal(await errorCode(res), 'PARLEY_AUTH_KEY_INVALID');
    }
  });
});

test('CSRF: session changes need the session token; reads and bearer calls do not', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');
  const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);

  for (const [method, path, body] of [
    ['PATCH', '/api/tenant', { name: 'Hijacked' }],
    ['POST', '/api/keys', { kind: 'secret' }],
    ['POST', '/api/users', { email: 'attacker@evil.example', role: 'owner' }],
    ['POST', '/api/auth/logout', undefined],
  ] as const) {
    const without = await owner.request(method, path, body, { csrf: false });
    assert.equal(without.status, 403, `${method} ${path} without token`);
    assert.equal(await errorCode(without), 'PARLEY_AUTH_CSRF_FAILED');
    const wrong = await owner.request(method, path, body, {
      csrf: false,
      headers: { 'x-csrf-token': 'x'.repeat(43) },
    });
    assert.equal(wrong.status, 403, `${method} ${path} with a wrong token`);
  }
  const tenant = (await (await owner.request('GET', '/api/tenant')).json()) as { name: string };
  assert.equal(tenant.name, 'acme Inc', 'nothing changed');
  assert.equal((await owner.request('GET', '/api/tenant', undefined, { csrf: false })).status, 200);

  // Another session's token does not work for this one.
  const admin = await ConsoleClient.signIn(tenancy.url, acme.users.admin);
  const crossed = await owner.request(
    'PATCH',
    '/api/tenant',
    { name: 'X' },
    { csrf: false, headers: { 'x-csrf-token': admin.csrfToken } },
  );
  assert.equal(crossed.status, 403);
  assert.equal((await owner.request('PATCH', '/api/tenant', { name: 'Acme' })).status, 200);
  assert.equal(
    (await withSecretKey(tenancy.url, acme.secretKey, 'PATCH', '/api/tenant', { name: 'Acme 2' }))
      .status,
    200,
  );

  // Sign-in from another site is refused (login CSRF); same-site and non-browser clients pass.
  const forged = await fetch(`${tenancy.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    body: JSON.stringify(acme.users.owner),
  });
  assert.equal(forged.status, 403);
  assert.equal(await errorCode(forged), 'PARLEY_AUTH_CSRF_FAILED');
  const sameSite = await fetch(`${tenancy.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: tenancy.url },
    body: JSON.stringify(acme.users.owner),
  });
  assert.equal(sameSite.status, 200);
});
