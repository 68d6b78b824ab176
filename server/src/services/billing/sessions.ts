import type Stripe from 'stripe';
import { ParleyError } from '../../errors';
import type { BillingAccounts } from './accounts';
import type { PlanCatalogue } from './plans';
import { liveStatuses } from './subscription-snapshot';

/** Who is asking, for the Stripe customer's name and email and the idempotency key. */
export interface SessionRequest {
  tenantId: string;
  /** The workspace's display name, shown on Stripe's pages. */
  tenantName: string;
  /** The admin's email, prefilled on Checkout. */
  email?: string;
  /**
   * A key from the caller (the console sends one per click) so a retried
   * request returns the same session; namespaced by tenant before it reaches
   * Stripe, whose keys are account-wide.
   */
  clientKey: string;
}

/** Where Stripe sends the admin back to. */
export interface ReturnUrls {
  /** The console's billing page, absolute. */
  billingPage: string;
}

/**
 * Creates Stripe customers, Checkout sessions (subscription mode) and
 * Customer Portal sessions, each with an idempotency key.
 */
export class StripeSessions {
  constructor(
    private readonly stripe: Stripe,
    private readonly accounts: BillingAccounts,
    private readonly catalogue: PlanCatalogue,
    private readonly urls: ReturnUrls,
  ) {}

  /** The tenant's Stripe customer, created once (the key makes concurrent first calls agree). */
  async ensureCustomer(request: SessionRequest): Promise<string> {
    const state = await this.accounts.get(request.tenantId);
    if (state.stripeCustomerId) return state.stripeCustomerId;
    const customer = await callStripe(() =>
      this.stripe.customers.create(
        {
          name: request.tenantName,
          ...(request.email ? { email: request.email } : {}),
          metadata: { tenantId: request.tenantId },
        },
        { idempotencyKey: `parley-customer-${request.tenantId}` },
      ),
    );
    await this.accounts.update(request.tenantId, { $set: { stripeCustomerId: customer.id } });
    return customer.id;
  }

  /**
   * A Checkout session subscribing the tenant to `planId`. A tenant that
   * already has a live subscription is sent to the Portal's plan-change flow
   * instead, so it never ends up paying for two subscriptions.
   */
  async checkout(request: SessionRequest, planId: string): Promise<{ url: string }> {
    const plan = this.catalogue.get(planId);
    if (!plan?.stripe) {
      throw new ParleyError('PARLEY_BILLING_PLAN_UNAVAILABLE', {
        message: plan
          ? `The ${plan.name} plan cannot be bought online; ${plan.price ? 'it is the free plan' : 'contact sales'}.`
          : `Unknown plan "${planId}".`,
      });
    }
    const state = await this.accounts.get(request.tenantId);
    if (state.subscription && liveStatuses.has(state.subscription.status)) {
      return this.portal(request, { changePlanOf: state.subscription.id });
    }
    const customer = await this.ensureCustomer(request);
    const lineItems: Stripe.Checkout.SessionCreateParams.LineItem[] = [
      { price: plan.stripe.priceId, quantity: 1 },
    ];
    // Metered prices take no quantity: Stripe bills what the meter reports.
    if (plan.stripe.meteredPriceId) lineItems.push({ price: plan.stripe.meteredPriceId });
    const metadata = { tenantId: request.tenantId, plan: plan.id };
    const session = await callStripe(() =>
      this.stripe.checkout.sessions.create(
        {
          mode: 'subscription',
          customer,
          client_reference_id: request.tenantId,
          line_items: lineItems,
          metadata,
          subscription_data: { metadata },
          allow_promotion_codes: true,
          success_url: `${this.urls.billingPage}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
          cancel_url: `${this.urls.billingPage}?checkout=cancelled`,
        },
        { idempotencyKey: `parley-checkout-${request.tenantId}-${plan.id}-${request.clientKey}` },
      ),
    );
    if (!session.url) throw new ParleyError('PARLEY_BILLING_PROVIDER_FAILED');
    return { url: session.url };
  }

  /** A Customer Portal session: invoices, payment methods, cancellation, plan changes. */
  async portal(
    request: SessionRequest,
    options: { changePlanOf?: string } = {},
  ): Promise<{ url: string }> {
    const state = await this.accounts.get(request.tenantId);
    if (!state.stripeCustomerId) throw new ParleyError('PARLEY_BILLING_NO_CUSTOMER');
    const flow = options.changePlanOf ? 'update' : 'manage';
    const session = await callStripe(() =>
      this.stripe.billingPortal.sessions.create(
        {
          customer: state.stripeCustomerId!,
          return_url: this.urls.billingPage,
          ...(options.changePlanOf
            ? {
                flow_data: {
                  type: 'subscription_update',
                  subscription_update: { subscription: options.changePlanOf },
                  after_completion: {
                    type: 'redirect',
                    redirect: { return_url: `${this.urls.billingPage}?portal=updated` },
                  },
                },
              }
            : {}),
        },
        { idempotencyKey: `parley-portal-${request.tenantId}-${flow}-${request.clientKey}` },
      ),
    );
    return { url: session.url };
  }
}

/** Runs a Stripe call, turning its failures into a catalogue 502 that keeps Stripe's message out of the body. */
export async function callStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ParleyError) throw error;
    const failed = new ParleyError('PARLEY_BILLING_PROVIDER_FAILED', {
      details: { stripe: (error as { type?: string }).type ?? 'network' },
    });
    // The error middleware logs 5xx with their cause; the body stays generic.
    failed.cause = error;
    throw failed;
  }
}
