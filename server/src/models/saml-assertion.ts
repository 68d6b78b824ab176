import { type Connection, type Model, Schema, type Types } from 'mongoose';

/**
 * An assertion Parley has accepted, remembered until it would expire anyway.
 * The unique index is the replay defence: recording an assertion is a
 * set-if-absent insert, so of two posts of one response, even concurrent
 * ones, exactly one succeeds.
 */
export interface SamlAssertion {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  /** The Assertion's ID attribute, from the signed assertion. */
  assertionId: string;
  issuer: string;
  expiresAt: Date;
  createdAt: Date;
}

/** The `samlAssertions` collection's schema. */
export const samlAssertionSchema = new Schema<SamlAssertion>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, index: true },
    assertionId: { type: String, required: true },
    issuer: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'samlAssertions', timestamps: { createdAt: true, updatedAt: false } },
);
samlAssertionSchema.index({ tenantId: 1, assertionId: 1 }, { unique: true });
samlAssertionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** The SamlAssertion model on a connection. */
export function samlAssertionModel(connection: Connection): Model<SamlAssertion> {
  return (
    (connection.models.SamlAssertion as Model<SamlAssertion> | undefined) ??
    connection.model<SamlAssertion>('SamlAssertion', samlAssertionSchema)
  );
}
