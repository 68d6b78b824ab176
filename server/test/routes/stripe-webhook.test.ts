import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditLogModel } from '../../src/models/audit-log';
import { stripeEventModel } from '../../src/models/stripe-event';
import { usageSummary } from '../../src/services/billing/views';
import { billingFixture, webhookSecret } from '../services/billing/fixture';
import { FakeStripe } from '../support/fake-stripe';
import { startApp } from '../support/start-app';

type Json = Record<string, unknown>;

async function setup(t: Parameters<typeof billingFixture>[0]) {
  const fx = await billingFixture(t);
  const { url } = await startApp(t, { database: fx.database, billing: fx.billing });
  const deliver = (
    event: Json,
    options: { secret?: string; timestamp?: number; header?: string | null; body?: string } = {},
  ) => {
    const body = options.body ?? JSON.stringify(event);
    const header =
      options.header === undefined
        ? FakeStripe.sign(
            JSON.stringify(event),
            options.secret ?? webhookSecret,
            options.timestamp ?? fx.clock.seconds,
          )
        : options.header;
    return fetch(`${url}/billing/stripe/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(header === null ? {} : { 'stripe-signature': header }),
      },
      body,
    });
  };
  const tenant = await fx.newTenant();
  fx.stripe.setSubscription({
    id: 'sub_1',
    customer: 'cus_1',
    status: 'active',
    prices: [
      { id: 'price_parley_pro_monthly', unitAmount: 19900 },
      { id: 'price_parley_pro_messages', unitAmount: null },
    ],
    metadata: { tenantId: tenant },
  });
  const completed = fx.stripe.event('checkout.session.completed', {
    id: 'cs_test_1',
    object: 'checkout.session',
    mode: 'subscription',
    client_reference_id: tenant,
    customer: 'cus_1',
    subscription: 'sub_1',
  });
  return { ...fx, url, deliver, tenant, completed };
}

const errorCode = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;

test('a valid checkout.session.completed upgrades the tenant from what Stripe says', async (t) => {
  const { deliver, completed, billing, tenant, stripe } = await setup(t);
  const res = await deliver(completed);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { received: true, duplicate: false });
  const state = await billing.accounts.account(tenant);
  assert.equal(state.plan, 'pro');
  assert.equal(state.stripeCustomerId, 'cus_1');
  assert.equal(state.subscription?.status, 'active');
  assert.deepEqual(state.mrr, { amount: 19900, currency: 'usd' });
  assert.equal((await billing.limits(tenant)).limits.ssoAllowed, true);
  assert.equal(stripe.calls('GET', '/v1/subscriptions/sub_1').length, 1);
});

test('missing, tampered, wrongly signed and stale deliveries are refused with 400 and change nothing', async (t) => {
  const { deliver, completed, billing, tenant, clock, database } = await setup(t);
  const missing = await deliver(completed, { header: null });
  assert.equal(missing.status, 400);
  assert.equal(await errorCode(missing), 'PARLEY_STRIPE_SIGNATURE_MISSING');

  const tampered = await deliver(completed, {
    body: JSON.stringify({ ...completed, id: 'evt_forged' }),
  });
  assert.equal(tampered.status, 400);
  assert.equal(await errorCode(tampered), 'PARLEY_STRIPE_SIGNATURE_INVALID');

  const wrongSecret = await deliver(completed, { secret: 'whsec_someone_else' });
  assert.equal(wrongSecret.status, 400);
  assert.equal(await errorCode(wrongSecret), 'PARLEY_STRIPE_SIGNATURE_INVALID');

  const stale = await deliver(completed, { timestamp: clock.seconds - 301 });
  assert.equal(stale.status, 400);
  assert.equal(await errorCode(stale), 'PARLEY_STRIPE_TIMESTAMP_STALE');

  assert.equal((await billing.accounts.account(tenant)).plan, 'free');
  assert.equal(await stripeEventModel(database.connection).countDocuments(), 0);
});

test('a duplicate delivery is acknowledged and not applied again', async (t) => {
  const { deliver, completed, stripe, database } = await setup(t);
  assert.equal((await deliver(completed)).status, 200);
  const again = await deliver(completed);
  assert.equal(again.status, 200);
  assert.deepEqual(await again.json(), { received: true, duplicate: true });
  assert.equal(stripe.calls('GET', '/v1/subscriptions/sub_1').length, 1);
  const record = await stripeEventModel(database.connection).findById(completed.id).lean();
  assert.equal(record?.status, 'done');
  assert.equal(record?.effect?.result, 'applied');
});

test('concurrent deliveries of one event apply it once', async (t) => {
  const { deliver, completed, stripe } = await setup(t);
  const responses = await Promise.all(Array.from({ length: 6 }, () => deliver(completed)));
  const statuses = responses.map((r) => r.status);
  const bodies = await Promise.all(responses.map((r) => r.json() as Promise<Json>));
  const processed = bodies.filter((b) => b.received === true && b.duplicate === false).length;
  assert.equal(processed, 1);
  // The others either saw the finished record (200 duplicate) or the live claim (409, Stripe retries).
  for (const [i, status] of statuses.entries()) {
    if (status === 409)
      assert.equal(
        (bodies[i] as { error: { code: string } }).error.code,
        'PARLEY_STRIPE_EVENT_IN_PROGRESS',
      );
    else assert.equal(status, 200);
  }
  assert.equal(stripe.calls('GET', '/v1/subscriptions/sub_1').length, 1);
  const retry = await deliver(completed);
  assert.deepEqual(await retry.json(), { received: true, duplicate: true });
});

test('out-of-order subscription events end in the state Stripe has now', async (t) => {
  const { deliver, completed, billing, tenant, stripe } = await setup(t);
  await deliver(completed);
  // The customer downgrades to Starter; Stripe sends updated(v2), but an older updated(v1) arrives last.
  const v1 = stripe.event(
    'customer.subscription.updated',
    { ...stripe.subscriptions.get('sub_1')!, status: 'active' },
    { created: 100 },
  );
  stripe.setSubscription({
    id: 'sub_1',
    customer: 'cus_1',
    status: 'active',
    prices: [{ id: 'price_parley_starter_monthly', unitAmount: 4900 }],
    metadata: { tenantId: tenant },
  });
  const v2 = stripe.event('customer.subscription.updated', stripe.subscriptions.get('sub_1')!, {
    created: 200,
  });
  assert.equal((await deliver(v2)).status, 200);
  assert.equal((await deliver(v1)).status, 200);
  const state = await billing.accounts.account(tenant);
  assert.equal(state.plan, 'starter');
  assert.deepEqual(state.subscription?.priceIds, ['price_parley_starter_monthly']);
  assert.deepEqual(state.mrr, { amount: 4900, currency: 'usd' });
});

test('a deleted subscription returns the tenant to the default plan', async (t) => {
  const { deliver, completed, billing, tenant, stripe } = await setup(t);
  await deliver(completed);
  const sub = stripe.setSubscription({
    id: 'sub_1',
    customer: 'cus_1',
    status: 'canceled',
    prices: [{ id: 'price_parley_pro_monthly', unitAmount: 19900 }],
  });
  assert.equal((await deliver(stripe.event('customer.subscription.deleted', sub))).status, 200);
  const state = await billing.accounts.account(tenant);
  assert.equal(state.plan, 'free');
  assert.equal(state.subscription?.status, 'canceled');
  assert.equal(state.mrr, null);
});

test("Stripe's plan changes are audited; a plan the operator assigned survives a cancellation", async (t) => {
  const { deliver, completed, billing, tenant, stripe, database } = await setup(t);
  await deliver(completed);
  const entries = await auditLogModel(database.connection)
    .find({ tenantId: tenant, action: 'billing.plan.change' })
    .lean();
  assert.equal(entries.length, 1);
  assert.equal(entries[0]?.actor.label, 'stripe');
  assert.deepEqual(entries[0]?.before, { plan: 'free' });
  assert.deepEqual(entries[0]?.after, { plan: 'pro', status: 'active' });

  // The operator moves the tenant to Enterprise by hand, then the old subscription is cancelled.
  await billing.setPlan(tenant, 'enterprise');
  const sub = stripe.setSubscription({
    id: 'sub_1',
    customer: 'cus_1',
    status: 'canceled',
    prices: [{ id: 'price_parley_pro_monthly', unitAmount: 19900 }],
  });
  assert.equal((await deliver(stripe.event('customer.subscription.deleted', sub))).status, 200);
  assert.equal((await billing.accounts.account(tenant)).plan, 'enterprise');
});

test('unknown event types are acknowledged with 200', async (t) => {
  const { deliver, stripe, database } = await setup(t);
  const event = stripe.event('customer.tax_id.created', { id: 'txi_1' });
  const res = await deliver(event);
  assert.equal(res.status, 200);
  const record = await stripeEventModel(database.connection).findById(event.id).lean();
  assert.equal(record?.effect?.result, 'ignored');
});

test('a failed payment starts dunning; after the grace period the tenant is held to Free limits, data kept', async (t) => {
  const { deliver, completed, billing, tenant, stripe, clock } = await setup(t);
  await deliver(completed);
  for (let i = 0; i < 3; i++)
    await billing.recordAnsweredMessage(tenant, { promptTokens: 1, completionTokens: 1 });
  const doc = await billing.assertIngestAllowed(tenant, 10_000);
  await doc.commit();

  stripe.setSubscription({
    id: 'sub_1',
    customer: 'cus_1',
    status: 'past_due',
    prices: [
      { id: 'price_parley_pro_monthly', unitAmount: 19900 },
      { id: 'price_parley_pro_messages', unitAmount: null },
    ],
  });
  const failed = stripe.event('invoice.payment_failed', {
    id: 'in_1',
    object: 'invoice',
    customer: 'cus_1',
    status: 'open',
    amount_due: 19900,
    currency: 'usd',
    hosted_invoice_url: 'https://invoice.stripe.test/in_1',
    parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_1' } },
  });
  assert.equal((await deliver(failed)).status, 200);
  let state = await billing.accounts.account(tenant);
  assert.equal(state.latestInvoice?.paid, false);
  assert.equal(state.latestInvoice?.hostedInvoiceUrl, 'https://invoice.stripe.test/in_1');
  assert.deepEqual(state.pastDueSince, clock.now());
  let limits = await billing.limits(tenant);
  assert.equal(limits.restricted, false);
  assert.equal(limits.limits.messagesPerMonth, 20000);

  clock.advance(7 * 86_400_000 + 1000);
  limits = await billing.limits(tenant);
  assert.equal(limits.restricted, true);
  assert.equal(limits.plan, 'pro');
  assert.equal(limits.limitsPlan, 'free');
  assert.equal(limits.limits.ssoAllowed, false);
  // Nothing was deleted: usage and stored documents are all still there.
  const summary = await usageSummary(billing, tenant, 30);
  assert.equal(summary.stored.documents, 1);
  assert.equal(
    summary.days.reduce((n, d) => n + d.messages, 0),
    3,
  );

  stripe.setSubscription({
    id: 'sub_1',
    customer: 'cus_1',
    status: 'active',
    prices: [
      { id: 'price_parley_pro_monthly', unitAmount: 19900 },
      { id: 'price_parley_pro_messages', unitAmount: null },
    ],
  });
  const paid = stripe.event(
    'invoice.paid',
    { ...(failed.data.object as Json), status: 'paid' },
    { created: clock.seconds },
  );
  assert.equal((await deliver(paid)).status, 200);
  state = await billing.accounts.account(tenant);
  assert.equal(state.pastDueSince, null);
  assert.equal(state.latestInvoice?.paid, true);
  assert.equal((await billing.limits(tenant)).restricted, false);
});

test('with Stripe not configured the webhook answers 501', async (t) => {
  const fx = await billingFixture(t, { stripe: false });
  const { url } = await startApp(t, { database: fx.database, billing: fx.billing });
  const res = await fetch(`${url}/billing/stripe/webhook`, {
    method: 'POST',
    body: '{}',
    headers: { 'stripe-signature': 't=1,v1=x' },
  });
  assert.equal(res.status, 501);
  assert.equal(await errorCode(res), 'PARLEY_BILLING_NOT_CONFIGURED');
});
