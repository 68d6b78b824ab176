import type { Connection, Types } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import { type User, userModel } from '../../models/user';
import type { Role } from '../auth/permissions';
import { resolveRole, type SsoIdentity } from './attribute-mapping';
import { type RefusalReason, SamlRefusal } from './refusal';
import type { SsoSettings } from './settings';

/** What a login will do to the user table; computed first so Test connection can show it. */
export type ProvisionPlan =
  | { action: 'refuse'; reason: RefusalReason; message: string }
  | { action: 'create'; role: Role }
  | { action: 'update'; user: User; role: Role }
  | { action: 'deprovision'; user: User };

/** A change the login made, for the audit log. */
export interface ProvisionChange {
  action: 'sso.user.provision' | 'sso.user.update' | 'sso.user.deprovision';
  user: User;
  before: Partial<User> | null;
  after: Partial<User>;
}

/** Throws when the plan has no seat left for one more user (billing's `assertWithinLimit`). */
export type SeatGate = (tenantId: Types.ObjectId, activeUsers: number) => Promise<void>;

/**
 * Runs a seat count-check-and-create with no other seat change of the
 * workspace in between (billing's `withLimitLock(tenantId, 'seats', …)`), so
 * two first logins at the last seat cannot both take it.
 */
export type SeatLock = <T>(tenantId: Types.ObjectId, section: () => Promise<T>) => Promise<T>;

/** Ends a user's console sessions (the tenants area's SessionService). */
export interface SessionRevoker {
  revokeAllForUser(userId: Types.ObjectId | string): Promise<number>;
}

const refuse = (reason: RefusalReason, message: string): ProvisionPlan => ({
  action: 'refuse',
  reason,
  message,
});
const summary = (u: Partial<User>) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
});

class DuplicateAccount extends Error {}

/**
 * Just-in-time provisioning and deprovisioning of console users from what
 * the IdP asserts. The IdP decides the role on every login (group → role
 * table, else the default role); when it grants none, an existing user is
 * disabled and signed out everywhere. Owners are the exception: ownership is
 * managed in Parley, so SSO neither grants nor removes it.
 */
export class SsoProvisioner {
  constructor(
    private readonly connection: Connection,
    private readonly sessions: SessionRevoker,
    private readonly seatGate?: SeatGate,
    private readonly seatLock: SeatLock = (_tenantId, section) => section(),
  ) {}

  private users(tenantId: Types.ObjectId) {
    return tenantScope(userModel(this.connection), tenantId);
  }

  /** Decides what a login by this identity does, without changing anything. */
  async plan(
    tenantId: Types.ObjectId,
    identity: SsoIdentity,
    sso: SsoSettings,
  ): Promise<ProvisionPlan> {
    if (!identity.email) {
      return refuse(
        'no_email',
        'The assertion carries no email address (check the attribute mapping).',
      );
    }
    const users = this.users(tenantId);
    const user =
      (identity.nameId
        ? await users.findOne({ ssoSubject: identity.nameId }).lean<User>()
        : null) ?? (await users.findOne({ email: identity.email }).lean<User>());
    const role = resolveRole(identity.groups, sso.groupRoles, sso.defaultRole);
    if (!user) {
      if (!sso.jitProvisioning) {
        return refuse(
          'not_provisioned',
          `${identity.email} has no account and just-in-time provisioning is off.`,
        );
      }
      if (!role) return refuse('not_assigned', `No group of ${identity.email} maps to a role.`);
      return { action: 'create', role };
    }
    if (user.disabled) return refuse('user_disabled', `The account ${user.email} is disabled.`);
    if (user.role === 'owner') return { action: 'update', user, role: 'owner' };
    if (!role) return { action: 'deprovision', user };
    return { action: 'update', user, role };
  }

  /**
   * Plans and carries out a login's provisioning; resolves to the signed-in
   * user or throws a {@link SamlRefusal}. Changes are appended to `changes`.
   */
  async provision(
    tenantId: Types.ObjectId,
    identity: SsoIdentity,
    sso: SsoSettings,
    changes: ProvisionChange[],
  ): Promise<User> {
    try {
      return await this.apply(
        tenantId,
        identity,
        await this.plan(tenantId, identity, sso),
        changes,
      );
    } catch (error) {
      // Two first logins of one person at once: the other created the account; plan again.
      if (!(error instanceof DuplicateAccount)) throw error;
      return this.apply(tenantId, identity, await this.plan(tenantId, identity, sso), changes);
    }
  }

  private async apply(
    tenantId: Types.ObjectId,
    identity: SsoIdentity,
    plan: ProvisionPlan,
    changes: ProvisionChange[],
  ): Promise<User> {
    const users = this.users(tenantId);
    const now = new Date();
    if (plan.action === 'refuse') throw new SamlRefusal(plan.reason, plan.message);
    if (plan.action === 'deprovision') {
      await users.updateOne({ _id: plan.user._id }, { $set: { disabled: true } });
      await this.sessions.revokeAllForUser(plan.user._id);
      const after = { ...plan.user, disabled: true };
      changes.push({
        action: 'sso.user.deprovision',
        user: after,
        before: summary(plan.user),
        after: summary(after),
      });
      throw new SamlRefusal(
        'not_assigned',
        `The IdP no longer grants ${plan.user.email} a role; the account was disabled.`,
      );
    }
    const name = identity.name ?? (plan.action === 'update' ? plan.user.name : '');
    if (plan.action === 'create') {
      return this.seatLock(tenantId, async () => {
        if (this.seatGate) {
          const active = await users.countDocuments({ disabled: false });
          try {
            await this.seatGate(tenantId, active);
          } catch (error) {
            if ((error as { code?: string }).code !== 'PARLEY_PLAN_LIMIT_REACHED') throw error;
            throw new SamlRefusal('seat_limit', `No seat left on the plan for ${identity.email}.`);
          }
        }
        try {
          const doc = await users.create({
            email: identity.email!,
            name,
            role: plan.role,
            passwordHash: null,
            ssoSubject: identity.nameId,
            lastLoginAt: now,
          } as Partial<User>);
          const user = doc.toObject() as User;
          changes.push({ action: 'sso.user.provision', user, before: null, after: summary(user) });
          return user;
        } catch (error) {
          if ((error as { code?: number }).code === 11000) throw new DuplicateAccount();
          throw error;
        }
      });
    }
    const set = { role: plan.role, name, ssoSubject: identity.nameId, lastLoginAt: now };
    await users.updateOne({ _id: plan.user._id }, { $set: set });
    const user = { ...plan.user, ...set };
    if (plan.user.role !== user.role || plan.user.name !== user.name) {
      changes.push({
        action: 'sso.user.update',
        user,
        before: summary(plan.user),
        after: summary(user),
      });
    }
    return user;
  }
}
