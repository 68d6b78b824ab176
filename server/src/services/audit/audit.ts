import type { Request } from 'express';
import type { Types } from 'mongoose';
import type { AuditActor, AuditTarget } from '../../models/audit-log';
import { accessOf } from '../tenants/access';

/** What a route records about a change. */
export interface AuditChange {
  /** Dotted verb: `tenant.update`, `key.rotate`, `user.invite`, `theme.update`, … */
  action: string;
  target: AuditTarget;
  before?: unknown;
  after?: unknown;
  /** Operators acting on a tenant name it; tenant callers' own tenant is used otherwise. */
  tenantId?: Types.ObjectId | string;
}

/** Who made the request, from what `authenticateAdmin` resolved. */
export function actorOf(req: Request): AuditActor {
  if (req.admin?.via === 'secret-key') {
    return {
      type: 'secret-key',
      id: req.admin.keyId ?? null,
      label: req.admin.label,
      role: 'admin',
    };
  }
  if (req.admin) {
    return {
      type: 'user',
      id: req.admin.userId ?? null,
      label: req.admin.label,
      role: req.admin.role,
    };
  }
  if (req.operator) {
    return {
      type: 'operator',
      id: req.operator.userId,
      label: req.operator.email,
      role: 'operator',
    };
  }
  return { type: 'system', id: null, label: 'anonymous', role: null };
}

/**
 * Records an admin's change in the tenant's audit log: who (user, key or
 * operator), what, when, from where (IP, user agent, request id), and the
 * before/after snapshots with secrets redacted. Call it after the change
 * succeeded.
 */
export async function audit(req: Request, change: AuditChange): Promise<void> {
  const tenantId = change.tenantId ?? req.admin?.tenantId;
  if (!tenantId) throw new Error('audit: no tenant to record the change in');
  await accessOf(req).audit.record({
    tenantId,
    actor: actorOf(req),
    action: change.action,
    target: change.target,
    before: change.before,
    after: change.after,
    ip: req.ip ?? null,
    userAgent: req.get('user-agent') ?? null,
    requestId: req.id === undefined ? null : String(req.id),
  });
}
