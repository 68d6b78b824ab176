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

    const state = await this.accounts.get(tenantId);
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

    const set: Record<string, unknown> = {
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
    };
    let plan = state.plan;
    if (liveStatuses.has(snap.status) && snap.plan) {
      plan = snap.plan;
      set.plan = plan;
      set.planSource = 'stripe';
    } else if (endedStatuses.has(snap.status) && state.planSource === 'stripe') {
      // Cancelled: back to the default plan. Data above its limits is kept, only new usage is capped.
      plan = this.catalogue.defaultPlan;
      set.plan = plan;
      set.planSource = 'default';
    }
    const applied = await this.accounts.updateIf(
      tenantId,
      { $or: [{ subscriptionSyncedAt: null }, { subscriptionSyncedAt: { $lte: startedAt } }] },
      { $set: set },
    );
    if (!applied) return { result: 'superseded', tenantId, subscription: snap.id };
    return { result: 'applied', tenantId, subscription: snap.id, status: snap.status, plan };
  }
}
