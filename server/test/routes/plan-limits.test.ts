import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asWidget, ConsoleClient, errorCode, startTenancy } from '../support/tenancy';

const operator = { email: 'ops@parley.example', password: 'operator-passphrase' };

/** Signs in the platform operator (created on first use). */
async function signInOperator(tenancy: Awaited<ReturnType<typeof startTenancy>>) {
  await tenancy.access.users.upsertOperator(operator);
  return ConsoleClient.signIn(tenancy.url, operator);
}

const limitOf = async (res: Response) =>
  ((await res.json()) as { error: { details?: { limit?: string } } }).error.details?.limit;

test('operator plan changes go through billing and the plan catalogue', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');
  const ops = await signInOperator(tenancy);
  const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);

  const unknown = await ops.request('PATCH', `/api/operator/tenants/${acme.id}`, {
    plan: 'platinum',
  });
  assert.equal(unknown.status, 400);
  assert.equal(await errorCode(unknown), 'PARLEY_BILLING_PLAN_UNAVAILABLE');
  assert.equal((await tenancy.access.tenants.get(acme.id)).plan, 'free', 'nothing changed');

  // Billing's view moves with it at once (its limits cache is invalidated by setPlan).
  const before = (await (await owner.request('GET', '/api/billing')).json()) as {
    plan: { id: string };
    limits: { seats: number | null };
  };
  assert.equal(before.plan.id, 'free');
  const res = await ops.request('PATCH', `/api/operator/tenants/${acme.id}`, { plan: 'pro' });
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { plan: string }).plan, 'pro');
  const after = (await (await owner.request('GET', '/api/billing')).json()) as typeof before;
  assert.equal(after.plan.id, 'pro');
  assert.equal(after.limits.seats, 25);

  const audit = (await (await owner.request('GET', '/api/audit?action=billing.')).json()) as {
    items: { action: string; before: { plan: string }; after: { plan: string } }[];
  };
  assert.equal(audit.items[0]?.action, 'billing.plan.set');
  assert.deepEqual([audit.items[0]?.before.plan, audit.items[0]?.after.plan], ['free', 'pro']);

  // Status and plan together.
  const both = await ops.request('PATCH', `/api/operator/tenants/${acme.id}`, {
    plan: 'starter',
    status: 'suspended',
  });
  assert.equal(both.status, 200);
  const tenant = await tenancy.access.tenants.get(acme.id);
  assert.deepEqual([tenant.plan, tenant.status], ['starter', 'suspended']);
});

test('inviting and re-enabling users needs a free seat on the plan', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');
  const ops = await signInOperator(tenancy);
  // The fixture gives four users (owner, admin, editor, viewer); Starter has five seats.
  await ops.request('PATCH', `/api/operator/tenants/${acme.id}`, { plan: 'starter' });
  const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);

  const fifth = await owner.request('POST', '/api/users', {
    email: 'fifth@acme.example',
    role: 'viewer',
  });
  assert.equal(fifth.status, 201);
  const sixth = await owner.request('POST', '/api/users', {
    email: 'sixth@acme.example',
    role: 'viewer',
  });
  assert.equal(sixth.status, 402);
  assert.equal(await limitOf(sixth), 'seats');
  assert.equal((await tenancy.access.users.list(acme.id)).length, 5, 'no account was created');

  // Disabling frees a seat; re-enabling needs one.
  const users = await tenancy.access.users.list(acme.id);
  const viewer = users.find((u) => u.email === acme.users.viewer.email)!;
  assert.equal(
    (await owner.request('PATCH', `/api/users/${viewer.id}`, { disabled: true })).status,
    200,
  );
  assert.equal(
    (await owner.request('POST', '/api/users', { email: 'sixth@acme.example', role: 'viewer' }))
      .status,
    201,
  );
  const again = await owner.request('PATCH', `/api/users/${viewer.id}`, { disabled: false });
  assert.equal(again.status, 402);
  assert.equal(await limitOf(again), 'seats');
  // Changing an active user's name takes no extra seat.
  const fifthId = users.find((u) => u.email === 'fifth@acme.example')!.id;
  assert.equal(
    (await owner.request('PATCH', `/api/users/${fifthId}`, { name: 'Fifth', disabled: false }))
      .status,
    200,
  );
});

