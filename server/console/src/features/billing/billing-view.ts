/** Limits as `GET /api/billing` and `GET /api/usage` return them (`null` = unlimited). */
export interface PlanLimits {
  messagesPerMonth: number | null;
  documents: number | null;
  storageBytes: number | null;
  seats: number | null;
  widgets: number | null;
  ssoAllowed: boolean;
  removeBadge: boolean;
  softLimitGracePercent: number;
}

/** A plan on offer. */
export interface PlanOption {
  id: string;
  name: string;
  price: { amount: number; currency: string; interval: 'month' | 'year' } | null;
  limits: PlanLimits;
  purchasable: boolean;
}

/** `GET /api/billing`. */
export interface BillingOverview {
  enabled: boolean;
  plan: { id: string; name: string };
  limitsPlan: string;
  restricted: boolean;
  limits: PlanLimits;
  subscription: {
    status: string;
    plan: string | null;
    currentPeriodEnd: string | null;
    cancelAtPeriodEnd: boolean;
  } | null;
  dunning: { pastDueSince: string; graceEndsAt: string | null } | null;
  invoice: {
    status: string;
    paid: boolean;
    amountDue: number;
    currency: string;
    hostedInvoiceUrl: string | null;
  } | null;
  portalAvailable: boolean;
  plans: PlanOption[];
}

/** What the plan picker offers for one plan. */
export type PlanAction =
  | 'current'
  | 'upgrade'
  | 'downgrade'
  /** Cancel in the portal: the subscription ends and the workspace returns to the free plan. */
  | 'cancel'
  | 'contact'
  | 'none';

const liveStatuses = new Set(['active', 'trialing', 'past_due', 'unpaid']);

/** Monthly price in minor units, for ordering plans (`null`: contact sales, sorts last). */
export function monthlyAmount(plan: Pick<PlanOption, 'price'>): number | null {
  if (!plan.price) return null;
  return plan.price.interval === 'year' ? plan.price.amount / 12 : plan.price.amount;
}

/** The action the console offers for `option` given the tenant's billing. */
export function planAction(overview: BillingOverview, option: PlanOption): PlanAction {
  if (option.id === overview.plan.id) return 'current';
  if (!option.price) return 'contact';
  const subscribed =
    overview.subscription !== null && liveStatuses.has(overview.subscription.status);
  if (option.price.amount === 0) return subscribed && overview.enabled ? 'cancel' : 'none';
  if (!option.purchasable) return 'none';
  const current = overview.plans.find((p) => p.id === overview.plan.id);
  const here = current ? monthlyAmount(current) : 0;
  const there = monthlyAmount(option) ?? 0;
  return here === null || there > here ? 'upgrade' : 'downgrade';
}

/** `$49.00` in the viewer's locale. */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.toUpperCase(),
  }).format(amount / 100);
}

/**
 * "$49.00 / month", "$0 / month", "Custom pricing". Never a word the plan card
 * already shows: the Free plan is named "Free" and the Enterprise card's
 * action reads "Contact sales", so either as a price would say it twice.
 */
export function formatPrice(price: PlanOption['price'], locale?: string): string {
  if (!price) return 'Custom pricing';
  if (price.amount === 0) {
    const zero = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: price.currency.toUpperCase(),
      maximumFractionDigits: 0,
    }).format(0);
    return `${zero} / ${price.interval}`;
  }
  return `${formatMoney(price.amount, price.currency, locale)} / ${price.interval}`;
}

const day = (iso: string, locale?: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));

/** The past-due banner, or `null` while payments are fine. */
export function dunningBanner(
  overview: BillingOverview,
  locale?: string,
): { tone: 'warning' | 'danger'; text: string } | null {
  if (!overview.dunning) return null;
  if (overview.restricted) {
    return {
      tone: 'danger',
      text: `Payment is overdue, so this workspace is limited to the Free plan's limits until the invoice is paid. No data has been deleted.`,
    };
  }
  const until = overview.dunning.graceEndsAt
    ? ` by ${day(overview.dunning.graceEndsAt, locale)}`
    : '';
  return {
    tone: 'warning',
    text: `The last payment failed. Update the payment method${until} to keep the ${overview.plan.name} plan; after that the workspace is limited to the Free plan's limits.`,
  };
}

/** "Renews on 1 Dec 2026", "Ends on …", or the subscription status in words. */
export function subscriptionLabel(
  subscription: BillingOverview['subscription'],
  locale?: string,
): string {
  if (!subscription) return 'No subscription';
  const end = subscription.currentPeriodEnd;
  if (subscription.status === 'canceled') return 'Cancelled';
  if (subscription.cancelAtPeriodEnd && end) return `Ends on ${day(end, locale)}`;
  if (subscription.status === 'past_due' || subscription.status === 'unpaid')
    return 'Payment overdue';
  if (subscription.status === 'trialing' && end) return `Trial until ${day(end, locale)}`;
  if (end && liveStatuses.has(subscription.status)) return `Renews on ${day(end, locale)}`;
  return subscription.status.replace(/_/g, ' ');
}

/** The latest invoice in words, with a badge tone. */
export function invoiceLabel(
  invoice: BillingOverview['invoice'],
  locale?: string,
): { tone: 'success' | 'danger' | 'neutral'; text: string } | null {
  if (!invoice) return null;
  const amount = invoice.currency ? formatMoney(invoice.amountDue, invoice.currency, locale) : '';
  if (invoice.paid)
    return { tone: 'success', text: `Last invoice paid${amount ? ` (${amount})` : ''}` };
  return { tone: 'danger', text: `Last invoice unpaid${amount ? ` (${amount})` : ''}` };
}

/** A fresh idempotency key per click, so a retried request does not open a second session. */
export function clickKey(random: () => string = () => crypto.randomUUID()): string {
  return `click-${random().replace(/[^A-Za-z0-9_-]/g, '')}`.slice(0, 64);
}
