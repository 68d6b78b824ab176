import { type Connection, type Model, Schema, type Types } from 'mongoose';

/** Why a login was started; decides what the ACS does after a valid response. */
export type SamlRequestPurpose = 'console' | 'test' | 'widget' | 'logout';

/**
 * An AuthnRequest Parley sent and has not yet seen answered: node-saml's
 * InResponseTo cache, kept in MongoDB so every server instance shares it.
 * A response is accepted only if it answers one of these, once.
 */
export interface SamlRequest {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  /** The AuthnRequest's ID attribute. */
  requestId: string;
  /** node-saml's cache value (the request's IssueInstant). */
  value: string;
  purpose: SamlRequestPurpose;
  /** For `test`: the admin who opened the popup. For `widget`: the origin to answer. */
  startedBy: Types.ObjectId | null;
  returnTo: string | null;
  /** Set when a response claims it; a request is answered at most once. */
  consumedAt: Date | null;
  expiresAt: Date;
  createdAt: Date;
}

/** The `samlRequests` collection's schema. */
export const samlRequestSchema = new Schema<SamlRequest>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, index: true },
    requestId: { type: String, required: true },
    value: { type: String, required: true },
    purpose: { type: String, required: true, enum: ['console', 'test', 'widget', 'logout'] },
    startedBy: { type: Schema.Types.ObjectId, default: null },
    returnTo: { type: String, default: null },
    consumedAt: { type: Date, default: null },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'samlRequests', timestamps: { createdAt: true, updatedAt: false } },
);
samlRequestSchema.index({ tenantId: 1, requestId: 1 }, { unique: true });
// Unanswered requests vanish once the user can no longer be at the IdP.
samlRequestSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** The SamlRequest model on a connection. */
export function samlRequestModel(connection: Connection): Model<SamlRequest> {
  return (
    (connection.models.SamlRequest as Model<SamlRequest> | undefined) ??
    connection.model<SamlRequest>('SamlRequest', samlRequestSchema)
  );
}
