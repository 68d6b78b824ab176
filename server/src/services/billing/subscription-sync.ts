import { Types } from 'mongoose';
import type Stripe from 'stripe';
import type { BillingAccounts } from './accounts';
import type { PlanCatalogue } from './plans';
import { callStripe } from './sessions';
import {
  dunningStatuses,
  endedStatuses,
  liveStatuses,
  mrrOf,
  snapshotOf,
} from './subscription-snapshot';

/** What a sync did, recorded with the webhook event that triggered it. */
export type SyncEffect =
  | { result: 'applied'; tenantId: string; subscription: string; status: string; plan: string }
  | { result: 'superseded'; tenantId: string; subscription: string }
  | { result: 'ignored'; reason: string; subscription: string; tenantId?: string };

/** Records a plan change Stripe caused in the tenant's audit log. */
export type PlanChangeAudit = (change: {
  tenantId: string;
  before: string;
  after: string;
  subscription: string;
  status: string;
}) => Promise<void>;

/** Hints from the event about whose subscription this is (the customer wins when known). */
export interface SyncHint {
  tenantId?: string | null;
}

/**
 * Brings a tenant's billing record in line with a subscription as Stripe
 * has it *now*. Events only say which subscription changed; its state is
 * re-read with `subscriptions.retrieve`, so an older event delivered late
 * cannot roll a newer state back. Of two concurrent syncs, the one whose
 * read started later wins.
 */
export class SubscriptionSync {
  constructor(
    private readonly stripe: Stripe,
    private readonly accounts: BillingAccounts,
    private readonly catalogue: PlanCatalogue,
    private readonly now: () => Date,
    private readonly audit: PlanChangeAudit = async () => {},
  ) {}

  async sync(subscriptionId: string, hint: SyncHint = {}): Promise<SyncEffect> {
    const startedAt = this.now();
    const subscription = await callStripe(() => this.stripe.subscriptions.retrieve(subscriptionId));
    const snap = snapshotOf(subscription, this.catalogue);
    const owner = await this.accounts.byCustomer(snap.customerId);
    const tenantId =
      owner?.tenantId.toString() ??
      [hint.tenantId, subscription.metadata?.tenantId].find(
        (id) => id && Types.ObjectId.isValid(id),
      );
    if (!tenantId) return { result: 'ignored', reason: 'unknown customer', subscription: snap.id };

    if (!(await this.accounts.exists(tenantId))) {
      return { result: 'ignored', reason: 'unknown tenant', subscription: snap.id, tenantId };
    }
    const state = await this.accounts.account(tenantId);
    if (state.stripeCustomerId && state.stripeCustomerId !== snap.customerId) {
      return { result: 'ignored', reason: 'customer mismatch', subscription: snap.id, tenantId };
    }
    const tracked = state.subscription;
    // An ended subscription that is not the one we track (an old one, after a re-subscribe) changes nothing.
    if (
      tracked &&
      tracked.id !== snap.id &&
      liveStatuses.has(tracked.status) &&
      !liveStatuses.has(snap.status)
    ) {
      return {
        result: 'ignored',
        reason: 'not the current subscription',
        subscription: snap.id,
        tenantId,
      };
    }

    let plan = state.plan;
    if (liveStatuses.has(snap.status) && snap.plan) plan = snap.plan;
    else if (endedStatuses.has(snap.status) && tracked?.plan === state.plan) {
      // Cancelled: back to the default plan, unless the operator assigned another plan meanwhile.
      // Data above its limits is kept; only new usage is capped.
      plan = this.catalogue.defaultPlan;
    }
    const applied = await this.accounts.updateIf(
      tenantId,
      { $or: [{ subscriptionSyncedAt: null }, { subscriptionSyncedAt: { $lte: startedAt } }] },
      {
        $set: {
          stripeCustomerId: snap.customerId,
          subscription: {
            id: snap.id,
            status: snap.status,
            plan: snap.plan,
            priceIds: snap.priceIds,
            currentPeriodEnd: snap.currentPeriodEnd,
            cancelAtPeriodEnd: snap.cancelAtPeriodEnd,
          },
          subscriptionSyncedAt: startedAt,
          mrr: mrrOf(subscription),
          pastDueSince: dunningStatuses.has(snap.status) ? (state.pastDueSince ?? startedAt) : null,
        },
      },
    );
    if (!applied) return { result: 'superseded', tenantId, subscription: snap.id };
    // Written after the snapshot so that of two racing syncs only the newer read sets the plan.
    if (plan !== state.plan) {
      await this.accounts.setTenantPlan(tenantId, plan);
      await this.audit({
        tenantId,
        before: state.plan,
        after: plan,
        subscription: snap.id,
        status: snap.status,
      });
    }
    return { result: 'applied', tenantId, subscription: snap.id, status: snap.status, plan };
  }
}
