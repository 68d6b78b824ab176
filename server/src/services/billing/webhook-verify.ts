import Stripe from 'stripe';
import { z } from 'zod';
import { ParleyError } from '../../errors';

/** Stripe's default tolerance for a signature's age, in seconds. */
export const signatureToleranceSeconds = 300;

/** The parts of an event Parley reads; the rest is passed through untouched. */
const eventShape = z.looseObject({
  id: z.string().regex(/^evt_[A-Za-z0-9_]+$/),
  type: z.string().min(1).max(100),
  created: z.number().int(),
  data: z.looseObject({ object: z.looseObject({}) }),
});

/** A verified Stripe event. */
export type VerifiedEvent = z.infer<typeof eventShape>;

/**
 * Verifies `Stripe-Signature` on the raw body with the endpoint secret and
 * returns the parsed event. The signature is checked before the timestamp,
 * so only a genuine but replayed (or badly delayed) delivery is "stale".
 */
export function verifyStripeWebhook(
  rawBody: Buffer,
  header: string | undefined,
  secret: string,
  now: Date = new Date(),
  toleranceSeconds = signatureToleranceSeconds,
): VerifiedEvent {
  if (!header) throw new ParleyError('PARLEY_STRIPE_SIGNATURE_MISSING');
  const timestamp = Number(/(?:^|,)\s*t=(\d+)(?:,|$)/.exec(header)?.[1]);
  if (!Number.isFinite(timestamp)) throw new ParleyError('PARLEY_STRIPE_SIGNATURE_INVALID');
  let event: unknown;
  try {
    // Stripe's own age check runs after the signature check but reports both alike; receiving
    // "at" the signed time turns it off here, so the age is judged below with its own code.
    event = Stripe.webhooks.constructEvent(
      rawBody,
      header,
      secret,
      toleranceSeconds,
      undefined,
      timestamp * 1000,
    );
  } catch {
    throw new ParleyError('PARLEY_STRIPE_SIGNATURE_INVALID');
  }
  const age = Math.floor(now.getTime() / 1000) - timestamp;
  // Future-dated signatures beyond the tolerance are refused too: clocks that far apart are a replay risk.
  if (Math.abs(age) > toleranceSeconds) {
    throw new ParleyError('PARLEY_STRIPE_TIMESTAMP_STALE', {
      message: `The Stripe-Signature timestamp is ${age} s old; at most ${toleranceSeconds} s is accepted.`,
    });
  }
  const parsed = eventShape.safeParse(event);
  if (!parsed.success) {
    throw new ParleyError('PARLEY_BAD_REQUEST', {
      message: 'The webhook body is not a Stripe event.',
    });
  }
  return parsed.data;
}
