import { Router } from 'express';
import { z } from 'zod';
import { requireAdmin } from '../middleware/admin-auth';
import { accessOf } from '../services/tenants/access';
import { parseInput } from '../services/tenants/schemas';

const auditQuery = z
  .object({
    action: z
      .string()
      .max(60)
      .regex(/^[a-z_.]*$/, 'use an action name such as key.create')
      .optional(),
    actor: z.string().max(254).optional(),
    targetType: z
      .string()
      .max(40)
      .regex(/^[A-Za-z]*$/)
      .optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    cursor: z
      .string()
      .max(100)
      .regex(/^[A-Za-z0-9_-]*$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();

/** `GET /api/audit`: the caller's tenant's audit log, newest first, filterable, keyset-paged. */
export function auditRouter(): Router {
  const router = Router();
  router.get('/api/audit', requireAdmin('audit:read'), async (req, res) => {
    const query = parseInput(auditQuery, req.query);
    const page = await accessOf(req).audit.list(req.admin!.tenantId, {
      ...query,
      since: query.since ? new Date(query.since) : undefined,
      until: query.until ? new Date(query.until) : undefined,
    });
    res.json(page);
  });
  return router;
}
