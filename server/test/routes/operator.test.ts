import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asWidget, ConsoleClient, errorCode, startTenancy } from '../support/tenancy';

test('operators manage tenants through /api/operator and hold no tenant permissions', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');
  await tenancy.access.users.upsertOperator({
    email: 'ops@parley.example',
    password: 'operator-passphrase',
  });
  const ops = await ConsoleClient.signIn(tenancy.url, {
    email: 'ops@parley.example',
    password: 'operator-passphrase',
  });
  const session = (await (await ops.request('GET', '/api/auth/session')).json()) as {
    operator: boolean;
    tenant: null;
  };
  assert.equal(session.operator, true);
  assert.equal(session.tenant, null);

  const created = await ops.request('POST', '/api/operator/tenants', {
    name: 'Globex',
    slug: 'globex',
    allowedOrigins: ['https://intranet.globex.example'],
    admin: { email: 'hank@globex.example', password: 'globex-passphrase' },
  });
  assert.equal(created.status, 201);
  const globex = (await created.json()) as {
    tenant: { id: string; slug: string };
    publishableKey: string;
    secretKey: string;
  };
  assert.match(globex.publishableKey, /^pk_live_/);
  assert.match(globex.secretKey, /^sk_live_/);
  assert.equal(
    (await asWidget(tenancy.url, globex.publishableKey, 'https://intranet.globex.example')).status,
    200,
  );
  await ConsoleClient.signIn(tenancy.url, {
    email: 'hank@globex.example',
    password: 'globex-passphrase',
  });
  const taken = await ops.request('POST', '/api/operator/tenants', {
    name: 'Again',
    slug: 'globex',
  });
  assert.equal(taken.status, 409);
  assert.equal(await errorCode(taken), 'PARLEY_TENANT_SLUG_TAKEN');

  const list = (await (await ops.request('GET', '/api/operator/tenants')).json()) as {
    items: { slug: string }[];
  };
  assert.deepEqual(list.items.map((x) => x.slug).sort(), ['acme', 'globex']);

  const suspended = await ops.request('PATCH', `/api/operator/tenants/${acme.id}`, {
    status: 'suspended',
  });
  assert.equal(((await suspended.json()) as { status: string }).status, 'suspended');
  assert.equal(
    (await asWidget(tenancy.url, acme.publishableKey, 'https://acme.example')).status,
    403,
  );
  await ops.request('PATCH', `/api/operator/tenants/${acme.id}`, { status: 'active' });
  assert.equal(
    (
      await ops.request('PATCH', '/api/operator/tenants/000000000000000000000000', {
        status: 'active',
      })
    ).status,
    404,
  );

  // The operator's actions are in the tenant's audit log.
  const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);
  const audit = (await (await owner.request('GET', '/api/audit?action=tenant.')).json()) as {
    items: { action: string; actor: { type: string } }[];
  };
  assert.deepEqual(
    audit.items.slice(0, 2).map((i) => [i.action, i.actor.type]),
    [
      ['tenant.activate', 'operator'],
      ['tenant.suspend', 'operator'],
    ],
  );

  // Operators are not tenant members, and tenant owners are not operators.
  assert.equal((await ops.request('GET', '/api/tenant')).status, 403);
  assert.equal((await owner.request('GET', '/api/operator/tenants')).status, 403);
  assert.equal((await fetch(`${tenancy.url}/api/operator/tenants`)).status, 401);
  const withKey = await fetch(`${tenancy.url}/api/operator/tenants`, {
    headers: { authorization: `Bearer ${acme.secretKey}` },
  });
  assert.equal(withKey.status, 403);
  assert.equal(
    (await ops.request('POST', '/api/operator/tenants', { name: 'X', slug: 'xx' }, { csrf: false }))
      .status,
    403,
    'CSRF',
  );
});
