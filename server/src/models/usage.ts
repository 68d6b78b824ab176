import { type Connection, type Model, Schema, type Types } from 'mongoose';

/**
 * Usage counters of one tenant for one period, updated only with atomic
 * `$inc`. Three kinds share the collection, told apart by `period`:
 * - `day` (`2026-11-21`): answered messages, tokens, ingested documents and
 *   bytes that day — the console chart and the meter job read these;
 * - `month` (`2026-11`): messages reserved against the monthly quota;
 * - `total` (`total`): documents and bytes stored right now.
 */
export interface Usage {
  tenantId: Types.ObjectId;
  kind: 'day' | 'month' | 'total';
  period: string;
  messages: number;
  promptTokens: number;
  completionTokens: number;
  documents: number;
  bytes: number;
  updatedAt: Date;
}

/** The `usage` collection's schema: one document per tenant and period. */
export const usageSchema = new Schema<Usage>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, index: true },
    kind: { type: String, required: true, enum: ['day', 'month', 'total'] },
    period: { type: String, required: true },
    messages: { type: Number, default: 0 },
    promptTokens: { type: Number, default: 0 },
    completionTokens: { type: Number, default: 0 },
    documents: { type: Number, default: 0 },
    bytes: { type: Number, default: 0 },
  },
  { collection: 'usage', timestamps: { createdAt: false, updatedAt: true } },
);
// The conditional upsert that enforces quotas relies on this index to refuse a second document.
usageSchema.index({ tenantId: 1, period: 1 }, { unique: true });

/** The Usage model on a connection. */
export function usageModel(connection: Connection): Model<Usage> {
  return connection.models.Usage ?? connection.model<Usage>('Usage', usageSchema);
}
