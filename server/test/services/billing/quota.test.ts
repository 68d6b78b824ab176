import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParleyError } from '../../../src/errors';
import { usageSummary } from '../../../src/services/billing/views';
import { billingFixture } from './fixture';

const isCode = (code: string) => (e: unknown) => e instanceof ParleyError && e.code === code;
const usage = { promptTokens: 12, completionTokens: 30 };

test('the message that would cross the monthly limit is refused before any model call', async (t) => {
  const { billing, newTenant } = await billingFixture(t, { stripe: false });
  const tenant = await newTenant();
  await billing.setPlan(tenant, 'free', { messagesPerMonth: 3 });
  for (let i = 0; i < 3; i++) {
    const reservation = await billing.assertChatAllowed(tenant);
    await billing.recordAnsweredMessage(tenant, usage, reservation);
  }
  await assert.rejects(billing.assertChatAllowed(tenant), (e) => {
    assert.ok(e instanceof ParleyError);
    assert.equal(e.code, 'PARLEY_CHAT_QUOTA_EXCEEDED');
    assert.equal(e.status, 402);
    assert.match(e.message, /3 messages/);
    return true;
  });
  const summary = await usageSummary(billing, tenant, 1);
  assert.equal(summary.month.messages, 3);
  assert.equal(summary.days[0]?.messages, 3);
  assert.equal(summary.days[0]?.completionTokens, 90);
});

test('concurrent requests racing for the last messages get exactly the quota', async (t) => {
  const { billing, newTenant } = await billingFixture(t, { stripe: false });
  const tenant = await newTenant();
  await billing.setPlan(tenant, 'free', { messagesPerMonth: 5 });
  const results = await Promise.allSettled(
    Array.from({ length: 12 }, () => billing.assertChatAllowed(tenant)),
  );
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 5);
  for (const r of results) {
    if (r.status === 'rejected') assert.ok(isCode('PARLEY_CHAT_QUOTA_EXCEEDED')(r.reason));
  }
});

test('a released reservation (no answer delivered) gives its message back', async (t) => {
  const { billing, newTenant } = await billingFixture(t, { stripe: false });
  const tenant = await newTenant();
  await billing.setPlan(tenant, 'free', { messagesPerMonth: 1 });
  const first = await billing.assertChatAllowed(tenant);
  await assert.rejects(billing.assertChatAllowed(tenant), isCode('PARLEY_CHAT_QUOTA_EXCEEDED'));
  await first.release();
  await first.release(); // settling twice does nothing
  const second = await billing.assertChatAllowed(tenant);
  await second.commit(usage);
  await second.release(); // already committed: stays counted
  await assert.rejects(billing.assertChatAllowed(tenant), isCode('PARLEY_CHAT_QUOTA_EXCEEDED'));
  assert.equal((await usageSummary(billing, tenant, 1)).days[0]?.messages, 1);
});

test('the soft-limit grace answers past the limit, then refuses; the quota resets next month', async (t) => {
  const { billing, newTenant, clock } = await billingFixture(t, { stripe: false });
  const tenant = await newTenant();
  await billing.setPlan(tenant, 'starter', { messagesPerMonth: 10, softLimitGracePercent: 20 });
  for (let i = 0; i < 12; i++) await billing.assertChatAllowed(tenant);
  await assert.rejects(billing.assertChatAllowed(tenant), isCode('PARLEY_CHAT_QUOTA_EXCEEDED'));
  clock.at = new Date('2026-12-01T00:00:01Z');
  await billing.assertChatAllowed(tenant);
});

test('admins are notified once at 80% and once at 100%', async (t) => {
  const { billing, newTenant, notices } = await billingFixture(t, { stripe: false });
  const tenant = await newTenant();
  await billing.setPlan(tenant, 'free', { messagesPerMonth: 10 });
  await Promise.all(Array.from({ length: 10 }, () => billing.assertChatAllowed(tenant)));
  await assert.rejects(billing.assertChatAllowed(tenant));
  assert.deepEqual(
    notices.map((n) => [n.metric, n.percent, n.limit, n.period]),
    [
      ['messagesPerMonth', 80, 10, '2026-11'],
      ['messagesPerMonth', 100, 10, '2026-11'],
    ],
  );
  assert.equal(notices[0]!.tenantId, tenant);
});

test('a failing mailer never breaks the chat path', async (t) => {
  const { billing, newTenant } = await billingFixture(t, {
    stripe: false,
    notify: async () => {
      throw new Error('smtp down');
    },
  });
  const tenant = await newTenant();
  await billing.setPlan(tenant, 'free', { messagesPerMonth: 1 });
  await billing.assertChatAllowed(tenant);
});

test('quotas are per tenant', async (t) => {
  const { billing, newTenant } = await billingFixture(t, { stripe: false });
  const a = await newTenant();
  const b = await newTenant();
  await billing.setPlan(a, 'free', { messagesPerMonth: 1 });
  await billing.setPlan(b, 'free', { messagesPerMonth: 1 });
  await billing.assertChatAllowed(a);
  await billing.assertChatAllowed(b);
  await assert.rejects(billing.assertChatAllowed(a), isCode('PARLEY_CHAT_QUOTA_EXCEEDED'));
});

test('a tenant nobody billed gets the default (Free) plan', async (t) => {
  const { billing, newTenant } = await billingFixture(t, { stripe: false });
  const limits = await billing.limits(await newTenant());
  assert.equal(limits.plan, 'free');
  assert.equal(limits.limits.messagesPerMonth, 200);
});

