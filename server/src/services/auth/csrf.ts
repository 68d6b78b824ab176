import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The header the console sends the session's CSRF token in. */
export const csrfHeader = 'x-csrf-token';

/** Methods that never change state and so need no CSRF token. */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request method can change state. */
export function isStateChanging(method: string): boolean {
  return !safeMethods.has(method.toUpperCase());
}

/** A fresh per-session token (synchroniser-token pattern: stored server-side with the session). */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares the presented token with the session's in constant time. */
export function csrfTokenMatches(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Origin check for requests made before a session exists (sign-in, password
 * reset). Browsers always send `Origin` on cross-site POSTs, so a request
 * whose Origin is present and not ours is a forged one. Requests with no
 * Origin come from non-browser clients, which cannot ride a victim's cookies.
 */
export function isSameOrigin(origin: string | undefined, ownOrigins: readonly string[]): boolean {
  if (origin === undefined) return true;
  return ownOrigins.includes(origin);
}
