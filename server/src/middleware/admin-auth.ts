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
import { isLoopbackHost } from '../services/tenants/origins';
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
  req.adminSession = session;
  attachUser(req, user);
  next();
};

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
      throw new ParleyError('PARLEY_AUTH_REQUIRED');
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
    throw new ParleyError(req.admin ? 'PARLEY_AUTH_FORBIDDEN' : 'PARLEY_AUTH_REQUIRED', {
      message: req.admin ? 'Only platform operators may do this.' : undefined,
    });
  }
  assertCsrf(req);
  next();
};

function secureCookies(req: Request): boolean {
  // Secure everywhere except plain HTTP on a LAN host, where the browser would drop the cookie.
  return accessOf(req).publicUrl.startsWith('https:') || req.secure || isLoopbackHost(req.hostname);
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
