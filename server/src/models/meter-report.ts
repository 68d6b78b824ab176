import { type Connection, type Model, Schema, type Types } from 'mongoose';

/** A meter event sent (or about to be sent) to Stripe, kept until Stripe acknowledged it. */
export interface PendingMeterEvent {
  /** Deterministic: tenant, day and the range of counts it covers. */
  identifier: string;
  value: number;
  /** The day's count this event brings `reported` up to. */
  through: number;
  /** Seconds since the epoch, fixed at claim time so a resend is byte-identical. */
  timestamp: number;
  customerId: string;
  claimedAt: Date;
}

/**
 * How much of one tenant's day of usage has been reported to the Stripe
 * meter. The job writes `pending` before calling Stripe and clears it after,
 * so a crash in between leaves the exact event to resend on restart.
 */
export interface MeterReport {
  tenantId: Types.ObjectId;
  day: string;
  metric: 'messages';
  reported: number;
  pending: PendingMeterEvent | null;
  updatedAt: Date;
}

/** The `meterReports` collection's schema. */
export const meterReportSchema = new Schema<MeterReport>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, index: true },
    day: { type: String, required: true },
    metric: { type: String, required: true, enum: ['messages'] },
    reported: { type: Number, default: 0 },
    pending: {
      type: new Schema<PendingMeterEvent>(
        {
          identifier: { type: String, required: true },
          value: { type: Number, required: true },
          through: { type: Number, required: true },
          timestamp: { type: Number, required: true },
          customerId: { type: String, required: true },
          claimedAt: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { collection: 'meterReports', timestamps: { createdAt: false, updatedAt: true } },
);
meterReportSchema.index({ tenantId: 1, day: 1, metric: 1 }, { unique: true });

/** The MeterReport model on a connection. */
export function meterReportModel(connection: Connection): Model<MeterReport> {
  return (
    connection.models.MeterReport ?? connection.model<MeterReport>('MeterReport', meterReportSchema)
  );
}
