import { Types } from 'mongoose';
import type { InvoiceSnapshot } from '../../models/billing-state';
import type { BillingAccounts } from './accounts';
import type { SubscriptionSync } from './subscription-sync';
import type { VerifiedEvent } from './webhook-verify';

/** What handling an event did; stored with the event id. */
export type Effect = Record<string, unknown> & { result: string; tenantId?: string };

/** Handles one event type. */
export type EventHandler = (event: VerifiedEvent) => Promise<Effect>;

type Obj = Record<string, unknown>;

const idOf = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof (value as Obj | null)?.id === 'string'
      ? ((value as Obj).id as string)
      : undefined;

/** The subscription an invoice belongs to (`parent.subscription_details` since API 2025-03). */
function invoiceSubscription(invoice: Obj): string | undefined {
  const parent = invoice.parent as Obj | null | undefined;
  const details = parent?.subscription_details as Obj | null | undefined;
  return idOf(details?.subscription) ?? idOf(invoice.subscription);
}

/**
 * The table from Stripe event type to handler. Every handler is safe to run
 * twice and in any order: subscription state is re-read from Stripe, and
 * invoice snapshots only move forward in time.
 */
export function webhookHandlers(deps: {
  accounts: BillingAccounts;
  sync: SubscriptionSync;
}): Record<string, EventHandler> {
  const { accounts, sync } = deps;

  const subscriptionChanged: EventHandler = async (event) => {
    const subscription = event.data.object;
    const metadata = (subscription.metadata ?? {}) as Obj;
    return sync.sync(idOf(subscription)!, { tenantId: metadata.tenantId as string | undefined });
  };

  const invoiceEvent =
    (paid: boolean): EventHandler =>
    async (event) => {
      const invoice = event.data.object;
      const customer = idOf(invoice.customer);
      const owner = customer ? await accounts.byCustomer(customer) : null;
      const subscription = invoiceSubscription(invoice);
      if (!owner) {
        // The customer may not be linked yet (checkout.session.completed still in flight); the subscription sync links it.
        if (subscription) return sync.sync(subscription);
        return { result: 'ignored', reason: 'unknown customer' };
      }
      const tenantId = owner.tenantId.toString();
      const snapshot: InvoiceSnapshot = {
        id: String(invoice.id),
        status: String(invoice.status ?? (paid ? 'paid' : 'open')),
        paid,
        amountDue: Number(invoice.amount_due ?? 0),
        currency: String(invoice.currency ?? ''),
        hostedInvoiceUrl:
          typeof invoice.hosted_invoice_url === 'string' ? invoice.hosted_invoice_url : null,
        eventCreated: new Date(event.created * 1000),
      };
      const recorded = await accounts.updateIf(
        tenantId,
        {
          $or: [
            { latestInvoice: null },
            { 'latestInvoice.eventCreated': { $lte: snapshot.eventCreated } },
          ],
        },
        { $set: { latestInvoice: snapshot } },
      );
      const synced = subscription ? await sync.sync(subscription, { tenantId }) : undefined;
      return {
        result: recorded ? 'recorded' : 'older than the recorded invoice',
        tenantId,
        invoice: snapshot.id,
        ...(synced ? { subscription: synced } : {}),
      };
    };

  return {
    'checkout.session.completed': async (event) => {
      const session = event.data.object;
      if (session.mode !== 'subscription')
        return { result: 'ignored', reason: `mode ${session.mode}` };
      const tenantId = session.client_reference_id as string | null;
      const subscription = idOf(session.subscription);
      if (!tenantId || !Types.ObjectId.isValid(tenantId) || !subscription) {
        return { result: 'ignored', reason: 'no tenant or subscription on the session' };
      }
      const customer = idOf(session.customer);
      // Link the customer only if the tenant has none: a session can never move a tenant to another customer.
      if (customer)
        await accounts.updateIf(
          tenantId,
          { stripeCustomerId: null },
          { $set: { stripeCustomerId: customer } },
        );
      return sync.sync(subscription, { tenantId });
    },
    'customer.subscription.created': subscriptionChanged,
    'customer.subscription.updated': subscriptionChanged,
    'customer.subscription.deleted': subscriptionChanged,
    'invoice.paid': invoiceEvent(true),
    'invoice.payment_failed': invoiceEvent(false),
  };
}

/** The event types to enable on the Stripe webhook endpoint (docs and tests read this). */
export const handledEventTypes = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
] as const;
