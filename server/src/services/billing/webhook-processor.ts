import { type Connection, Types } from 'mongoose';
import { ParleyError } from '../../errors';
import { type StripeEvent, stripeEventModel } from '../../models/stripe-event';
import type { Effect, EventHandler } from './webhook-handlers';
import type { VerifiedEvent } from './webhook-verify';

/** How a delivery was answered. */
export interface WebhookOutcome {
  eventId: string;
  /** `processed` the first time, `duplicate` for a delivery of an event already applied. */
  status: 'processed' | 'duplicate';
  effect: Effect;
}

/** How long a claim protects an event being processed before another delivery may take it over. */
export const claimLeaseMs = 60_000;

/** How long processed event ids are kept (Stripe retries for up to three days). */
export const retentionMs = 30 * 86_400_000;

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/**
 * Applies each Stripe event once. The event id is inserted as `_id` before
 * the handler runs (the unique index decides which delivery works), and the
 * handler's effect is stored with it. A concurrent delivery gets 409 so
 * Stripe retries it later; a failed handler releases its claim so the retry
 * applies it; a claim left by a crashed worker expires after the lease.
 */
export class WebhookProcessor {
  private readonly model: ReturnType<typeof stripeEventModel>;

  constructor(
    connection: Connection,
    private readonly handlers: Record<string, EventHandler>,
    private readonly now: () => Date,
  ) {
    this.model = stripeEventModel(connection);
  }

  async process(event: VerifiedEvent): Promise<WebhookOutcome> {
    const claimedAt = this.now();
    const done = await this.claim(event, claimedAt);
    if (done) return { eventId: event.id, status: 'duplicate', effect: done.effect as Effect };

    const handler = this.handlers[event.type];
    let effect: Effect;
    try {
      effect = handler
        ? await handler(event)
        : { result: 'ignored', reason: 'unhandled event type' };
    } catch (error) {
      await this.model.deleteOne({ _id: event.id, status: 'processing', claimedAt });
      throw error;
    }
    const tenantId =
      effect.tenantId && Types.ObjectId.isValid(effect.tenantId)
        ? new Types.ObjectId(effect.tenantId)
        : undefined;
    const finishedAt = this.now();
    await this.model.updateOne(
      { _id: event.id, claimedAt },
      {
        $set: {
          status: 'done',
          effect,
          processedAt: finishedAt,
          expiresAt: new Date(finishedAt.getTime() + retentionMs),
          ...(tenantId ? { tenantId } : {}),
        },
      },
    );
    return { eventId: event.id, status: 'processed', effect };
  }

  /** Claims the event; returns the earlier record when it is already done. */
  private async claim(event: VerifiedEvent, claimedAt: Date): Promise<StripeEvent | null> {
    try {
      await this.model.create({ _id: event.id, type: event.type, status: 'processing', claimedAt });
      return null;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const existing = await this.model.findById(event.id).lean<StripeEvent>();
    if (existing?.status === 'done') return existing;
    if (existing && claimedAt.getTime() - existing.claimedAt.getTime() >= claimLeaseMs) {
      // The worker that claimed it died mid-way: take the claim over, once.
      const taken = await this.model.updateOne(
        { _id: event.id, status: 'processing', claimedAt: existing.claimedAt },
        { $set: { claimedAt } },
      );
      if (taken.modifiedCount === 1) return null;
    }
    // Another delivery holds a fresh claim (or its handler just failed and released it):
    // a non-2xx answer makes Stripe deliver again later, when the outcome is known.
    throw new ParleyError('PARLEY_STRIPE_EVENT_IN_PROGRESS');
  }
}
