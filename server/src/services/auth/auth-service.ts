import type { Types } from 'mongoose';
import { ParleyError } from '../../errors';
import type { Tenant } from '../../models/tenant';
import type { User } from '../../models/user';
import type { Mailer } from '../mail/mailer';
import { invitationMessage, passwordResetMessage } from '../mail/messages';
import type { RateLimiter } from '../rate-limit/limiter';
import { loginLimits } from '../rate-limit/limits';
import { passwordLoginAllowed } from '../saml/settings';
import type { TenantService } from '../tenants/tenant-service';
import { verifyPassword } from './password';
import type { Role } from './permissions';
import type { SessionService } from './sessions';
import { inviteTtlMs, type PasswordTokenService, resetTtlMs } from './tokens';
import type { UserService } from './users';

/** Where a request came from, for sessions, throttling and audit. */
export interface ClientContext {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Sign-in, sign-out, password reset and invitations for console users.
 * Passwords are argon2id; failed sign-ins are throttled per account and per
 * IP in MongoDB; reset and invitation links are single-use tokens mailed
 * through the pluggable mailer.
 */
export class AuthService {
  constructor(
    private readonly deps: {
      users: UserService;
      sessions: SessionService;
      tokens: PasswordTokenService;
      tenants: TenantService;
      limiter: RateLimiter;
      mailer: Mailer;
      publicUrl: string;
    },
  ) {}

  /**
   * Checks an email and password (the route then opens the session). With a workspace slug
   * only that workspace's account is tried; without one, the first account
   * whose password matches (emails are unique per workspace, not globally).
   */
  async login(
    input: { email: string; password: string; tenant?: string },
    client: ClientContext,
  ): Promise<User> {
    const { limiter } = this.deps;
    const accountBucket = `login:account:${input.email}`;
    const ipBucket = `login:ip:${client.ip ?? 'unknown'}`;
    for (const [bucket, limit] of [
      [accountBucket, loginLimits.perAccount],
      [ipBucket, loginLimits.perIp],
    ] as const) {
      const decision = await limiter.peek(bucket, limit);
      if (!decision.allowed) {
        throw new ParleyError('PARLEY_AUTH_LOGIN_THROTTLED', {
          headers: { 'Retry-After': String(decision.retryAfterSeconds) },
        });
      }
    }
    let tenantId: Types.ObjectId | undefined;
    if (input.tenant) tenantId = (await this.deps.tenants.findBySlug(input.tenant))?._id;
    const found =
      input.tenant && !tenantId ? [] : await this.deps.users.findByEmail(input.email, tenantId);
    // Enforced SSO: only the break-glass owner keeps a password. Others are
    // dropped before any password check, so an enforced workspace is no oracle.
    const candidates: User[] = [];
    for (const candidate of found) {
      const tenant = candidate.tenantId
        ? await this.deps.tenants.findById(candidate.tenantId)
        : undefined;
      if (tenant && !passwordLoginAllowed(tenant.sso, String(candidate._id))) continue;
      candidates.push(candidate);
    }
    if (found.length > 0 && candidates.length === 0) throw new ParleyError('PARLEY_SSO_REQUIRED');
    let user: User | undefined;
    for (const candidate of candidates) {
      if (await verifyPassword(candidate.passwordHash, input.password)) {
        user = candidate;
        break;
      }
    }
    // No candidate still costs one verification, so timing does not reveal accounts.
    if (candidates.length === 0) await verifyPassword(undefined, input.password);
    if (!user) {
      await Promise.all([
        limiter.consume(accountBucket, loginLimits.perAccount),
        limiter.consume(ipBucket, loginLimits.perIp),
      ]);
      throw new ParleyError('PARLEY_AUTH_INVALID_CREDENTIALS');
    }
    if (user.tenantId) {
      const tenant = await this.deps.tenants.findById(user.tenantId);
      if (!tenant) throw new ParleyError('PARLEY_AUTH_INVALID_CREDENTIALS');
      if (tenant.status === 'suspended') throw new ParleyError('PARLEY_TENANT_SUSPENDED');
    }
    await limiter.reset(accountBucket);
    await this.deps.users.recordLogin(user._id);
    return user;
  }

  /**
   * Mails a reset link to every active account with this email (in one
   * workspace when a slug is given). Answers the same whether or not an
   * account exists, and is throttled per email.
   */
  async requestPasswordReset(input: { email: string; tenant?: string }): Promise<void> {
    const decision = await this.deps.limiter.consume(
      `reset:${input.email}`,
      loginLimits.passwordResetPerAccount,
    );
    if (!decision.allowed) return;
    let tenantId: Types.ObjectId | undefined;
    if (input.tenant) {
      tenantId = (await this.deps.tenants.findBySlug(input.tenant))?._id;
      if (!tenantId) return;
    }
    for (const user of await this.deps.users.findByEmail(input.email, tenantId)) {
      const token = await this.deps.tokens.issue(user, 'reset');
      const workspace = await this.workspaceName(user);
      await this.deps.mailer.send(
        passwordResetMessage({
          to: user.email,
          link: `${this.deps.publicUrl}/admin/reset-password#token=${token}`,
          minutes: resetTtlMs / 60_000,
          workspace,
        }),
      );
    }
  }

  /**
   * Sets a new password from a reset or invitation token. Every other session
   * of the user ends: whoever knew the old password is signed out.
   */
  async completePasswordToken(
    token: unknown,
    password: string,
  ): Promise<{ user: User; purpose: 'reset' | 'invite' }> {
    const claimed = await this.deps.tokens.consume(token);
    const user = await this.deps.users.findById(claimed.userId);
    if (!user || user.disabled) throw new ParleyError('PARLEY_AUTH_TOKEN_INVALID');
    await this.deps.users.setPassword(user._id, password);
    await this.deps.sessions.revokeAllForUser(user._id);
    return { user, purpose: claimed.purpose };
  }

  /** Invites someone to a workspace: creates the account without a password and mails a link. */
  async invite(
    tenant: Pick<Tenant, '_id' | 'name'>,
    input: { email: string; name?: string; role: Role },
    invitedBy: { userId?: string; label: string },
  ): Promise<{ user: User; link: string }> {
    const user = await this.deps.users.create(tenant._id, {
      ...input,
      invitedBy: invitedBy.userId ?? null,
    });
    const link = await this.sendInvitation(user, tenant.name, invitedBy.label);
    return { user, link };
  }

  /** (Re)sends an invitation link to an invited user; earlier links stop working. */
  async sendInvitation(user: User, workspace: string, invitedBy: string): Promise<string> {
    const token = await this.deps.tokens.issue(user, 'invite');
    const link = `${this.deps.publicUrl}/admin/accept-invite#token=${token}`;
    await this.deps.mailer.send(
      invitationMessage({
        to: user.email,
        link,
        workspace,
        invitedBy,
        role: user.role,
        days: inviteTtlMs / (24 * 3600_000),
      }),
    );
    return link;
  }

  private async workspaceName(user: User): Promise<string> {
    if (!user.tenantId) return 'Parley operations';
    return (await this.deps.tenants.findById(user.tenantId))?.name ?? 'Parley';
  }
}
