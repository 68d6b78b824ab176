import type Stripe from 'stripe';
import type { SubscriptionSnapshot } from '../../models/billing-state';
import type { PlanCatalogue } from './plans';

/** Statuses in which a subscription still grants its plan (past_due/unpaid within dunning grace). */
export const liveStatuses: ReadonlySet<string> = new Set([
  'active',
  'trialing',
  'past_due',
  'unpaid',
]);

/** Statuses in which payment has failed and dunning runs. */
export const dunningStatuses: ReadonlySet<string> = new Set(['past_due', 'unpaid']);

/** Statuses after which the subscription will never grant anything again. */
export const endedStatuses: ReadonlySet<string> = new Set(['canceled', 'incomplete_expired']);

const customerId = (customer: string | { id: string }) =>
  typeof customer === 'string' ? customer : customer.id;

/** What Parley keeps of a subscription read from Stripe. */
export function snapshotOf(
  subscription: Stripe.Subscription,
  catalogue: PlanCatalogue,
): SubscriptionSnapshot & { customerId: string } {
  const items = subscription.items.data;
  const priceIds = items.map((item) => item.price.id);
  // The licensed (base) price names the plan; a metered price alone also maps back to its plan.
  const plan =
    priceIds
      .map((id) => catalogue.byPriceId(id))
      .find((p) => p?.stripe?.priceId && priceIds.includes(p.stripe.priceId)) ??
    priceIds.map((id) => catalogue.byPriceId(id)).find(Boolean);
  const periodEnds = items
    .map((item) => item.current_period_end)
    .filter((n) => typeof n === 'number');
  return {
    id: subscription.id,
    customerId: customerId(subscription.customer),
    status: subscription.status,
    plan: plan?.id ?? null,
    priceIds,
    currentPeriodEnd: periodEnds.length ? new Date(Math.max(...periodEnds) * 1000) : null,
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
  };
}

/**
 * Monthly recurring revenue of a subscription in minor units: licensed
 * prices times quantity, yearly prices divided by 12. Metered usage is not
 * recurring revenue and is left out.
 */
export function mrrOf(
  subscription: Stripe.Subscription,
): { amount: number; currency: string } | null {
  if (!liveStatuses.has(subscription.status)) return null;
  let amount = 0;
  let currency = '';
  for (const item of subscription.items.data) {
    const price = item.price;
    if (price.recurring?.usage_type === 'metered' || price.unit_amount === null) continue;
    const perInterval = price.unit_amount * (item.quantity ?? 1);
    const months =
      price.recurring?.interval === 'year' ? 12 : price.recurring?.interval === 'month' ? 1 : 0;
    const count = price.recurring?.interval_count ?? 1;
    if (!months) continue;
    amount += perInterval / (months * count);
    currency ||= price.currency;
  }
  return currency ? { amount: Math.round(amount), currency } : null;
}
