import { type Connection, type Model, Schema, type Types } from 'mongoose';
import { type Role, roles } from '../services/auth/permissions';

/** A tenant role, or `operator` for platform operators (who belong to no tenant). */
export type UserRole = Role | 'operator';

/**
 * A person who signs in to the console. Tenant users carry `tenantId` and a
 * tenant role; platform operators have `role: 'operator'` and no tenant, so
 * no tenant-scoped query can ever return them.
 */
export interface User {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId | null;
  /** Lowercased; unique within a tenant (and among operators). */
  email: string;
  name: string;
  role: UserRole;
  /** Argon2id PHC string; `null` for invited users who have not set one and SSO-only users. */
  passwordHash: string | null;
  /** The SAML NameID of this user at the tenant's IdP. */
  ssoSubject: string | null;
  disabled: boolean;
  invitedAt: Date | null;
  invitedBy: Types.ObjectId | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The `users` collection's schema. */
export const userSchema = new Schema<User>(
  {
    tenantId: {
      type: Schema.Types.ObjectId,
      default: null,
      index: true,
      // Every tenant user needs a tenant; only operators live outside one.
      required(this: User) {
        return this.role !== 'operator';
      },
    },
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, default: '' },
    role: { type: String, required: true, enum: [...roles, 'operator'] },
    passwordHash: { type: String, default: null },
    ssoSubject: { type: String, default: null },
    disabled: { type: Boolean, default: false },
    invitedAt: { type: Date, default: null },
    invitedBy: { type: Schema.Types.ObjectId, default: null },
    lastLoginAt: { type: Date, default: null },
  },
  { collection: 'users', timestamps: true },
);
userSchema.index({ tenantId: 1, email: 1 }, { unique: true });
userSchema.index({ email: 1 });

/** The User model on a connection. */
export function userModel(connection: Connection): Model<User> {
  return (
    (connection.models.User as Model<User> | undefined) ??
    connection.model<User>('User', userSchema)
  );
}
