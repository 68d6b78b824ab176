import cookieParser from 'cookie-parser';
import type { Request, RequestHandler, Response } from 'express';
import type { Types } from 'mongoose';
import { ParleyError } from '../errors';
import type { Session } from '../models/session';
import type { User } from '../models/user';
import { type Permission, type Role, roleHas, scopesAllow } from '../services/auth/permissions';
import { sessionCookie, sessionMaxMs } from '../services/auth/sessions';
import { limitsFor } from '../services/rate-limit/limits';
import { accessOf } from '../services/tenants/access';
import { assertCsrf } from './csrf';

/** Who is calling the admin API on behalf of a tenant. */
export interface AdminContext {
  tenantId: Types.ObjectId;
  userId?: string;
  role: Role;
  via: 'session' | 'secret-key';
  /** The user's email, or the secret key's prefix. */
  label: string;
  /** Secret keys only. */
  keyId?: string;
  scopes?: string[];
}

/** A signed-in platform operator (no tenant). */
export interface OperatorContext {
  userId: string;
  email: string;
}

declare global {
  namespace Express {
    interface Request {
      /** Set by `authenticateAdmin` for tenant users and secret keys. */
      admin?: AdminContext;
      /** Set by `authenticateAdmin` for platform operators. */
      operator?: OperatorContext;
      /** The console session behind `admin`/`operator`, when the caller used a cookie. */
      adminSession?: Session;
      /** A session cookie came but no live session matches it (expired, revoked, re-keyed). */
      staleSession?: boolean;
    }
  }
}

/**
 * Resolves the caller of `/api/*`: `Authorization: Bearer sk_…` or the
 * session cookie. Sets `req.admin` (tenant users, secret keys) or
 * `req.operator`; leaves both unset for anonymous callers, whom
 * `requireAdmin` then refuses. A bad bearer key is refused at once.
 */
export function authenticateAdmin(secret: string): RequestHandler[] {
  return [cookieParser(secret), resolveCaller];
}

const resolveCaller: RequestHandler = async (req, _res, next) => {
  const authorization = req.get('authorization');
  if (authorization !== undefined) {
    await resolveSecretKey(req, authorization);
    return next();
  }
  const token = req.signedCookies?.[sessionCookie];
  if (token === undefined) return next();
  // From here a cookie was sent: if it leads nowhere, the console's session
  // ended (idle timeout, revocation, or a new demo secret after a restart).
  req.staleSession = true;
  if (typeof token !== 'string') return next();
  const access = accessOf(req);
  const session = await access.sessions.resolve(token);
  if (!session) return next();
  const user = await access.users.findById(session.userId);
  if (!user || user.disabled) return next();
  if (user.tenantId) {
    const tenant = await access.tenants.findById(user.tenantId);
    if (!tenant) return next();
    if (tenant.status !== 'active') throw new ParleyError('PARLEY_TENANT_SUSPENDED');
  }
  req.staleSession = false;
  req.adminSession = session;
  attachUser(req, user);
  next();
};

/** Message of the 401 for a console whose session ended; the console shows it as is. */
export const sessionExpiredMessage = 'Your session has expired — sign in again.';

/**
 * The 401 for a caller without credentials: `PARLEY_AUTH_REQUIRED` either
 * way (clients switch on the code), but a console whose cookie no longer
 * matches a session is told that its session expired, not to "send a key".
 */
export function authRequired(req: Request): ParleyError {
  return new ParleyError('PARLEY_AUTH_REQUIRED', {
    message: req.staleSession ? sessionExpiredMessage : undefined,
  });
}

/** Sets `req.admin` (tenant users) or `req.operator` (operators) for a signed-in user. */
export function attachUser(req: Request, user: User): void {
  if (user.role === 'operator' || !user.tenantId) {
    req.operator = { userId: String(user._id), email: user.email };
    return;
  }
  req.admin = {
    tenantId: user.tenantId,
    userId: String(user._id),
    role: user.role,
    via: 'session',
    label: user.email,
  };
}

