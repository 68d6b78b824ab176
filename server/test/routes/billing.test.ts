import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryMailer } from '../../src/services/mail/mailer';
import { createAccessServices } from '../../src/services/tenants/access';
import { provisionTenant } from '../../src/services/tenants/provision';
import { type BillingFixture, billingFixture, webhookSecret } from '../services/billing/fixture';
import { FakeStripe } from '../support/fake-stripe';
import { startApp } from '../support/start-app';
import { ConsoleClient, errorCode } from '../support/tenancy';

type Json = Record<string, unknown>;

/** The app with billing on the fake Stripe, one tenant with an owner, an admin and a viewer. */
async function setup(t: Parameters<typeof billingFixture>[0], options: { stripe?: boolean } = {}) {
  const fx = await billingFixture(t, options);
  const mailer = new MemoryMailer();
  const { url } = await startApp(t, {
    database: fx.database,
    billing: fx.billing,
    tenancy: { mailer },
  });
  const access = createAccessServices({
    connection: fx.database.connection,
    publicUrl: url,
    mailer,
  });
  const created = await provisionTenant(
    access,
    {
      name: 'Acme Corp',
      slug: 'acme',
      allowedOrigins: ['https://acme.example'],
      mode: 'live',
      admin: { email: 'owner@acme.example', password: 'password-owner' },
    },
    { type: 'system', id: null, label: 'test' },
  );
  const tenantId = String(created.tenant._id);
  for (const role of ['admin', 'viewer'] as const) {
    await access.users.create(tenantId, {
      email: `${role}@acme.example`,
      role,
      password: `password-${role}`,
    });
  }
  const signIn = (role: 'owner' | 'admin' | 'viewer') =>
    ConsoleClient.signIn(url, { email: `${role}@acme.example`, password: `password-${role}` });
  return { ...fx, url, access, tenantId, signIn };
}

/** Completes a checkout the way Stripe would: the subscription exists and the webhook arrives. */
async function completeCheckout(
  fx: BillingFixture & { url: string; tenantId: string },
  customer: string,
) {
  fx.stripe.setSubscription({
    id: 'sub_acme',
    customer,
    status: 'active',
    prices: [
      { id: 'price_parley_pro_monthly', unitAmount: 19900 },
      { id: 'price_parley_pro_messages', unitAmount: null },
    ],
    metadata: { tenantId: fx.tenantId },
  });
  const event = fx.stripe.event('checkout.session.completed', {
    id: 'cs_test_done',
    object: 'checkout.session',
    mode: 'subscription',
    client_reference_id: fx.tenantId,
    customer,
    subscription: 'sub_acme',
  });
  const body = JSON.stringify(event);
  const res = await fetch(`${fx.url}/billing/stripe/webhook`, {
    method: 'POST',
    headers: { 'stripe-signature': FakeStripe.sign(body, webhookSecret, fx.clock.seconds) },
    body,
  });
  assert.equal(res.status, 200);
}

