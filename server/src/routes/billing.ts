import { randomUUID } from 'node:crypto';
import { type Request, Router } from 'express';
import { z } from 'zod';
import { ParleyError } from '../errors';
import { requireAdmin, requireOperator } from '../middleware/admin-auth';
import { audit } from '../services/audit/audit';
import type { Billing } from '../services/billing/billing';
import type { SessionRequest } from '../services/billing/sessions';
import { billingOverview, operatorBillingOverview } from '../services/billing/views';
import { accessOf } from '../services/tenants/access';
import { parseInput } from '../services/tenants/schemas';

const clientKeyPattern = /^[A-Za-z0-9_-]{8,64}$/;
const clientKey = z
  .string()
  .regex(clientKeyPattern, 'must be 8–64 letters, digits, "-" or "_"')
  .optional();

const checkoutBody = z.strictObject({
  plan: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a plan id such as starter or pro'),
  idempotencyKey: clientKey,
});
const portalBody = z.strictObject({ idempotencyKey: clientKey });

/**
 * Who is asking, for Stripe: the workspace name, the admin's email and the
 * request's idempotency key (`Idempotency-Key` header, or `idempotencyKey`
 * in the body for clients that cannot set headers).
 */
async function sessionRequest(req: Request, bodyKey: string | undefined): Promise<SessionRequest> {
  const admin = req.admin!;
  const header = req.get('idempotency-key') ?? bodyKey;
  if (header !== undefined && !clientKeyPattern.test(header)) {
    throw new ParleyError('PARLEY_VALIDATION_FAILED', {
      message: 'Idempotency-Key must be 8–64 letters, digits, "-" or "_".',
    });
  }
  const tenant = await accessOf(req).tenants.get(admin.tenantId);
  return {
    tenantId: admin.tenantId.toString(),
    tenantName: tenant.name,
    ...(admin.via === 'session' ? { email: admin.label } : {}),
    // Without a key from the console every request is its own attempt.
    clientKey: header ?? randomUUID(),
  };
}

/**
 * The console's billing API: `GET /api/billing` (plan, subscription,
 * dunning banner, invoice status, plans on offer), `POST
 * /api/billing/checkout` `{ plan }` → `{ url }`, `POST /api/billing/portal`
 * → `{ url }`, and the operators' `GET /api/operator/billing` (every
 * tenant's plan and MRR).
 */
export function billingRouter(deps: { billing: Billing }): Router {
  const { billing } = deps;
  const router = Router();

  router.get('/api/billing', requireAdmin('billing:read'), async (req, res) => {
    res.json(await billingOverview(billing, req.admin!.tenantId));
  });

  router.post('/api/billing/checkout', requireAdmin('billing:manage'), async (req, res) => {
    const { plan, idempotencyKey } = parseInput(checkoutBody, req.body ?? {});
    const { url } = await billing.checkout(await sessionRequest(req, idempotencyKey), plan);
    await audit(req, { action: 'billing.checkout', target: { type: 'plan', id: plan } });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ url });
  });

  router.post('/api/billing/portal', requireAdmin('billing:manage'), async (req, res) => {
    const { idempotencyKey } = parseInput(portalBody, req.body ?? {});
    const { url } = await billing.portal(await sessionRequest(req, idempotencyKey));
    res.setHeader('Cache-Control', 'no-store');
    res.json({ url });
  });

  router.get('/api/operator/billing', requireOperator, async (req, res) => {
    res.json(await operatorBillingOverview(billing, accessOf(req).connection));
  });

  return router;
}
