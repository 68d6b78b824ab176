import { type Connection, type Model, Schema, type Types } from 'mongoose';

/**
 * A single-use token for setting a password: a reset (30 minutes) or an
 * invitation (7 days). `_id` is the SHA-256 of the token in the emailed link.
 */
export interface PasswordReset {
  _id: string;
  userId: Types.ObjectId;
  tenantId: Types.ObjectId | null;
  purpose: 'reset' | 'invite';
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

/** The `passwordResets` collection's schema. */
export const passwordResetSchema = new Schema<PasswordReset>(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    tenantId: { type: Schema.Types.ObjectId, default: null },
    purpose: { type: String, required: true, enum: ['reset', 'invite'] },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { collection: 'passwordResets', timestamps: { createdAt: true, updatedAt: false } },
);
passwordResetSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** The PasswordReset model on a connection. */
export function passwordResetModel(connection: Connection): Model<PasswordReset> {
  return (
    (connection.models.PasswordReset as Model<PasswordReset> | undefined) ??
    connection.model<PasswordReset>('PasswordReset', passwordResetSchema)
  );
}
