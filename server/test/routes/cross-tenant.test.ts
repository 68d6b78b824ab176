import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asWidget, ConsoleClient, startTenancy, withSecretKey } from '../support/tenancy';

/**
 * Tenant A's admins (session and secret key) aim at tenant B with B's ids,
 * B's keys and B's origins. Every attempt must fail or stay inside A.
 */
test('cross-tenant attempts on every tenancy endpoint fail', async (t) => {
  const tenancy = await startTenancy(t);
  const a = await tenancy.createTenant('alpha');
  const b = await tenancy.createTenant('bravo');
  const bKey = (await tenancy.access.keys.list(b.id)).find((k) => k.kind === 'secret')!;
  const bUser = (await tenancy.access.users.list(b.id)).find((u) => u.role === 'viewer')!;
  const bTenantBefore = await tenancy.access.tenants.get(b.id);
  const owner = await ConsoleClient.signIn(tenancy.url, a.users.owner);
  // Each attempt runs as A's owner session and as A's secret key.
  const asA = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => [
    await owner.request(method, path, body, { headers }),
    await fetch(`${tenancy.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${a.secretKey}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  ];

  await t.test("reads return A's data whatever ids the request names", async () => {
    for (const path of [`/api/tenant?tenantId=${b.id}`, `/api/tenant?id=${b.id}&slug=bravo`]) {
      for (const res of await asA('GET', path, undefined, { 'x-parley-tenant': b.id })) {
        assert.equal(((await res.json()) as { id: string }).id, a.id);
      }
    }
    for (const res of await asA('GET', `/api/keys?tenantId=${b.id}`)) {
      const text = await res.text();
      assert.ok(!text.includes(bKey.id) && !text.includes(b.publishableKey), 'no B keys');
    }
    const users = await (await owner.request('GET', `/api/users?tenantId=${b.id}`)).text();
    assert.ok(!users.includes('bravo.example'));
    for (const res of await asA('GET', '/api/tenant/embed'))
      assert.ok(!(await res.text()).includes(b.publishableKey));
    const audit = await (
      await owner.request('GET', `/api/audit?limit=200&tenantId=${b.id}`)
    ).text();
    assert.ok(!audit.includes('bravo'), 'no B audit entries');
  });

  await t.test("PATCH /api/tenant with B's ids changes only A", async () => {
    const body = { id: b.id, _id: b.id, tenantId: b.id, name: 'Renamed by A' };
    for (const res of await asA('PATCH', '/api/tenant', body)) {
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { id: string }).id, a.id);
    }
    const bAfter = await tenancy.access.tenants.get(b.id);
    assert.equal(bAfter.name, bTenantBefore.name);
    assert.equal((await tenancy.access.tenants.get(a.id)).name, 'Renamed by A');
  });

  await t.test("B's key and user ids are not found for A", async () => {
    for (const [method, path, body] of [
      ['POST', `/api/keys/${bKey.id}/rotate`, { graceSeconds: 0 }],
      ['POST', `/api/keys/${bKey.id}/revoke`, undefined],
      ['DELETE', `/api/keys/${bKey.id}`, undefined],
      ['PATCH', `/api/users/${bUser.id}`, { role: 'owner' }],
      ['PATCH', `/api/users/${bUser.id}`, { disabled: true }],
    ] as const) {
      for (const res of await asA(method, path, body)) {
        assert.ok([403, 404].includes(res.status), `${method} ${path}: ${res.status}`);
      }
    }
    assert.equal((await owner.request('POST', `/api/users/${bUser.id}/invitation`)).status, 404);
    // B is untouched: its secret key works and its viewer is still a viewer.
    assert.equal((await withSecretKey(tenancy.url, b.secretKey, 'GET', '/api/tenant')).status, 200);
    const viewer = (await tenancy.access.users.list(b.id)).find((u) => u.id === bUser.id)!;
    assert.equal(viewer.role, 'viewer');
    assert.equal(viewer.status, 'active');
  });

  await t.test("A cannot invite into B or sign into B with A's password", async () => {
    const res = await owner.request('POST', '/api/users', {
      email: 'x@bravo.example',
      role: 'viewer',
      tenantId: b.id,
    });
    assert.equal(res.status, 400, 'unknown fields refused');
    const signIn = await fetch(`${tenancy.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...a.users.owner, tenant: 'bravo' }),
    });
    assert.equal(signIn.status, 401);
  });

  await t.test(
    "widget: a tenant's key with another's origin, and keys of the wrong kind, fail",
    async () => {
      assert.equal(
        (await asWidget(tenancy.url, a.publishableKey, 'https://bravo.example')).status,
        403,
      );
      assert.equal(
        (await asWidget(tenancy.url, b.publishableKey, 'https://alpha.example')).status,
        403,
      );
      assert.equal((await asWidget(tenancy.url, a.secretKey, 'https://alpha.example')).status, 401);
      assert.equal(
        (await withSecretKey(tenancy.url, b.publishableKey, 'GET', '/api/tenant')).status,
        401,
      );
      const chat = await fetch(`${tenancy.url}/v1/chat`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-parley-key': a.publishableKey,
          origin: 'https://bravo.example',
        },
        body: JSON.stringify({ message: 'hello' }),
      });
      assert.equal(chat.status, 403);
    },
  );
});