async function resolveSecretKey(req: Request, authorization: string): Promise<void> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) {
    throw new ParleyError('PARLEY_AUTH_KEY_INVALID', {
      message: 'Use Authorization: Bearer sk_… with a secret key.',
    });
  }
  const access = accessOf(req);
  const key = await access.keys.verify(match[1]!, 'secret');
  if (!key) throw new ParleyError('PARLEY_AUTH_KEY_INVALID');
  const tenant = await access.tenants.findById(key.tenantId);
  if (!tenant) throw new ParleyError('PARLEY_AUTH_KEY_INVALID');
  if (tenant.status !== 'active') throw new ParleyError('PARLEY_TENANT_SUSPENDED');
  const decision = await access.limiter.consume(
    `sk:${key._id}`,
    limitsFor(access.planLimits, tenant.plan).secretKey,
  );
  if (!decision.allowed) {
    throw new ParleyError('PARLEY_RATE_LIMITED', {
      headers: { 'Retry-After': String(decision.retryAfterSeconds) },
    });
  }
  access.keys.touch(key);
  req.admin = {
    tenantId: tenant._id,
    role: 'admin',
    via: 'secret-key',
    label: key.prefix,
    keyId: String(key._id),
    scopes: key.scopes,
  };
}

/**
 * The one permission gate for admin routes: 401 without a caller, 403 with
 * `PARLEY_AUTH_CSRF_FAILED` for a session request lacking its CSRF token, and
 * 403 `PARLEY_AUTH_FORBIDDEN` when the caller's role (or the secret key's
 * scopes) lacks `permission` (see services/auth/permissions.ts).
 */
export function requireAdmin(permission: Permission): RequestHandler {
  return (req, _res, next) => {
    const admin = req.admin;
    if (!admin) {
      if (req.operator) {
        throw new ParleyError('PARLEY_AUTH_FORBIDDEN', {
          message:
            'Operators manage workspaces through the operator API, not as workspace members.',
        });
      }
      throw authRequired(req);
    }
    assertCsrf(req);
    const allowed =
      admin.via === 'secret-key'
        ? scopesAllow(admin.scopes ?? [], permission)
        : roleHas(admin.role, permission);
    if (!allowed) {
      throw new ParleyError('PARLEY_AUTH_FORBIDDEN', {
        message:
          admin.via === 'secret-key'
            ? `This secret key may not use ${permission}.`
            : `Your role (${admin.role}) does not allow ${permission}.`,
      });
    }
    next();
  };
}

/** Gate for the operator API: a signed-in platform operator (with CSRF for changes). */
export const requireOperator: RequestHandler = (req, _res, next) => {
  if (!req.operator) {
    if (!req.admin) throw authRequired(req);
    throw new ParleyError('PARLEY_AUTH_FORBIDDEN', {
      message: 'Only platform operators may do this.',
    });
  }
  assertCsrf(req);
  next();
};

/**
 * Whether the session cookie carries `Secure`: when the server is public over
 * https (`PUBLIC_URL`), runs in production, or this request came over TLS.
 * A plain-http demo (`http://192.168.1.20:8787`) gets no `Secure`, because
 * browsers silently drop a Secure cookie set over http from a non-localhost
 * address and sign-in would appear to do nothing.
 */
export function sessionCookieSecure(input: {
  publicUrl: string;
  production: boolean;
  requestSecure: boolean;
}): boolean {
  return input.production || input.publicUrl.startsWith('https:') || input.requestSecure;
}

function secureCookies(req: Request): boolean {
  const access = accessOf(req);
  return sessionCookieSecure({
    publicUrl: access.publicUrl,
    production: access.production,
    requestSecure: req.secure,
  });
}

/**
 * Opens a console session for a user and sets the cookie (HttpOnly, Secure,
 * SameSite=Lax, signed). Password sign-in and SAML both end here.
 */
export async function startSession(
  req: Request,
  res: Response,
  user: Pick<User, '_id' | 'tenantId'>,
  method: Session['method'],
): Promise<Session> {
  const { token, session } = await accessOf(req).sessions.create(user, {
    method,
    ip: req.ip ?? null,
    userAgent: req.get('user-agent') ?? null,
  });
  res.cookie(sessionCookie, token, {
    httpOnly: true,
    secure: secureCookies(req),
    sameSite: 'lax',
    signed: true,
    path: '/',
    maxAge: sessionMaxMs,
  });
  return session;
}

/** Clears the session cookie (the session itself is revoked by the caller). */
export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(sessionCookie, {
    httpOnly: true,
    secure: secureCookies(req),
    sameSite: 'lax',
    signed: true,
    path: '/',
  });
}
