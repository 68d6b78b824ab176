import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '../../../src/logger';
import { meterReportModel } from '../../../src/models/meter-report';
import { MeterReporter } from '../../../src/services/billing/meter-reporter';
import { createStripeClient } from '../../../src/services/billing/stripe-client';
import { type BillingFixture, billingFixture } from './fixture';

const usage = { promptTokens: 5, completionTokens: 5 };

/** A Pro (metered) subscriber with `messages` answered today. */
async function meteredTenant(fx: BillingFixture, messages: number) {
  const tenant = await fx.newTenant('pro');
  await fx.billing.accounts.update(tenant, {
    $set: {
      stripeCustomerId: 'cus_meter',
      subscription: {
        id: 'sub_m',
        status: 'active',
        plan: 'pro',
        priceIds: ['price_parley_pro_monthly', 'price_parley_pro_messages'],
        currentPeriodEnd: null,
        cancelAtPeriodEnd: false,
      },
    },
  });
  for (let i = 0; i < messages; i++) await fx.billing.recordAnsweredMessage(tenant, usage);
  return tenant;
}

/** A second reporter on the same database and Stripe: what a restarted process would build. */
function restarted(fx: BillingFixture, hooks = {}) {
  return new MeterReporter({
    connection: fx.database.connection,
    stripe: createStripeClient(
      { secretKey: 'sk_test_parley', webhookSecret: undefined, apiUrl: fx.stripe.url },
      { maxNetworkRetries: 0 },
    )!,
    accounts: fx.billing.accounts,
    counters: fx.billing.counters,
    catalogue: fx.billing.catalogue,
    logger: createLogger('silent'),
    now: fx.clock.now,
    hooks,
  });
}

const total = (fx: BillingFixture) =>
  fx.stripe.meterEvents.reduce((n, e) => n + Number((e.payload as { value: string }).value), 0);

test('answered messages are reported as meter events with deterministic identifiers', async (t) => {
  const fx = await billingFixture(t);
  const tenant = await meteredTenant(fx, 3);
  const result = await fx.billing.meter!.runOnce();
  assert.deepEqual(result, { sent: 1, resent: 0, unmetered: 0, failed: 0 });
  const [call] = fx.stripe.calls('POST', '/v1/billing/meter_events');
  assert.equal(call?.params.event_name, 'parley_answered_messages');
  assert.deepEqual(call?.params.payload, { stripe_customer_id: 'cus_meter', value: '3' });
  assert.equal(call?.params.identifier, `parley-${tenant}-2026-11-20-1-3`);
  assert.equal(call?.idempotencyKey, call?.params.identifier);
  assert.equal(Number(call?.params.timestamp), fx.clock.seconds);

  // Nothing new: nothing sent. Two more messages: one event for exactly those two.
  assert.equal((await fx.billing.meter!.runOnce()).sent, 0);
  await fx.billing.recordAnsweredMessage(tenant, usage);
  await fx.billing.recordAnsweredMessage(tenant, usage);
  await fx.billing.meter!.runOnce();
  assert.equal(fx.stripe.meterEvents.at(-1)?.identifier, `parley-${tenant}-2026-11-20-4-5`);
  assert.equal(total(fx), 5);
});

test('a crash after Stripe recorded the event but before its answer arrived: reported once after restart', async (t) => {
  const fx = await billingFixture(t);
  const tenant = await meteredTenant(fx, 4);
  // The client retries a cut connection once by itself (same idempotency key); both are cut.
  fx.stripe.failNext('POST', /^\/v1\/billing\/meter_events$/, 'drop-after-apply');
  fx.stripe.failNext('POST', /^\/v1\/billing\/meter_events$/, 'drop-after-apply');
  const first = await fx.billing.meter!.runOnce();
  assert.equal(first.failed, 1);
  assert.deepEqual(
    fx.stripe.calls('POST', '/v1/billing/meter_events').map((c) => c.replayed),
    [false, true],
  );
  assert.equal(fx.stripe.meterEvents.length, 1); // Stripe has it; Parley does not know yet
  const report = await meterReportModel(fx.database.connection)
    .findOne({ tenantId: tenant })
    .lean();
  assert.equal(report?.pending?.value, 4);

  await fx.billing.recordAnsweredMessage(tenant, usage); // more usage meanwhile
  const after = await restarted(fx).runOnce();
  assert.equal(after.resent, 1);
  const calls = fx.stripe.calls('POST', '/v1/billing/meter_events');
  assert.equal(calls[2]?.params.identifier, calls[0]?.params.identifier);
  assert.equal(calls[2]?.replayed, true);
  assert.equal(total(fx), 5);
  assert.deepEqual(
    fx.stripe.meterEvents.map((e) => (e.payload as { value: string }).value),
    ['4', '1'],
  );
});

test('a crash after Stripe answered but before the acknowledgement was written: resent, counted once', async (t) => {
  const fx = await billingFixture(t);
  await meteredTenant(fx, 2);
  const crashing = restarted(fx, {
    afterSend: () => {
      throw new Error('process killed');
    },
  });
  await assert.rejects(crashing.runOnce(), /process killed/);
  assert.equal(fx.stripe.meterEvents.length, 1);
  const result = await restarted(fx).runOnce();
  assert.equal(result.resent, 1);
  assert.equal(fx.stripe.meterEvents.length, 1);
  assert.equal(total(fx), 2);
  assert.equal((await restarted(fx).runOnce()).sent, 0);
});

test('a Stripe outage leaves the event pending until a later run gets it through', async (t) => {
  const fx = await billingFixture(t);
  await meteredTenant(fx, 2);
  fx.stripe.failNext('POST', /meter_events/, 'error');
  assert.equal((await fx.billing.meter!.runOnce()).failed, 1);
  assert.equal(fx.stripe.meterEvents.length, 0);
  assert.equal((await fx.billing.meter!.runOnce()).resent, 1);
  assert.equal(total(fx), 2);
});

test('two instances running the job at once report once', async (t) => {
  const fx = await billingFixture(t);
  await meteredTenant(fx, 6);
  await Promise.all([
    restarted(fx).runOnce(),
    restarted(fx).runOnce(),
    fx.billing.meter!.runOnce(),
  ]);
  assert.equal(total(fx), 6);
  assert.equal(fx.stripe.meterEvents.length, 1);
});

test('usage of tenants without a metered subscription is never sent to the meter', async (t) => {
  const fx = await billingFixture(t);
  const tenant = await fx.newTenant();
  await fx.billing.setPlan(tenant, 'starter');
  await fx.billing.recordAnsweredMessage(tenant, usage);
  const result = await fx.billing.meter!.runOnce();
  assert.deepEqual(result, { sent: 0, resent: 0, unmetered: 1, failed: 0 });
  assert.equal(fx.stripe.calls('POST', '/v1/billing/meter_events').length, 0);
});

test("a past day's usage is stamped on that day", async (t) => {
  const fx = await billingFixture(t);
  await meteredTenant(fx, 1);
  fx.clock.advance(2 * 86_400_000);
  await fx.billing.meter!.runOnce();
  assert.equal(fx.stripe.meterEvents[0]?.timestamp, Date.parse('2026-11-20T23:59:59Z') / 1000);
});
