import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  type BillingOverview,
  clickKey,
  dunningBanner,
  formatPrice,
  invoiceLabel,
  type PlanOption,
  planAction,
  subscriptionLabel,
} from '../../../../console/src/features/billing/billing-view';

const limits = {
  messagesPerMonth: 200,
  documents: 20,
  storageBytes: 1000,
  seats: 2,
  widgets: 1,
  ssoAllowed: false,
  removeBadge: false,
  softLimitGracePercent: 0,
};
const plan = (
  id: string,
  amount: number | null,
  purchasable = amount !== null && amount > 0,
): PlanOption => ({
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  price: amount === null ? null : { amount, currency: 'usd', interval: 'month' },
  limits,
  purchasable,
});
const plans = [
  plan('free', 0),
  plan('starter', 4900),
  plan('pro', 19900),
  plan('enterprise', null),
];
const overview = (over: Partial<BillingOverview> = {}): BillingOverview => ({
  enabled: true,
  plan: { id: 'free', name: 'Free' },
  limitsPlan: 'free',
  restricted: false,
  limits,
  subscription: null,
  dunning: null,
  invoice: null,
  portalAvailable: false,
  plans,
  ...over,
});

test('the plan picker offers upgrades, downgrades, cancellation and contact', () => {
  const free = overview();
  assert.deepEqual(
    plans.map((p) => planAction(free, p)),
    ['current', 'upgrade', 'upgrade', 'contact'],
  );
  const pro = overview({
    plan: { id: 'pro', name: 'Pro' },
    subscription: {
      status: 'active',
      plan: 'pro',
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
    },
  });
  assert.deepEqual(
    plans.map((p) => planAction(pro, p)),
    ['cancel', 'downgrade', 'current', 'contact'],
  );
  const off = overview({ enabled: false, plans: plans.map((p) => ({ ...p, purchasable: false })) });
  assert.deepEqual(
    off.plans.map((p) => planAction(off, p)),
    ['current', 'none', 'none', 'contact'],
  );
});

test('prices read as people expect', () => {
  assert.equal(
    formatPrice({ amount: 4900, currency: 'usd', interval: 'month' }, 'en-US'),
    '$49.00 / month',
  );
  assert.equal(
    formatPrice({ amount: 0, currency: 'usd', interval: 'month' }, 'en-US'),
    '$0 / month',
  );
  assert.equal(formatPrice(null), 'Custom pricing');
});

test('no shipped plan card says its name or its action twice (not "Free / Free")', () => {
  const catalogue = JSON.parse(
    readFileSync(new URL('../../../../src/services/billing/plans.json', import.meta.url), 'utf8'),
  ) as { plans: Record<string, { name: string; price: PlanOption['price'] }> };
  for (const [id, { name, price }] of Object.entries(catalogue.plans)) {
    const shown = formatPrice(price, 'en-US');
    assert.notEqual(shown.toLowerCase(), name.toLowerCase(), id);
    assert.notEqual(shown, 'Contact sales', id);
    assert.doesNotMatch(shown, /^free$/i, id);
  }
});

test('the past-due banner warns during grace and says data is kept once restricted', () => {
  assert.equal(dunningBanner(overview()), null);
  const grace = dunningBanner(
    overview({
      plan: { id: 'pro', name: 'Pro' },
      dunning: { pastDueSince: '2026-11-20T10:00:00Z', graceEndsAt: '2026-11-27T10:00:00Z' },
    }),
    'en-US',
  );
  assert.equal(grace?.tone, 'warning');
  assert.match(grace!.text, /by Nov 27, 2026 to keep the Pro plan/);
  const restricted = dunningBanner(
    overview({
      restricted: true,
      dunning: { pastDueSince: '2026-11-01T00:00:00Z', graceEndsAt: '2026-11-08T00:00:00Z' },
    }),
  );
  assert.equal(restricted?.tone, 'danger');
  assert.match(restricted!.text, /No data has been deleted/);
});

test('subscription and invoice labels', () => {
  const end = '2026-12-20T10:00:00Z';
  assert.equal(subscriptionLabel(null), 'No subscription');
  assert.equal(
    subscriptionLabel(
      { status: 'active', plan: 'pro', currentPeriodEnd: end, cancelAtPeriodEnd: false },
      'en-US',
    ),
    'Renews on Dec 20, 2026',
  );
  assert.equal(
    subscriptionLabel(
      { status: 'active', plan: 'pro', currentPeriodEnd: end, cancelAtPeriodEnd: true },
      'en-US',
    ),
    'Ends on Dec 20, 2026',
  );
  assert.equal(
    subscriptionLabel({
      status: 'past_due',
      plan: 'pro',
      currentPeriodEnd: end,
      cancelAtPeriodEnd: false,
    }),
    'Payment overdue',
  );
  assert.deepEqual(
    invoiceLabel(
      { status: 'open', paid: false, amountDue: 19900, currency: 'usd', hostedInvoiceUrl: null },
      'en-US',
    ),
    { tone: 'danger', text: 'Last invoice unpaid ($199.00)' },
  );
  assert.equal(invoiceLabel(null), null);
});

test('click keys are valid idempotency keys and differ per click', () => {
  const a = clickKey();
  const b = clickKey();
  assert.match(a, /^[A-Za-z0-9_-]{8,64}$/);
  assert.notEqual(a, b);
});
