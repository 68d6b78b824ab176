import { type Request, Router } from 'express';
import { z } from 'zod';
import { ParleyError } from '../errors';
import {
  attachUser,
  authRequired,
  clearSessionCookie,
  startSession,
} from '../middleware/admin-auth';
import { requireCsrf, requireSameOrigin } from '../middleware/csrf';
import { audit } from '../services/audit/audit';
import { verifyPassword } from '../services/auth/password';
import { permissions, permissionsOf, scopesAllow } from '../services/auth/permissions';
import { sessionCookie } from '../services/auth/sessions';
import { emailSchema, passwordSchema } from '../services/auth/users';
import { accessOf } from '../services/tenants/access';
import { parseInput, slugSchema } from '../services/tenants/schemas';

const loginBody = z.object({
  email: emailSchema,
  // Any length is checked against the hash; the cap bounds hashing cost.
  password: z.string().min(1, 'must not be empty').max(256),
  tenant: slugSchema.optional(),
});
const resetRequestBody = z.object({ email: emailSchema, tenant: slugSchema.optional() });
const setPasswordBody = z.object({ token: z.string().max(100), password: passwordSchema });
const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: passwordSchema,
});

/**
 * Console authentication under `/api/auth`: sign in (email + password,
 * throttled), sign out, the current session (with its CSRF token), password
 * reset, invitation acceptance and password change.
 */
export function authRouter(): Router {
  const router = Router();

  router.post('/api/auth/login', requireSameOrigin, async (req, res) => {
    const input = parseInput(loginBody, req.body);
    const access = accessOf(req);
    const user = await access.auth.login(input, {
      ip: req.ip ?? null,
      userAgent: req.get('user-agent') ?? null,
    });
    // A fresh session on every sign-in: a pre-planted cookie is never promoted (session fixation).
    const old = req.signedCookies?.[sessionCookie];
    if (typeof old === 'string') await access.sessions.revoke(old);
    const session = await startSession(req, res, user, 'password');
    req.adminSession = session;
    attachUser(req, user);
    if (req.admin) {
      await audit(req, {
        action: 'auth.login',
        target: { type: 'user', id: String(user._id), label: user.email },
      });
    }
    res.json(await sessionPayload(req, session.csrfToken));
  });

  router.post('/api/auth/logout', requireCsrf, async (req, res) => {
    const token = req.signedCookies?.[sessionCookie];
    if (typeof token === 'string') await accessOf(req).sessions.revoke(token);
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.get('/api/auth/session', async (req, res) => {
    if (!req.admin && !req.operator) throw authRequired(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await sessionPayload(req, req.adminSession?.csrfToken ?? null));
  });

  router.post('/api/auth/password-reset', requireSameOrigin, async (req, res) => {
    const input = parseInput(resetRequestBody, req.body);
    await accessOf(req).auth.requestPasswordReset(input);
    // The same answer whether or not the account exists.
    res.status(202).json({ ok: true });
  });

  // Completes both password resets and invitations: the token says which.
  router.post('/api/auth/set-password', requireSameOrigin, async (req, res) => {
    const input = parseInput(setPasswordBody, req.body);
    const { user, purpose } = await accessOf(req).auth.completePasswordToken(
      input.token,
      input.password,
    );
    if (user.tenantId) {
      await accessOf(req).audit.record({
        tenantId: user.tenantId,
        actor: { type: 'user', id: String(user._id), label: user.email, role: user.role },
        action: purpose === 'reset' ? 'auth.password_reset' : 'user.accept_invitation',
        target: { type: 'user', id: String(user._id), label: user.email },
        ip: req.ip ?? null,
        userAgent: req.get('user-agent') ?? null,
      });
    }
    res.json({ ok: true, email: user.email });
  });

  router.post('/api/auth/password', requireCsrf, async (req, res) => {
    const session = req.adminSession;
    if (!session) throw authRequired(req);
    const input = parseInput(changePasswordBody, req.body);
    const access = accessOf(req);
    const user = await access.users.findById(session.userId);
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new ParleyError('PARLEY_AUTH_INVALID_CREDENTIALS', {
        message: 'The current password is incorrect.',
      });
    }
    await access.users.setPassword(user._id, input.newPassword);
    // Sign out everywhere else; keep this session.
    await access.sessions.revokeAllForUser(user._id);
    const token = req.signedCookies?.[sessionCookie];
    if (typeof token === 'string') {
      const fresh = await startSession(req, res, user, 'password');
      req.adminSession = fresh;
    }
    if (req.admin)
      await audit(req, {
        action: 'auth.password_change',
        target: { type: 'user', id: String(user._id), label: user.email },
      });
    res.json(await sessionPayload(req, req.adminSession?.csrfToken ?? null));
  });

  return router;
}

/** What the console needs about its caller: user, tenant, permissions and the CSRF token. */
async function sessionPayload(req: Request, csrfToken: string | null) {
  const access = accessOf(req);
  if (req.operator) {
    return {
      via: 'session',
      user: { id: req.operator.userId, email: req.operator.email, role: 'operator' },
      tenant: null,
      permissions: [],
      operator: true,
      csrfToken,
    };
  }
  const admin = req.admin!;
  const tenant = await access.tenants.get(admin.tenantId);
  const user = admin.userId ? await access.users.findById(admin.userId) : undefined;
  return {
    via: admin.via,
    user: user
      ? { id: String(user._id), email: user.email, name: user.name, role: user.role }
      : { id: null, email: null, name: admin.label, role: admin.role },
    tenant: { id: String(tenant._id), slug: tenant.slug, name: tenant.name, plan: tenant.plan },
    permissions:
      admin.via === 'secret-key'
        ? permissions.filter((p) => scopesAllow(admin.scopes ?? [], p))
        : permissionsOf(admin.role),
    operator: false,
    csrfToken,
  };
}
