import { type Connection, type Model, Schema, type Types } from 'mongoose';

/**
 * A console session, stored server-side so it can be revoked. `_id` is the
 * SHA-256 of the cookie's token: a database leak yields no usable session.
 */
export interface Session {
  _id: string;
  userId: Types.ObjectId;
  /** `null` for operator sessions. */
  tenantId: Types.ObjectId | null;
  csrfToken: string;
  /** How the user signed in. */
  method: 'password' | 'saml';
  ip: string | null;
  userAgent: string | null;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
}

/** The `sessions` collection's schema. */
export const sessionSchema = new Schema<Session>(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    tenantId: { type: Schema.Types.ObjectId, default: null, index: true },
    csrfToken: { type: String, required: true },
    method: { type: String, required: true, enum: ['password', 'saml'] },
    ip: { type: String, default: null },
    userAgent: { type: String, default: null },
    lastSeenAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'sessions', timestamps: { createdAt: true, updatedAt: false } },
);
// Expired sessions disappear on their own; reads also check expiresAt.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

/** The Session model on a connection. */
export function sessionModel(connection: Connection): Model<Session> {
  return (
    (connection.models.Session as Model<Session> | undefined) ??
    connection.model<Session>('Session', sessionSchema)
  );
}
