import type { Request, RequestHandler } from 'express';
import { ParleyError } from '../errors';
import { csrfHeader, csrfTokenMatches, isSameOrigin, isStateChanging } from '../services/auth/csrf';
import { accessOf } from '../services/tenants/access';

/**
 * Throws `PARLEY_AUTH_CSRF_FAILED` when a state-changing request rides a
 * session cookie without the session's token in `X-CSRF-Token`. Requests
 * authenticated by a bearer secret key need none: nothing ambient is sent.
 */
export function assertCsrf(req: Request): void {
  if (!isStateChanging(req.method) || !req.adminSession) return;
  if (!csrfTokenMatches(req.get(csrfHeader), req.adminSession.csrfToken)) {
    throw new ParleyError('PARLEY_AUTH_CSRF_FAILED');
  }
}

/** Middleware form of {@link assertCsrf}, for routes without `requireAdmin` (sign-out). */
export const requireCsrf: RequestHandler = (req, _res, next) => {
  assertCsrf(req);
  next();
};

/**
 * For requests made before a session exists (sign-in, password reset):
 * refuses a browser request whose `Origin` is not this server's, which stops
 * login CSRF (signing a victim into the attacker's account).
 */
export const requireSameOrigin: RequestHandler = (req, _res, next) => {
  const own = [new URL(accessOf(req).publicUrl).origin, `${req.protocol}://${req.get('host')}`];
  if (!isSameOrigin(req.get('origin'), own)) throw new ParleyError('PARLEY_AUTH_CSRF_FAILED');
  next();
};
