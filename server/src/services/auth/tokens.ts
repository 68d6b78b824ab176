import { createHash, randomBytes } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { ParleyError } from '../../errors';
import { type PasswordReset, passwordResetModel } from '../../models/password-reset';

/** A reset link works for 30 minutes. */
export const resetTtlMs = 30 * 60_000;
/** An invitation link works for 7 days. */
export const inviteTtlMs = 7 * 24 * 3600_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Single-use password tokens (reset and invitation); only their hashes are stored. */
export class PasswordTokenService {
  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get model() {
    return passwordResetModel(this.connection);
  }

  /** Issues a token for a user; earlier unused tokens of the same purpose stop working. */
  async issue(
    user: { _id: Types.ObjectId; tenantId: Types.ObjectId | null },
    purpose: PasswordReset['purpose'],
  ): Promise<string> {
    const now = this.now();
    await this.model
      .updateMany({ userId: user._id, purpose, usedAt: null }, { $set: { usedAt: now } })
      .exec();
    const token = randomBytes(32).toString('base64url');
    await this.model.create({
      _id: hashToken(token),
      userId: user._id,
      tenantId: user.tenantId,
      purpose,
      expiresAt: new Date(now.getTime() + (purpose === 'reset' ? resetTtlMs : inviteTtlMs)),
    });
    return token;
  }

  /**
   * Uses a token once. The conditional update is the claim: of two concurrent
   * uses only one sees `usedAt: null`, so a link cannot be replayed.
   */
  async consume(token: unknown): Promise<PasswordReset> {
    const invalid = new ParleyError('PARLEY_AUTH_TOKEN_INVALID');
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw invalid;
    const now = this.now();
    const claimed = await this.model
      .findOneAndUpdate(
        { _id: hashToken(token), usedAt: null, expiresAt: { $gt: now } },
        { $set: { usedAt: now } },
        { new: true },
      )
      .lean<PasswordReset>()
      .exec();
    if (!claimed) throw invalid;
    return claimed;
  }
}
