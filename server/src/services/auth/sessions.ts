import { createHash, randomBytes } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { type Session, sessionModel } from '../../models/session';
import type { User } from '../../models/user';
import { newCsrfToken } from './csrf';

/** The session cookie's name. */
export const sessionCookie = 'parley_session';
/** A session ends after this long without requests… */
export const sessionIdleMs = 12 * 3600_000;
/** …and in any case this long after sign-in. */
export const sessionMaxMs = 7 * 24 * 3600_000;
/** `lastSeenAt` is written at most this often, so reads do not each cost a write. */
const touchIntervalMs = 5 * 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A live session and its user. */
export interface ResolvedSession {
  session: Session;
  user: User;
}

/**
 * Server-side console sessions: the cookie holds a random token, the database
 * its hash, so sessions can be listed and revoked and a leak of the database
 * does not hand out cookies.
 */
export class SessionService {
  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get model() {
    return sessionModel(this.connection);
  }

  /** Opens a session for a user; returns the cookie token (shown to nobody else). */
  async create(
    user: Pick<User, '_id' | 'tenantId'>,
    context: { method: Session['method']; ip?: string | null; userAgent?: string | null },
  ): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const doc = await this.model.create({
      _id: hashToken(token),
      userId: user._id,
      tenantId: user.tenantId ?? null,
      csrfToken: newCsrfToken(),
      method: context.method,
      ip: context.ip ?? null,
      userAgent: context.userAgent?.slice(0, 300) ?? null,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + sessionIdleMs),
    });
    return { token, session: doc.toObject() as Session };
  }

  /** The session behind a cookie token, if it is live; slides its idle expiry. */
  async resolve(token: string | undefined): Promise<Session | undefined> {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const session = await this.model.findById(hashToken(token)).lean<Session>().exec();
    const now = this.now();
    if (!session || session.revokedAt || session.expiresAt <= now) return undefined;
    if (now.getTime() - session.lastSeenAt.getTime() > touchIntervalMs) {
      const hardEnd = session.createdAt.getTime() + sessionMaxMs;
      const expiresAt = new Date(Math.min(now.getTime() + sessionIdleMs, hardEnd));
      await this.model
        .updateOne({ _id: session._id }, { $set: { lastSeenAt: now, expiresAt } })
        .exec();
    }
    return session;
  }

  /** Ends the session behind a cookie token. */
  async revoke(token: string): Promise<void> {
    await this.model
      .updateOne({ _id: hashToken(token) }, { $set: { revokedAt: this.now() } })
      .exec();
  }

  /** Ends every session of a user (password reset, disabling, role change). */
  async revokeAllForUser(userId: Types.ObjectId | string): Promise<number> {
    const result = await this.model
      .updateMany({ userId, revokedAt: null }, { $set: { revokedAt: this.now() } })
      .exec();
    return result.modifiedCount;
  }
}