test('an owner upgrades through Checkout: the right parameters and idempotency keys reach Stripe', async (t) => {
  const fx = await setup(t);
  const owner = await fx.signIn('owner');
  const before = (await (await owner.request('GET', '/api/billing')).json()) as Json;
  assert.equal(before.enabled, true);
  assert.deepEqual(before.plan, { id: 'free', name: 'Free' });
  assert.equal(before.portalAvailable, false);
  assert.deepEqual(
    (before.plans as Json[]).map((p) => [p.id, p.purchasable]),
    [
      ['free', false],
      ['starter', true],
      ['pro', true],
      ['enterprise', false],
    ],
  );

  const headers = { 'idempotency-key': 'click-0001' };
  const res = await owner.request('POST', '/api/billing/checkout', { plan: 'pro' }, { headers });
  assert.equal(res.status, 200);
  const { url } = (await res.json()) as { url: string };
  assert.match(url, /^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);

  const [customer] = fx.stripe.calls('POST', '/v1/customers');
  assert.equal(customer?.idempotencyKey, `parley-customer-${fx.tenantId}`);
  assert.deepEqual(customer?.params, {
    name: 'Acme Corp',
    email: 'owner@acme.example',
    metadata: { tenantId: fx.tenantId },
  });
  const [session] = fx.stripe.calls('POST', '/v1/checkout/sessions');
  assert.equal(session?.idempotencyKey, `parley-checkout-${fx.tenantId}-pro-click-0001`);
  const customerId = [...fx.stripe.customers.keys()][0]!;
  assert.deepEqual(session?.params, {
    mode: 'subscription',
    customer: customerId,
    client_reference_id: fx.tenantId,
    line_items: [
      { price: 'price_parley_pro_monthly', quantity: '1' },
      { price: 'price_parley_pro_messages' },
    ],
    metadata: { tenantId: fx.tenantId, plan: 'pro' },
    subscription_data: { metadata: { tenantId: fx.tenantId, plan: 'pro' } },
    allow_promotion_codes: 'true',
    success_url:
      'https://parley.example.com/admin/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://parley.example.com/admin/billing?checkout=cancelled',
  });

  // A retried click (same key) gets the same session; the customer is not created twice.
  const again = await owner.request('POST', '/api/billing/checkout', { plan: 'pro' }, { headers });
  assert.equal(((await again.json()) as { url: string }).url, url);
  assert.equal(fx.stripe.calls('POST', '/v1/checkout/sessions')[1]?.replayed, true);
  assert.equal(fx.stripe.calls('POST', '/v1/customers').length, 1);

  await completeCheckout(fx, customerId);
  const after = (await (await owner.request('GET', '/api/billing')).json()) as Json;
  assert.deepEqual(after.plan, { id: 'pro', name: 'Pro' });
  assert.equal((after.subscription as Json).status, 'active');
  assert.equal(after.portalAvailable, true);
  const usage = (await (await owner.request('GET', '/api/usage?days=7')).json()) as Json;
  assert.equal((usage.limits as Json).messagesPerMonth, 20000);
  assert.equal((usage.days as Json[]).length, 7);
});

test('the portal opens for a customer, and a subscriber changing plan is sent to the portal, not a second subscription', async (t) => {
  const fx = await setup(t);
  const owner = await fx.signIn('owner');
  const early = await owner.request('POST', '/api/billing/portal', {});
  assert.equal(early.status, 409);
  assert.equal(await errorCode(early), 'PARLEY_BILLING_NO_CUSTOMER');

  await owner.request('POST', '/api/billing/checkout', { plan: 'pro' });
  const customerId = [...fx.stripe.customers.keys()][0]!;
  const portal = await owner.request('POST', '/api/billing/portal', {
    idempotencyKey: 'portal-0001',
  });
  assert.equal(portal.status, 200);
  assert.match(
    ((await portal.json()) as { url: string }).url,
    /^https:\/\/billing\.stripe\.test\//,
  );
  const [call] = fx.stripe.calls('POST', '/v1/billing_portal/sessions');
  assert.equal(call?.idempotencyKey, `parley-portal-${fx.tenantId}-manage-portal-0001`);
  assert.deepEqual(call?.params, {
    customer: customerId,
    return_url: 'https://parley.example.com/admin/billing',
  });

  await completeCheckout(fx, customerId);
  const change = await owner.request('POST', '/api/billing/checkout', { plan: 'starter' });
  assert.equal(change.status, 200);
  assert.equal(fx.stripe.calls('POST', '/v1/checkout/sessions').length, 1);
  const flow = fx.stripe.calls('POST', '/v1/billing_portal/sessions')[1];
  assert.deepEqual((flow!.params.flow_data as Json).subscription_update, {
    subscription: 'sub_acme',
  });
});

