import type { Connection } from 'mongoose';
import type { TenantId } from '../../db/tenant-scope';
import { type Tenant, tenantModel } from '../../models/tenant';
import type { Billing } from './billing';
import { effectiveLimits, type LimitOverrides } from './limits';
import type { Limits } from './plans';
import { dayKey, monthKey, totalKey } from './usage-counters';

/** Longest usage series the console may ask for. */
export const maxUsageDays = 90;

/** `GET /api/usage`: this month against the limits, stored totals and a daily series. */
export async function usageSummary(billing: Billing, tenantId: TenantId, days: number) {
  const id = String(tenantId);
  const now = billing.now();
  const from = dayKey(new Date(now.getTime() - (days - 1) * 86_400_000));
  const [effective, month, total, series] = await Promise.all([
    billing.accounts.limits(id),
    billing.counters.get(id, monthKey(now)),
    billing.counters.get(id, totalKey),
    billing.counters.days(id, from, dayKey(now)),
  ]);
  return {
    plan: effective.plan,
    limitsPlan: effective.limitsPlan,
    restricted: effective.restricted,
    limits: effective.limits,
    period: monthKey(now),
    month: { messages: month.messages },
    stored: { documents: total.documents, bytes: total.bytes },
    days: series,
  };
}

/** A plan as the console's plan picker shows it. */
export interface PlanOption {
  id: string;
  name: string;
  price: { amount: number; currency: string; interval: string } | null;
  limits: Limits;
  /** Whether Checkout can sell it (it has a Stripe price and billing is on). */
  purchasable: boolean;
}

/** `GET /api/billing`: plan, subscription, dunning, invoice status and the plans on offer. */
export async function billingOverview(billing: Billing, tenantId: TenantId) {
  const [account, effective] = await Promise.all([
    billing.accounts.account(tenantId),
    billing.accounts.limits(tenantId),
  ]);
  const plan = billing.catalogue.get(effective.plan)!;
  const sub = account.subscription;
  const invoice = account.latestInvoice;
  const plans: PlanOption[] = billing.catalogue.plans.map((p) => ({
    id: p.id,
    name: p.name,
    price: p.price,
    limits: p.limits,
    purchasable: billing.enabled && p.stripe !== null,
  }));
  return {
    enabled: billing.enabled,
    plan: { id: plan.id, name: plan.name },
    limitsPlan: effective.limitsPlan,
    restricted: effective.restricted,
    limits: effective.limits,
    subscription: sub
      ? {
          status: sub.status,
          plan: sub.plan,
          currentPeriodEnd: sub.currentPeriodEnd,
          cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
        }
      : null,
    // The banner: payment failing since …, Free limits from … (or already).
    dunning: account.pastDueSince
      ? { pastDueSince: account.pastDueSince, graceEndsAt: effective.graceEndsAt }
      : null,
    invoice: invoice
      ? {
          status: invoice.status,
          paid: invoice.paid,
          amountDue: invoice.amountDue,
          currency: invoice.currency,
          hostedInvoiceUrl: invoice.hostedInvoiceUrl,
        }
      : null,
    portalAvailable: billing.enabled && account.stripeCustomerId !== null,
    plans,
  };
}

/** `GET /api/operator/billing`: every tenant's plan, subscription and MRR, with MRR totals per currency. */
export async function operatorBillingOverview(billing: Billing, connection: Connection) {
  // Cross-tenant by design: the operator's view of the whole platform.
  const [tenants, states] = await Promise.all([
    tenantModel(connection)
      .find({}, { slug: 1, name: 1, plan: 1, status: 1 }, { sort: { createdAt: -1 } })
      .lean<Pick<Tenant, '_id' | 'slug' | 'name' | 'plan' | 'status'>[]>(),
    billing.accounts.all(),
  ]);
  const byTenant = new Map(states.map((s) => [s.tenantId.toString(), s]));
  const totals = new Map<string, number>();
  const now = billing.now();
  const items = tenants.map((tenant) => {
    const state = byTenant.get(tenant._id.toString());
    const effective = effectiveLimits(
      billing.catalogue,
      {
        plan: tenant.plan,
        overrides: state?.overrides as LimitOverrides,
        pastDueSince: state?.pastDueSince,
      },
      now,
    );
    if (state?.mrr)
      totals.set(state.mrr.currency, (totals.get(state.mrr.currency) ?? 0) + state.mrr.amount);
    return {
      tenant: {
        id: tenant._id.toString(),
        slug: tenant.slug,
        name: tenant.name,
        status: tenant.status,
      },
      plan: tenant.plan,
      overrides: state?.overrides ?? {},
      subscriptionStatus: state?.subscription?.status ?? null,
      mrr: state?.mrr ?? null,
      pastDueSince: state?.pastDueSince ?? null,
      restricted: effective.restricted,
    };
  });
  return {
    enabled: billing.enabled,
    items,
    mrr: [...totals].map(([currency, amount]) => ({ currency, amount })),
  };
}
