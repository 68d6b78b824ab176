/** How a host page vouches for its signed-in user (DESIGN.md "Keys and identity"). */
export type Identity = { token: string } | { userId: string; userHash: string };

/**
 * Checks an identity handed to `identify()` by the host page. A wrong shape
 * is a programming error on the host page, so it throws a TypeError naming
 * the expected shapes rather than sending something the server will refuse.
 */
export function parseIdentity(value: unknown): Identity {
  const v = (value ?? {}) as Record<string, unknown>;
  if (typeof v.token === 'string' && v.token.length > 0 && v.token.length <= 8192) {
    return { token: v.token };
  }
  if (
    typeof v.userId === 'string' &&
    typeof v.userHash === 'string' &&
    v.userId.length > 0 &&
    v.userId.length <= 256 &&
    /^[0-9a-f]{16,128}$/i.test(v.userHash)
  ) {
    return { userId: v.userId, userHash: v.userHash };
  }
  throw new TypeError(
    'Parley.identify() expects { token: "<signed JWT>" } or { userId: "…", userHash: "<hex HMAC>" }.',
  );
}

/** A stable label for whose conversation is stored, so a new user does not see the last one's. */
export function identityOwner(identity: Identity | undefined): string {
  if (!identity) return 'anonymous';
  if ('userId' in identity) return `user:${identity.userId}`;
  // The JWT's subject, read without verifying (the server verifies); falls back to the token.
  try {
    const payload = JSON.parse(
      atob(identity.token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')),
    );
    if (typeof payload.sub === 'string') return `user:${payload.sub}`;
  } catch {
    // Not a readable JWT: the token itself identifies the owner.
  }
  return `token:${identity.token.slice(-16)}`;
}
