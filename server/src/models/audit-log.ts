import { type Connection, type Model, Schema, type Types } from 'mongoose';

/** Who did something: a console user, a secret key, an operator or the system (CLI, seed). */
export interface AuditActor {
  type: 'user' | 'secret-key' | 'operator' | 'system';
  id: string | null;
  /** Email for users and operators, key prefix for keys, command for the system. */
  label: string;
  role: string | null;
}

/** What was acted on. */
export interface AuditTarget {
  type: string;
  id: string | null;
  label?: string;
}

/** One change made by an admin: who, what, when, from where, before and after. */
export interface AuditLog {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  actor: AuditActor;
  /** Dotted verb such as `tenant.update`, `key.create`, `user.invite`. */
  action: string;
  target: AuditTarget;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  createdAt: Date;
}

/** The `auditLogs` collection's schema. */
export const auditLogSchema = new Schema<AuditLog>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, index: true },
    actor: {
      type: { type: String, required: true },
      id: { type: String, default: null },
      label: { type: String, default: '' },
      role: { type: String, default: null },
    },
    action: { type: String, required: true },
    target: {
      type: { type: String, required: true },
      id: { type: String, default: null },
      label: { type: String },
    },
    before: { type: Schema.Types.Mixed, default: null },
    after: { type: Schema.Types.Mixed, default: null },
    ip: { type: String, default: null },
    userAgent: { type: String, default: null },
    requestId: { type: String, default: null },
  },
  { collection: 'auditLogs', timestamps: { createdAt: true, updatedAt: false }, minimize: false },
);
// The console pages newest first within a tenant.
auditLogSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });

/** The AuditLog model on a connection. */
export function auditLogModel(connection: Connection): Model<AuditLog> {
  return (
    (connection.models.AuditLog as Model<AuditLog> | undefined) ??
    connection.model<AuditLog>('AuditLog', auditLogSchema)
  );
}