test("allowed origins are capped by the plan's widgets limit; a list may always shrink", async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme', { origins: ['https://a.acme.example'] });
  const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);
  const patch = (allowedOrigins: string[]) =>
    owner.request('PATCH', '/api/tenant', { allowedOrigins });

  // Free: one widget origin.
  const second = await patch(['https://a.acme.example', 'https://b.acme.example']);
  assert.equal(second.status, 402);
  const { error } = (await second.json()) as {
    error: { message: string; details: { limit: string } };
  };
  assert.equal(error.details.limit, 'widgets');
  assert.equal(
    error.message,
    'The free plan allows 1 widget: each allowed origin is a widget site. Remove one or upgrade.',
  );
  assert.deepEqual((await tenancy.access.tenants.get(acme.id)).allowedOrigins, [
    'https://a.acme.example',
  ]);
  // Swapping one origin for another is not adding one.
  assert.equal((await patch(['https://b.acme.example'])).status, 200);
  // Loopback patterns match test keys only (development, the demo): no widget site.
  assert.equal(
    (await patch(['https://b.acme.example', 'http://localhost:*', 'http://127.0.0.1:*'])).status,
    200,
  );
  assert.equal((await patch(['https://b.acme.example'])).status, 200);

  const ops = await signInOperator(tenancy);
  await ops.request('PATCH', `/api/operator/tenants/${acme.id}`, { plan: 'starter' });
  const three = ['https://a.acme.example', 'https://b.acme.example', 'https://c.acme.example'];
  assert.equal((await patch(three)).status, 200);
  assert.equal((await patch([...three, 'https://d.acme.example'])).status, 402);

  // After a downgrade the tenant keeps its origins and may remove some.
  await ops.request('PATCH', `/api/operator/tenants/${acme.id}`, { plan: 'free' });
  assert.equal((await patch(three.slice(0, 2))).status, 200);
  assert.equal((await patch(three)).status, 402);
});

test('the "Powered by Parley" badge can be removed only on a plan with removeBadge', async (t) => {
  const tenancy = await startTenancy(t);
  const origin = 'https://intranet.acme.example';
  const acme = await tenancy.createTenant('acme', { origins: [origin] });
  const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);
  const ops = await signInOperator(tenancy);
  const poweredBy = async () => {
    const res = await asWidget(tenancy.url, acme.publishableKey, origin);
    assert.equal(res.status, 200);
    return ((await res.json()) as { widget: { poweredBy: boolean } }).widget.poweredBy;
  };

  assert.equal(await poweredBy(), true);
  const refused = await owner.request('PATCH', '/api/tenant', { widget: { poweredBy: false } });
  assert.equal(refused.status, 402);
  assert.equal(await errorCode(refused), 'PARLEY_PLAN_FEATURE_UNAVAILABLE');
  assert.equal(await poweredBy(), true);

  await ops.request('PATCH', `/api/operator/tenants/${acme.id}`, { plan: 'pro' });
  const off = await owner.request('PATCH', '/api/tenant', { widget: { poweredBy: false } });
  assert.equal(off.status, 200);
  assert.equal(await poweredBy(), false);

  // A downgrade brings the badge back, though the setting still says off.
  await ops.request('PATCH', `/api/operator/tenants/${acme.id}`, { plan: 'starter' });
  assert.equal((await tenancy.access.tenants.get(acme.id)).widget?.poweredBy, false);
  assert.equal(await poweredBy(), true);
  // Turning it back on is always allowed.
  assert.equal(
    (await owner.request('PATCH', '/api/tenant', { widget: { poweredBy: true } })).status,
    200,
  );
});
