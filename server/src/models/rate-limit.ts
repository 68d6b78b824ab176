import { type Connection, type Model, Schema } from 'mongoose';

/**
 * One fixed-window counter. `_id` is `<bucket>:<window start ms>`; every
 * server instance increments the same document, so limits hold across a fleet.
 */
export interface RateLimit {
  _id: string;
  count: number;
  expiresAt: Date;
}

/** The `rateLimits` collection's schema. */
export const rateLimitSchema = new Schema<RateLimit>(
  {
    _id: { type: String, required: true },
    count: { type: Number, required: true, default: 0 },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'rateLimits', versionKey: false },
);
rateLimitSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** The RateLimit model on a connection. */
export function rateLimitModel(connection: Connection): Model<RateLimit> {
  return (
    (connection.models.RateLimit as Model<RateLimit> | undefined) ??
    connection.model<RateLimit>('RateLimit', rateLimitSchema)
  );
}
