import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { requireAdmin } from '../middleware/admin-auth';
import { audit } from '../services/audit/audit';
import { permissions, secretKeyPermissions } from '../services/auth/permissions';
import { maxGraceSeconds } from '../services/keys/key-service';
import { accessOf } from '../services/tenants/access';
import { parseInput } from '../services/tenants/schemas';

const createBody = z
  .object({
    kind: z.enum(['publishable', 'secret']),
    mode: z.enum(['live', 'test']).default('live'),
    name: z
      .string()
      .trim()
      .max(60)
      .regex(/^\P{Cc}*$/u, 'must be plain text')
      .default(''),
    scopes: z
      .array(
        z.string().refine((s) => s === '*' || secretKeyPermissions.includes(s as never), {
          message: `must be * or one of ${secretKeyPermissions.join(', ')}`,
        }),
      )
      .max(permissions.length)
      .optional(),
    expiresAt: z.iso
      .datetime({ offset: true })
      .refine((value) => new Date(value) > new Date(), 'must be in the future')
      .optional(),
  })
  .strict();
const rotateBody = z
  .object({
    graceSeconds: z
      .number()
      .int()
      .min(0)
      .max(maxGraceSeconds)
      .default(24 * 3600),
  })
  .strict();

/**
 * API keys of the caller's tenant: list (prefixes and last use, never
 * secrets), create (the full key is in this one response), rotate with a
 * grace period, revoke. Key ids of other tenants are simply not found.
 */
export function keysRouter(): Router {
  const router = Router();

  router.get('/api/keys', requireAdmin('keys:read'), async (req, res) => {
    res.json({ items: await accessOf(req).keys.list(req.admin!.tenantId) });
  });

  router.post('/api/keys', requireAdmin('keys:write'), async (req, res) => {
    const input = parseInput(createBody, req.body ?? {});
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    const created = await accessOf(req).keys.create(req.admin!.tenantId, {
      kind: input.kind,
      mode: input.mode,
      name: input.name,
      scopes: input.kind === 'secret' ? (input.scopes ?? ['*']) : [],
      expiresAt,
      createdBy: req.admin!.userId ?? null,
    });
    await audit(req, {
      action: 'key.create',
      target: { type: 'apiKey', id: created.key.id, label: created.key.prefix },
      after: created.key,
    });
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(created);
  });

  router.post('/api/keys/:id/rotate', requireAdmin('keys:write'), async (req, res) => {
    const input = parseInput(rotateBody, req.body ?? {});
    const { old, created } = await accessOf(req).keys.rotate(
      req.admin!.tenantId,
      String(req.params.id),
      {
        graceSeconds: input.graceSeconds,
        createdBy: req.admin!.userId ?? null,
      },
    );
    await audit(req, {
      action: 'key.rotate',
      target: { type: 'apiKey', id: old.id, label: old.prefix },
      before: { status: 'active' },
      after: { expiresAt: old.expiresAt, replacedBy: created.key.prefix },
    });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ old, ...created });
  });

  const revoke = async (req: Request, res: Response) => {
    const access = accessOf(req);
    const before = access.keys.view(
      await access.keys.get(req.admin!.tenantId, String(req.params.id)),
    );
    const key = await access.keys.revoke(req.admin!.tenantId, String(req.params.id));
    if (before.status !== 'revoked') {
      await audit(req, {
        action: 'key.revoke',
        target: { type: 'apiKey', id: key.id, label: key.prefix },
        before: { status: before.status },
        after: { status: key.status, revokedAt: key.revokedAt },
      });
    }
    res.json({ key });
  };
  router.post('/api/keys/:id/revoke', requireAdmin('keys:write'), revoke);
  router.delete('/api/keys/:id', requireAdmin('keys:write'), revoke);

  return router;
}