test('checkout refuses plans that cannot be bought and malformed input', async (t) => {
  const fx = await setup(t);
  const owner = await fx.signIn('owner');
  for (const plan of ['free', 'enterprise', 'platinum']) {
    const res = await owner.request('POST', '/api/billing/checkout', { plan });
    assert.equal(res.status, 400, plan);
    assert.equal(await errorCode(res), 'PARLEY_BILLING_PLAN_UNAVAILABLE');
  }
  const bad = await owner.request('POST', '/api/billing/checkout', { plan: 'Pro!', extra: 1 });
  assert.equal(await errorCode(bad), 'PARLEY_VALIDATION_FAILED');
  const badKey = await owner.request(
    'POST',
    '/api/billing/checkout',
    { plan: 'pro' },
    { headers: { 'idempotency-key': 'x' } },
  );
  assert.equal(await errorCode(badKey), 'PARLEY_VALIDATION_FAILED');
  assert.equal(fx.stripe.calls('POST', '/v1/checkout/sessions').length, 0);
});

test('a Stripe failure is a 502 with a generic message', async (t) => {
  const fx = await setup(t);
  const owner = await fx.signIn('owner');
  fx.stripe.failNext('POST', /^\/v1\/customers$/, 'error');
  const res = await owner.request('POST', '/api/billing/checkout', { plan: 'pro' });
  assert.equal(res.status, 502);
  assert.equal(await errorCode(res), 'PARLEY_BILLING_PROVIDER_FAILED');
});

test('only owners manage billing; admins read it; every role reads usage', async (t) => {
  const fx = await setup(t);
  const admin = await fx.signIn('admin');
  assert.equal((await admin.request('GET', '/api/billing')).status, 200);
  const checkout = await admin.request('POST', '/api/billing/checkout', { plan: 'pro' });
  assert.equal(checkout.status, 403);
  assert.equal(await errorCode(checkout), 'PARLEY_AUTH_FORBIDDEN');
  const viewer = await fx.signIn('viewer');
  assert.equal((await viewer.request('GET', '/api/billing')).status, 403);
  assert.equal((await viewer.request('GET', '/api/usage')).status, 200);
  assert.equal((await fetch(`${fx.url}/api/usage`)).status, 401);
  const tooLong = await viewer.request('GET', '/api/usage?days=400');
  assert.equal(await errorCode(tooLong), 'PARLEY_VALIDATION_FAILED');
});

test('without Stripe the billing page says billing is off and checkout answers 501', async (t) => {
  const fx = await setup(t, { stripe: false });
  const owner = await fx.signIn('owner');
  const overview = (await (await owner.request('GET', '/api/billing')).json()) as Json;
  assert.equal(overview.enabled, false);
  assert.ok((overview.plans as Json[]).every((p) => p.purchasable === false));
  const res = await owner.request('POST', '/api/billing/checkout', { plan: 'pro' });
  assert.equal(res.status, 501);
  assert.equal(await errorCode(res), 'PARLEY_BILLING_NOT_CONFIGURED');
});

test("operators see every tenant's plan and the MRR", async (t) => {
  const fx = await setup(t);
  const owner = await fx.signIn('owner');
  await owner.request('POST', '/api/billing/checkout', { plan: 'pro' });
  await completeCheckout(fx, [...fx.stripe.customers.keys()][0]!);
  await fx.access.users.upsertOperator({
    email: 'ops@parley.example',
    password: 'password-operator',
  });
  const ops = await ConsoleClient.signIn(fx.url, {
    email: 'ops@parley.example',
    password: 'password-operator',
  });
  const res = await ops.request('GET', '/api/operator/billing');
  assert.equal(res.status, 200);
  const body = (await res.json()) as { items: Json[]; mrr: Json[] };
  const acme = body.items.find((i) => (i.tenant as Json).slug === 'acme');
  assert.equal(acme?.plan, 'pro');
  assert.equal(acme?.subscriptionStatus, 'active');
  assert.deepEqual(body.mrr, [{ currency: 'usd', amount: 19900 }]);
  assert.equal((await owner.request('GET', '/api/operator/billing')).status, 403);
});
