import { type Connection, type Model, Schema, type Types } from 'mongoose';

/** The subscription as last read from Stripe. */
export interface SubscriptionSnapshot {
  id: string;
  status: string;
  /** The catalogue plan its prices map to, or `null` for prices the catalogue does not know. */
  plan: string | null;
  priceIds: string[];
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
}

/** The latest invoice Stripe told us about, for the console's invoice status. */
export interface InvoiceSnapshot {
  id: string;
  status: string;
  paid: boolean;
  amountDue: number;
  currency: string;
  hostedInvoiceUrl: string | null;
  /** Stripe's `created` of the event that reported it; older events do not overwrite newer ones. */
  eventCreated: Date;
}

/**
 * A tenant's billing: operator overrides, Stripe ids, subscription state
 * and dunning. One document per tenant; the plan is `tenant.plan`.
 */
export interface BillingState {
  tenantId: Types.ObjectId;
  /** Operator exceptions to the plan's limits (the plan itself is `tenant.plan`). */
  overrides: Record<string, unknown>;
  stripeCustomerId: string | null;
  subscription: SubscriptionSnapshot | null;
  /** When the snapshot's `subscriptions.retrieve` started; a slower, older read never overwrites a newer one. */
  subscriptionSyncedAt: Date | null;
  /** When payment started failing (`past_due`/`unpaid`); `null` in good standing. */
  pastDueSince: Date | null;
  latestInvoice: InvoiceSnapshot | null;
  /** Monthly recurring revenue of the subscription, in the currency's minor unit. */
  mrr: { amount: number; currency: string } | null;
  /** Usage notices already sent, `<month>:<metric>:<percent>`, so each goes out once. */
  noticesSent: string[];
  updatedAt: Date;
}

/** The `billingStates` collection's schema. */
export const billingStateSchema = new Schema<BillingState>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, unique: true },
    overrides: { type: Schema.Types.Mixed, default: {} },
    stripeCustomerId: { type: String, default: null },
    subscription: { type: Schema.Types.Mixed, default: null },
    subscriptionSyncedAt: { type: Date, default: null },
    pastDueSince: { type: Date, default: null },
    latestInvoice: { type: Schema.Types.Mixed, default: null },
    mrr: { type: Schema.Types.Mixed, default: null },
    noticesSent: { type: [String], default: [] },
  },
  {
    collection: 'billingStates',
    timestamps: { createdAt: false, updatedAt: true },
    minimize: false,
  },
);
// Webhooks find the tenant by its Stripe customer, so a customer belongs to one tenant at most.
billingStateSchema.index(
  { stripeCustomerId: 1 },
  { unique: true, partialFilterExpression: { stripeCustomerId: { $type: 'string' } } },
);

/** The BillingState model on a connection. */
export function billingStateModel(connection: Connection): Model<BillingState> {
  return (
    connection.models.BillingState ??
    connection.model<BillingState>('BillingState', billingStateSchema)
  );
}
