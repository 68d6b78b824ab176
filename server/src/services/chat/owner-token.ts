import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Who a conversation belongs to: an anonymous visitor or a verified user of the host site. */
export type Owner = { kind: 'visitor'; id: string } | { kind: 'user'; id: string };

/** The owner as one stored string: `v:<visitorId>` or `u:<userId>`. */
export function ownerKey(owner: Owner): string {
  return `${owner.kind === 'visitor' ? 'v' : 'u'}:${owner.id}`;
}

/** A fresh anonymous visitor: 128 random bits. */
export function newVisitor(): Owner {
  return { kind: 'visitor', id: randomBytes(16).toString('base64url') };
}

interface Payload {
  /** Tenant id: a token from one tenant's widget is worthless on another's. */
  t: string;
  k: 'v' | 'u';
  s: string;
  /** Expiry, seconds since the epoch; user-bound tokens expire, visitor ones do not. */
  e?: number;
}

const prefix = 'pv1';

/**
 * Issues and checks the opaque owner tokens the widget sends back in
 * `X-Parley-Visitor`: `pv1.<payload>.<HMAC-SHA256>`, signed with the
 * server's session secret so every instance sharing it accepts them. The
 * payload names the tenant and the owner; it is signed, not encrypted,
 * and holds nothing secret.
 */
export class OwnerTokens {
  constructor(
    private readonly secret: string,
    /** Lifetime of tokens bound to a verified user, in seconds. */
    private readonly userTokenTtlS = 24 * 3600,
  ) {}

  /** A token proving `owner` on `tenantId`. */
  issue(tenantId: string, owner: Owner, now = Date.now()): string {
    const payload: Payload = { t: tenantId, k: owner.kind === 'visitor' ? 'v' : 'u', s: owner.id };
    if (owner.kind === 'user') payload.e = Math.floor(now / 1000) + this.userTokenTtlS;
    const body = `${prefix}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${body}.${this.sign(body)}`;
  }

  /** The owner a token proves on `tenantId`, or undefined for anything forged, foreign or expired. */
  verify(tenantId: string, token: string | undefined, now = Date.now()): Owner | undefined {
    if (!token || token.length > 1024) return undefined;
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== prefix) return undefined;
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let payload: Payload;
    try {
      payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString()) as Payload;
    } catch {
      return undefined;
    }
    if (payload.t !== tenantId || typeof payload.s !== 'string' || !payload.s) return undefined;
    if (payload.e !== undefined && payload.e * 1000 < now) return undefined;
    return { kind: payload.k === 'u' ? 'user' : 'visitor', id: payload.s };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