test('ingestion is refused past the document and storage limits; deletes free room', async (t) => {
  const { billing, newTenant } = await billingFixture(t, { stripe: false });
  const tenant = await newTenant();
  await billing.setPlan(tenant, 'free', { documents: 2, storageBytes: 1000 });
  const a = await billing.assertIngestAllowed(tenant, 400);
  await a.commit();
  await assert.rejects(billing.assertIngestAllowed(tenant, 700), (e) => {
    assert.ok(isCode('PARLEY_PLAN_LIMIT_REACHED')(e));
    assert.deepEqual((e as ParleyError).details, { limit: 'storageBytes' });
    return true;
  });
  const b = await billing.assertIngestAllowed(tenant, 500);
  await b.commit();
  await assert.rejects(billing.assertIngestAllowed(tenant, 1), (e) => {
    assert.deepEqual((e as ParleyError).details, { limit: 'documents' });
    return true;
  });
  await billing.recordDocumentRemoved(tenant, 400);
  const c = await billing.assertIngestAllowed(tenant, 100);
  await c.release();
  const summary = await usageSummary(billing, tenant, 1);
  assert.deepEqual(summary.stored, { documents: 1, bytes: 500 });
  assert.equal(summary.days[0]?.documents, 2);
  assert.equal(summary.days[0]?.bytes, 900);
});

test('a replaced document reserves its growth against storage; a shrink counts once stored', async (t) => {
  const { billing, newTenant } = await billingFixture(t, { stripe: false });
  const tenant = await newTenant();
  await billing.setPlan(tenant, 'free', { storageBytes: 1000 });
  const stored = async () => (await usageSummary(billing, tenant, 1)).stored;
  await (await billing.assertIngestAllowed(tenant, 400)).commit();

  await assert.rejects(billing.quotas.reserveResize(tenant, 400, 1001), (e) => {
    assert.ok(isCode('PARLEY_PLAN_LIMIT_REACHED')(e));
    assert.equal((e as ParleyError).status, 402);
    assert.deepEqual((e as ParleyError).details, { limit: 'storageBytes' });
    return true;
  });
  assert.deepEqual(await stored(), { documents: 1, bytes: 400 });

  const grow = await billing.quotas.reserveResize(tenant, 400, 1000);
  assert.deepEqual(await stored(), { documents: 1, bytes: 1000 }, 'growth is taken at once');
  await grow.release();
  await grow.release(); // settling twice does nothing
  assert.deepEqual(await stored(), { documents: 1, bytes: 400 });
  const grown = await billing.quotas.reserveResize(tenant, 400, 900);
  await grown.commit();
  await grown.release(); // already committed: stays counted
  assert.deepEqual(await stored(), { documents: 1, bytes: 900 });

  const shrink = await billing.quotas.reserveResize(tenant, 900, 300);
  assert.deepEqual(await stored(), { documents: 1, bytes: 900 }, 'a shrink waits for the swap');
  await shrink.release();
  assert.deepEqual(await stored(), { documents: 1, bytes: 900 });
  const shrunk = await billing.quotas.reserveResize(tenant, 900, 300);
  await shrunk.commit();
  await shrunk.commit();
  assert.deepEqual(await stored(), { documents: 1, bytes: 300 });
});

test('removing a document bigger than the stored bytes still gives back its place', async (t) => {
  const { billing, newTenant } = await billingFixture(t, { stripe: false });
  const tenant = await newTenant();
  const stored = async () => (await usageSummary(billing, tenant, 1)).stored;
  // Totals from before replacements were counted: the document grew from 1,000 to 3,000 bytes.
  await (await billing.assertIngestAllowed(tenant, 1000)).commit();
  await (await billing.assertIngestAllowed(tenant, 500)).commit();
  await billing.recordDocumentRemoved(tenant, 3000);
  assert.deepEqual(await stored(), { documents: 1, bytes: 0 });
  await billing.recordDocumentRemoved(tenant, 500);
  assert.deepEqual(await stored(), { documents: 0, bytes: 0 });
  await billing.recordDocumentRemoved(tenant, 500);
  assert.deepEqual(await stored(), { documents: 0, bytes: 0 }, 'never below zero');
});

test('seat and feature limits follow plan and overrides', async (t) => {
  const { billing, newTenant } = await billingFixture(t, { stripe: false });
  const tenant = await newTenant();
  await billing.setPlan(tenant, 'starter');
  await billing.assertWithinLimit(tenant, 'seats', 4);
  await assert.rejects(
    billing.assertWithinLimit(tenant, 'seats', 5),
    isCode('PARLEY_PLAN_LIMIT_REACHED'),
  );
  await assert.rejects(
    billing.assertFeature(tenant, 'ssoAllowed'),
    isCode('PARLEY_PLAN_FEATURE_UNAVAILABLE'),
  );
  await billing.setPlan(tenant, 'starter', { ssoAllowed: true, seats: null });
  await billing.assertFeature(tenant, 'ssoAllowed');
  await billing.assertWithinLimit(tenant, 'seats', 500);
  await billing.setPlan(tenant, 'starter', { seats: undefined });
  await assert.rejects(
    billing.assertWithinLimit(tenant, 'seats', 5),
    isCode('PARLEY_PLAN_LIMIT_REACHED'),
  );
});

test('unknown plans and bad overrides are refused', async (t) => {
  const { billing, newTenant } = await billingFixture(t, { stripe: false });
  await assert.rejects(
    billing.setPlan(await newTenant(), 'platinum'),
    isCode('PARLEY_BILLING_PLAN_UNAVAILABLE'),
  );
  await assert.rejects(
    billing.setPlan(await newTenant(), 'pro', { seats: 'many' }),
    isCode('PARLEY_VALIDATION_FAILED'),
  );
});
