import { type Connection, Types } from 'mongoose';
import { z } from 'zod';
import { tenantScope } from '../../db/tenant-scope';
import { ParleyError } from '../../errors';
import { type User, userModel } from '../../models/user';
import { hashPassword, maxPasswordLength, minPasswordLength } from './password';
import { canAssignRole, type Role, roles } from './permissions';

/** A user as the console lists them. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  status: 'active' | 'invited' | 'disabled';
  sso: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/** Email addresses: trimmed, lowercased, one `@`, no spaces, a sane length. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address');

/** A new password; length bounds per NIST SP 800-63B. */
export const passwordSchema = z
  .string()
  .min(minPasswordLength, `must be at least ${minPasswordLength} characters`)
  .max(maxPasswordLength, `must be at most ${maxPasswordLength} characters`);

/** A display name. */
export const personNameSchema = z
  .string()
  .trim()
  .max(100)
  .regex(/^\P{Cc}*$/u, 'must be plain text');

/** The role field of inputs. */
export const roleSchema = z.enum(roles);

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;
const notFound = () => new ParleyError('PARLEY_NOT_FOUND', { message: 'No such user.' });

/** Tenant users and operators. Every tenant-user query goes through `tenantScope`. */
export class UserService {
  constructor(private readonly connection: Connection) {}

  private get model() {
    return userModel(this.connection);
  }

  /** Seats the tenant uses: every account not disabled, invitations included (as SSO counts them). */
  async seatsInUse(tenantId: Types.ObjectId | string): Promise<number> {
    return tenantScope(this.model, tenantId).countDocuments({ disabled: false }).exec();
  }

  /** Creates a tenant user (with a password) or an invited one (without); 409 if the email exists. */
  async create(
    tenantId: Types.ObjectId | string,
    input: {
      email: string;
      name?: string;
      role: Role;
      password?: string;
      invitedBy?: Types.ObjectId | string | null;
    },
  ): Promise<User> {
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    try {
      const doc = await tenantScope(this.model, tenantId).create({
        email: input.email,
        name: input.name ?? '',
        role: input.role,
        passwordHash,
        invitedAt: input.password ? null : new Date(),
        invitedBy: input.invitedBy ? new Types.ObjectId(String(input.invitedBy)) : null,
      } as Partial<User>);
      return doc.toObject() as User;
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new ParleyError('PARLEY_USER_EXISTS', {
          message: `${input.email} already has an account in this workspace.`,
        });
      }
      throw error;
    }
  }

  /** Creates or updates a platform operator (CLI only). */
  async upsertOperator(input: { email: string; name?: string; password: string }): Promise<User> {
    const passwordHash = await hashPassword(input.password);
    const doc = await this.model
      .findOneAndUpdate(
        { tenantId: null, role: 'operator', email: input.email },
        { $set: { passwordHash, name: input.name ?? '', disabled: false } },
        { upsert: true, new: true },
      )
      .lean<User>()
      .exec();
    return doc!;
  }

  /** The tenant's users, owners first then by email. */
  async list(tenantId: Types.ObjectId | string): Promise<UserView[]> {
    const docs = await tenantScope(this.model, tenantId).find({}).lean<User[]>().exec();
    const order = (role: string) => roles.indexOf(role as Role);
    docs.sort((a, b) => order(a.role) - order(b.role) || a.email.localeCompare(b.email));
    return docs.map(userView);
  }

  /** One of the tenant's users, or 404 (also for another tenant's user id). */
  async get(tenantId: Types.ObjectId | string, userId: string): Promise<User> {
    if (!Types.ObjectId.isValid(userId)) throw notFound();
    const doc = await tenantScope(this.model, tenantId).findById(userId).lean<User>().exec();
    if (!doc) throw notFound();
    return doc;
  }

  /** A user by id whatever the tenant (sessions and tokens already carry the trust). */
  async findById(userId: Types.ObjectId | string): Promise<User | undefined> {
    return (await this.model.findById(userId).lean<User>().exec()) ?? undefined;
  }

  /** Sign-in candidates: active users with this email, optionally in one tenant, operators included. */
  async findByEmail(email: string, tenantId?: Types.ObjectId | null): Promise<User[]> {
    const filter: Record<string, unknown> = { email: email.trim().toLowerCase(), disabled: false };
    if (tenantId !== undefined) filter.tenantId = tenantId;
    return this.model
      .find(filter, null, { sort: { createdAt: 1 }, limit: 5 })
      .lean<User[]>()
      .exec();
  }

  /**
   * Changes a user's role, name or disabled flag. Only owners touch owners,
   * nobody changes their own role or disables themselves, and the last
   * active owner stays an owner.
   */
  async update(
    tenantId: Types.ObjectId | string,
    userId: string,
    change: { role?: Role; name?: string; disabled?: boolean },
    actor: { userId?: string; role: Role },
  ): Promise<{ before: UserView; after: UserView }> {
    const user = await this.get(tenantId, userId);
    const self = actor.userId === String(user._id);
    if (user.role === 'operator') throw notFound();
    const touchesPrivileges = change.role !== undefined || change.disabled !== undefined;
    if (touchesPrivileges) {
      if (self) {
        throw new ParleyError('PARLEY_AUTH_FORBIDDEN', {
          message: 'You cannot change your own role or disable yourself; ask another owner.',
        });
      }
      if (
        !canAssignRole(actor.role, user.role as Role) ||
        (change.role && !canAssignRole(actor.role, change.role))
      ) {
        throw new ParleyError('PARLEY_AUTH_FORBIDDEN', {
          message: 'Only owners can grant or change the owner role.',
        });
      }
    }
    const losesOwner =
      user.role === 'owner' &&
      ((change.role && change.role !== 'owner') || change.disabled === true);
    if (losesOwner) await this.assertAnotherOwner(tenantId, user._id);
    const set: Record<string, unknown> = {};
    if (change.role !== undefined) set.role = change.role;
    if (change.name !== undefined) set.name = change.name;
    if (change.disabled !== undefined) set.disabled = change.disabled;
    const after = await tenantScope(this.model, tenantId)
      .findOneAndUpdate({ _id: user._id }, { $set: set }, { new: true })
      .lean<User>()
      .exec();
    return { before: userView(user), after: userView(after!) };
  }

  /** Sets a user's password (reset, invitation, change) and marks the invitation accepted. */
  async setPassword(userId: Types.ObjectId, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.model.updateOne({ _id: userId }, { $set: { passwordHash, invitedAt: null } }).exec();
  }

  /** Records a successful sign-in. */
  async recordLogin(userId: Types.ObjectId): Promise<void> {
    await this.model.updateOne({ _id: userId }, { $set: { lastLoginAt: new Date() } }).exec();
  }

  private async assertAnotherOwner(tenantId: Types.ObjectId | string, except: Types.ObjectId) {
    const others = await tenantScope(this.model, tenantId).countDocuments({
      role: 'owner',
      disabled: false,
      _id: { $ne: except },
    });
    if (others === 0) throw new ParleyError('PARLEY_USER_LAST_OWNER');
  }
}

/** The API shape of a user. */
export function userView(user: User): UserView {
  return {
    id: String(user._id),
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.disabled
      ? 'disabled'
      : user.invitedAt && !user.passwordHash
        ? 'invited'
        : 'active',
    sso: Boolean(user.ssoSubject),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
