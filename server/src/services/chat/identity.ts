import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import { ParleyError } from '../../errors';
import type { Owner } from './owner-token';

/** The identity a host page passes for its signed-in user (DESIGN.md "Keys and identity"). */
export const identitySchema = z.union([
  z.object({ token: z.string().min(1).max(8192) }).strict(),
  z
    .object({
      userId: z.string().min(1).max(256),
      userHash: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be a hex HMAC-SHA256'),
    })
    .strict(),
]);

/** A parsed identity. */
export type IdentityInput = z.infer<typeof identitySchema>;

const invalid = (message?: string) => new ParleyError('PARLEY_IDENTITY_INVALID', { message });

/**
 * Verifies a host page's identity against the tenant's identity secret:
 * an HS256 JWT whose `sub` is the user id, or `userHash` =
 * hex(HMAC-SHA256(secret, userId)). Anything else, or a tenant without a
 * secret, is refused: a page that believes it identifies its users must
 * not silently get anonymous conversations.
 */
export async function verifyIdentity(
  input: unknown,
  secret: string | undefined,
): Promise<Owner & { kind: 'user' }> {
  const parsed = identitySchema.safeParse(input);
  if (!parsed.success) {
    throw invalid('The identity must be { token } (a signed JWT) or { userId, userHash }.');
  }
  if (!secret) throw invalid('This workspace has no identity secret; verified identity is off.');
  const identity = parsed.data;
  if ('userHash' in identity) {
    const expected = Buffer.from(
      createHmac('sha256', secret).update(identity.userId).digest('hex'),
    );
    const given = Buffer.from(identity.userHash.toLowerCase());
    if (!timingSafeEqual(given, expected)) throw invalid('The userHash does not match the userId.');
    return { kind: 'user', id: identity.userId };
  }
  try {
    const { payload } = await jwtVerify(identity.token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      clockTolerance: 30,
    });
    if (typeof payload.sub !== 'string' || !payload.sub || payload.sub.length > 256) {
      throw invalid('The identity token needs a sub claim naming the user.');
    }
    return { kind: 'user', id: payload.sub };
  } catch (error) {
    if (error instanceof ParleyError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw invalid('The identity token has expired.');
    throw invalid();
  }
}
