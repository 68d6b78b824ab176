import express, { Router } from 'express';
import { ParleyError } from '../errors';
import type { Billing } from '../services/billing/billing';

/**
 * `POST /billing/stripe/webhook`: Stripe's deliveries. Mounted before any
 * JSON parser, because the signature covers the exact bytes Stripe sent.
 * 200 for applied, duplicate and unhandled events; 400 for a missing, bad
 * or stale signature; 409 while another delivery of the event is in
 * progress; 5xx (so Stripe retries) when applying failed.
 */
export function stripeWebhookRouter(deps: { billing: Billing | undefined }): Router {
  const router = Router();
  router.post(
    '/billing/stripe/webhook',
    express.raw({ type: () => true, limit: '512kb' }),
    async (req, res) => {
      if (!deps.billing) throw new ParleyError('PARLEY_BILLING_NOT_CONFIGURED');
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const outcome = await deps.billing.handleWebhook(raw, req.get('stripe-signature'));
      req.log?.info(
        { stripeEvent: outcome.eventId, effect: outcome.effect },
        `stripe event ${outcome.status}`,
      );
      res.json({ received: true, duplicate: outcome.status === 'duplicate' });
    },
  );
  return router;
}
