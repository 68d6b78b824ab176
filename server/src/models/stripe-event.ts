import { type Connection, type Model, Schema, type Types } from 'mongoose';

/**
 * A Stripe webhook event Parley has claimed or processed. The event id is
 * the `_id`, so the unique index makes a second delivery find the first
 * one's record instead of applying the event again.
 */
export interface StripeEvent {
  _id: string;
  type: string;
  status: 'processing' | 'done';
  /** When a delivery claimed the event; a stale claim (crashed worker) may be taken over. */
  claimedAt: Date;
  processedAt?: Date;
  /** The tenant the event concerned, when one was found. */
  tenantId?: Types.ObjectId;
  /** What processing did, for audit and for duplicate deliveries' answers. */
  effect?: Record<string, unknown>;
  /** Processed records expire (Stripe stops retrying after 3 days). */
  expiresAt?: Date;
}

/** The `stripeEvents` collection's schema. */
export const stripeEventSchema = new Schema<StripeEvent>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    status: { type: String, required: true, enum: ['processing', 'done'] },
    claimedAt: { type: Date, required: true },
    processedAt: Date,
    tenantId: { type: Schema.Types.ObjectId, index: true },
    effect: { type: Schema.Types.Mixed },
    expiresAt: Date,
  },
  { collection: 'stripeEvents', versionKey: false },
);
stripeEventSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** The StripeEvent model on a connection. */
export function stripeEventModel(connection: Connection): Model<StripeEvent> {
  return (
    connection.models.StripeEvent ?? connection.model<StripeEvent>('StripeEvent', stripeEventSchema)
  );
}
