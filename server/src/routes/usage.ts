import { Router } from 'express';
import { z } from 'zod';
import { requireAdmin } from '../middleware/admin-auth';
import type { Billing } from '../services/billing/billing';
import { maxUsageDays, usageSummary } from '../services/billing/views';
import { parseInput } from '../services/tenants/schemas';

const usageQuery = z.object({
  days: z.coerce.number().int().min(1).max(maxUsageDays).default(30),
});

/** `GET /api/usage?days=30`: the caller's usage against its limits and a daily series for the chart. */
export function usageRouter(deps: { billing: Billing }): Router {
  const router = Router();
  router.get('/api/usage', requireAdmin('usage:read'), async (req, res) => {
    const { days } = parseInput(usageQuery, req.query);
    res.json(await usageSummary(deps.billing, req.admin!.tenantId, days));
  });
  return router;
}
