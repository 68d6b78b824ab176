import { Router } from 'express';
import { ParleyError } from '../errors';
import { requireAdmin } from '../middleware/admin-auth';
import type { Tenant } from '../models/tenant';
import { paths } from '../paths';
import { audit } from '../services/audit/audit';
import { changedFields } from '../services/audit/redact';
import type { PlanGate } from '../services/billing/index';
import { accessOf } from '../services/tenants/access';
import { latestWidgetBundle, scriptTag } from '../services/tenants/embed';
import { widgetSiteCount } from '../services/tenants/origins';
import { parseInput, tenantPatchSchema } from '../services/tenants/schemas';
import { tenantView } from '../services/tenants/views';

/**
 * The caller's own tenant: `GET /api/tenant`, `PATCH /api/tenant` (name,
 * allowed origins, widget texts) and `GET /api/tenant/embed` (the snippet).
 * The tenant is always `req.admin.tenantId`, whatever ids a request carries.
 * With billing, the plan caps the allowed origins (its `widgets` limit;
 * loopback patterns are free, and a list may always shrink) and hiding the "Powered by" badge needs a plan
 * with `removeBadge` (402 otherwise).
 */
export function tenantRouter(options: { cdnDir?: string; billing?: PlanGate } = {}): Router {
  const cdnDir = options.cdnDir ?? paths.cdn;
  const { billing } = options;
  const router = Router();

  router.get('/api/tenant', requireAdmin('tenant:read'), async (req, res) => {
    res.json(tenantView(await accessOf(req).tenants.get(req.admin!.tenantId)));
  });

  router.patch('/api/tenant', requireAdmin('tenant:write'), async (req, res) => {
    const patch = parseInput(tenantPatchSchema, req.body);
    const tenantId = req.admin!.tenantId;
    // Checked on the stored tenant inside the update, which retries when the
    // origins changed meanwhile, so concurrent patches cannot pass the limit.
    const check = async (current: Tenant, billing: PlanGate) => {
      const sites = widgetSiteCount(current.allowedOrigins);
      const adding = patch.allowedOrigins ? widgetSiteCount(patch.allowedOrigins) - sites : 0;
      if (adding > 0) {
        await billing
          .assertWithinLimit(tenantId, 'widgets', sites, adding)
          .catch((error: unknown) => {
            if (!(error instanceof ParleyError) || error.code !== 'PARLEY_PLAN_LIMIT_REACHED')
              throw error;
            // Billing counts "widgets"; on the Settings page they are allowed origins.
            throw new ParleyError('PARLEY_PLAN_LIMIT_REACHED', {
              message: `${error.message.replace(/;.*$/, '')}: each allowed origin is a widget site. Remove one or upgrade.`,
              details: error.details,
            });
          });
      }
      if (patch.widget?.poweredBy === false) await billing.assertFeature(tenantId, 'removeBadge');
    };
    const { before, after } = await accessOf(req).tenants.update(tenantId, patch, {
      check: billing && ((current) => check(current, billing)),
    });
    const diff = changedFields(before as never, after as never);
    if (Object.keys(diff.after).length) {
      await audit(req, {
        action: 'tenant.update',
        target: { type: 'tenant', id: after.id, label: after.slug },
        ...diff,
      });
    }
    res.json(after);
  });

  router.get('/api/tenant/embed', requireAdmin('tenant:read'), async (req, res) => {
    const access = accessOf(req);
    const bundle = latestWidgetBundle(cdnDir);
    const keys = (await access.keys.list(req.admin!.tenantId)).filter(
      (k) => k.kind === 'publishable' && (k.status === 'active' || k.status === 'expiring'),
    );
    res.json({
      bundle: bundle
        ? {
            version: bundle.version,
            url: `${access.publicUrl}${bundle.path}`,
            integrity: bundle.integrity,
          }
        : null,
      snippets: bundle
        ? keys.map((k) => ({
            keyId: k.id,
            mode: k.mode,
            name: k.name,
            publishableKey: k.value,
            scriptTag: scriptTag({ baseUrl: access.publicUrl, bundle, publishableKey: k.value! }),
          }))
        : [],
    });
  });

  return router;
}
