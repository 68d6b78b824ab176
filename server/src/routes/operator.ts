import { Router } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import { ParleyError } from '../errors';
import { requireOperator } from '../middleware/admin-auth';
import { audit } from '../services/audit/audit';
import { changedFields } from '../services/audit/redact';
import { emailSchema, passwordSchema } from '../services/auth/users';
import type { PlanGate } from '../services/billing/index';
import { accessOf } from '../services/tenants/access';
import { provisionTenant } from '../services/tenants/provision';
import { parseInput, tenantCreateSchema } from '../services/tenants/schemas';
import { tenantView } from '../services/tenants/views';

const createBody = tenantCreateSchema.extend({
  mode: z.enum(['live', 'test']).default('live'),
  admin: z.object({ email: emailSchema, password: passwordSchema }).strict().optional(),
});
const updateBody = z
  .object({
    status: z.enum(['active', 'suspended']),
    plan: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9-]+$/),
  })
  .partial()
  .strict();

/**
 * The platform operators' API (`/api/operator/*`): list, create, suspend and
 * re-plan tenants. Operators are not tenant members; tenant routes refuse them.
 * Plan changes go through billing (`setPlan`): the plan is checked against
 * the catalogue and billing's cached limits change at once.
 */
export function operatorRouter(options: { billing?: Pick<PlanGate, 'setPlan'> } = {}): Router {
  const { billing } = options;
  const router = Router();

  router.get('/api/operator/tenants', requireOperator, async (req, res) => {
    res.json({ items: await accessOf(req).tenants.list() });
  });

  router.post('/api/operator/tenants', requireOperator, async (req, res) => {
    const input = parseInput(createBody, req.body);
    const operator = req.operator!;
    const created = await provisionTenant(accessOf(req), input, {
      type: 'operator',
      id: operator.userId,
      label: operator.email,
    });
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({
      tenant: tenantView(created.tenant),
      publishableKey: created.publishableKey,
      secretKey: created.secretKey,
      admin: created.admin ?? null,
    });
  });

  router.patch('/api/operator/tenants/:id', requireOperator, async (req, res) => {
    const change = parseInput(updateBody, req.body);
    const id = String(req.params.id);
    if (!Types.ObjectId.isValid(id))
      throw new ParleyError('PARLEY_NOT_FOUND', { message: 'No such workspace.' });
    const tenants = accessOf(req).tenants;
    const before = tenantView(await tenants.get(id));
    if (change.plan !== undefined && change.plan !== before.plan) {
      if (!billing) {
        throw new ParleyError('PARLEY_BILLING_PLAN_UNAVAILABLE', {
          message: 'Plans cannot be changed here: billing is not running on this server.',
        });
      }
      // Refuses plans missing from the catalogue (400) before anything changes.
      await billing.setPlan(id, change.plan);
    }
    if (change.status !== undefined) await tenants.setAdmin(id, { status: change.status });
    const after = tenantView(await tenants.get(id));
    await audit(req, {
      tenantId: after.id,
      action:
        change.status === 'suspended'
          ? 'tenant.suspend'
          : change.status === 'active'
            ? 'tenant.activate'
            : change.plan !== undefined
              ? 'billing.plan.set'
              : 'tenant.update',
      target: { type: 'tenant', id: after.id, label: after.slug },
      ...changedFields(before as never, after as never),
    });
    res.json(after);
  });

  return router;
}
