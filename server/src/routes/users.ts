import { type Request, Router } from 'express';
import { z } from 'zod';
import { ParleyError } from '../errors';
import { requireAdmin } from '../middleware/admin-auth';
import { audit } from '../services/audit/audit';
import { canAssignRole } from '../services/auth/permissions';
import { emailSchema, personNameSchema, roleSchema, userView } from '../services/auth/users';
import type { PlanGate } from '../services/billing/index';
import { accessOf } from '../services/tenants/access';
import { parseInput } from '../services/tenants/schemas';

const inviteBody = z
  .object({ email: emailSchema, name: personNameSchema.optional(), role: roleSchema })
  .strict();
const updateBody = z
  .object({ role: roleSchema, name: personNameSchema, disabled: z.boolean() })
  .partial()
  .strict();

/**
 * Users of the caller's tenant: list, invite (an account without a password
 * plus a mailed single-use link), change role / name / disabled, and resend
 * an invitation. Only owners grant the owner role; the last owner stays.
 * With billing, inviting or re-enabling someone needs a free seat on the plan
 * (402 `PARLEY_PLAN_LIMIT_REACHED`, `details.limit: "seats"`).
 */
export function usersRouter(options: { billing?: PlanGate } = {}): Router {
  const { billing } = options;
  const router = Router();
  const assertSeat = async (req: Request) => {
    if (!billing) return;
    const tenantId = req.admin!.tenantId;
    const used = await accessOf(req).users.seatsInUse(tenantId);
    await billing.assertWithinLimit(tenantId, 'seats', used);
  };
  // Count, check and write under the tenant's seat lease: two requests racing
  // for the last seat (on any instance) would otherwise both see it free.
  const seatLocked = <T>(req: Request, section: () => Promise<T>): Promise<T> =>
    billing ? billing.withLimitLock(req.admin!.tenantId, 'seats', section) : section();

  router.get('/api/users', requireAdmin('users:read'), async (req, res) => {
    res.json({ items: await accessOf(req).users.list(req.admin!.tenantId) });
  });

  router.post('/api/users', requireAdmin('users:write'), async (req, res) => {
    const input = parseInput(inviteBody, req.body);
    const admin = req.admin!;
    if (!canAssignRole(admin.role, input.role)) {
      throw new ParleyError('PARLEY_AUTH_FORBIDDEN', { message: 'Only owners can invite owners.' });
    }
    const access = accessOf(req);
    const tenant = await access.tenants.get(admin.tenantId);
    // What `auth.invite` does, split so the mail goes out after the lease is released.
    const user = await seatLocked(req, async () => {
      await assertSeat(req);
      return access.users.create(tenant._id, { ...input, invitedBy: admin.userId ?? null });
    });
    await access.auth.sendInvitation(user, tenant.name, admin.label);
    const view = userView(user);
    await audit(req, {
      action: 'user.invite',
      target: { type: 'user', id: view.id, label: view.email },
      after: { email: view.email, role: view.role },
    });
    res.status(201).json(view);
  });

  router.patch('/api/users/:id', requireAdmin('users:write'), async (req, res) => {
    const change = parseInput(updateBody, req.body);
    const admin = req.admin!;
    const access = accessOf(req);
    const apply = () =>
      access.users.update(admin.tenantId, String(req.params.id), change, {
        userId: admin.userId,
        role: admin.role,
      });
    const { before, after } =
      change.disabled === false
        ? await seatLocked(req, async () => {
            // Re-enabling takes a seat again; enabling someone already active does not.
            const current = await access.users.get(admin.tenantId, String(req.params.id));
            if (current.disabled) await assertSeat(req);
            return apply();
          })
        : await apply();
    // A demoted or disabled user must not keep the powers of their open sessions.
    if (change.disabled === true || (change.role && change.role !== before.role)) {
      await access.sessions.revokeAllForUser(after.id);
    }
    await audit(req, {
      action:
        change.disabled === true
          ? 'user.disable'
          : change.role
            ? 'user.update_role'
            : 'user.update',
      target: { type: 'user', id: after.id, label: after.email },
      before,
      after,
    });
    res.json(after);
  });

  router.post('/api/users/:id/invitation', requireAdmin('users:write'), async (req, res) => {
    const admin = req.admin!;
    const access = accessOf(req);
    const user = await access.users.get(admin.tenantId, String(req.params.id));
    if (user.passwordHash || user.disabled) {
      throw new ParleyError('PARLEY_VALIDATION_FAILED', {
        message: 'Only pending invitations can be resent.',
      });
    }
    const tenant = await access.tenants.get(admin.tenantId);
    await access.auth.sendInvitation(user, tenant.name, admin.label);
    await audit(req, {
      action: 'user.reinvite',
      target: { type: 'user', id: String(user._id), label: user.email },
    });
    res.status(202).json(userView(user));
  });

  return router;
}
