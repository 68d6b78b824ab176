import type { Connection, Types } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import {
  type AuditActor,
  type AuditLog,
  type AuditTarget,
  auditLogModel,
} from '../../models/audit-log';
import { redact } from './redact';

/** One entry to record. */
export interface AuditEntry {
  tenantId: Types.ObjectId | string;
  actor: AuditActor;
  action: string;
  target: AuditTarget;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

/** Filters for the console's audit page. */
export interface AuditQuery {
  action?: string;
  actor?: string;
  targetType?: string;
  since?: Date;
  until?: Date;
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor?: string;
  limit?: number;
}

/** An entry as the API returns it. */
export interface AuditView {
  id: string;
  at: string;
  actor: AuditActor;
  action: string;
  target: AuditTarget;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Writes and pages the audit log, always within one tenant. */
export class AuditService {
  constructor(private readonly connection: Connection) {}

  /** Records one entry; secrets in before/after are redacted. */
  async record(entry: AuditEntry): Promise<void> {
    await tenantScope(auditLogModel(this.connection), entry.tenantId).create({
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      before: redact(entry.before),
      after: redact(entry.after),
      ip: entry.ip ?? null,
      userAgent: entry.userAgent?.slice(0, 300) ?? null,
      requestId: entry.requestId ?? null,
    } as Partial<AuditLog>);
  }

  /** Newest first, keyset-paged (stable while new entries arrive). */
  async list(
    tenantId: Types.ObjectId | string,
    query: AuditQuery = {},
  ): Promise<{ items: AuditView[]; nextCursor: string | null }> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    const filter: Record<string, unknown> = {};
    if (query.action) filter.action = { $regex: `^${escapeRegex(query.action)}` };
    if (query.targetType) filter['target.type'] = query.targetType;
    if (query.actor) filter['actor.label'] = { $regex: escapeRegex(query.actor), $options: 'i' };
    const createdAt: Record<string, Date> = {};
    if (query.since) createdAt.$gte = query.since;
    if (query.until) createdAt.$lte = query.until;
    if (Object.keys(createdAt).length) filter.createdAt = createdAt;
    const cursor = decodeCursor(query.cursor);
    if (cursor) {
      filter.$or = [
        { createdAt: { $lt: cursor.at } },
        { createdAt: cursor.at, _id: { $lt: cursor.id } },
      ];
    }
    const docs = await tenantScope(auditLogModel(this.connection), tenantId)
      .find(filter, null, { sort: { createdAt: -1, _id: -1 }, limit: limit + 1 })
      .lean<AuditLog[]>()
      .exec();
    const page = docs.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toView),
      nextCursor:
        docs.length > limit && last ? encodeCursor(last.createdAt, String(last._id)) : null,
    };
  }
}

function toView(doc: AuditLog): AuditView {
  return {
    id: String(doc._id),
    at: doc.createdAt.toISOString(),
    actor: { type: doc.actor.type, id: doc.actor.id, label: doc.actor.label, role: doc.actor.role },
    action: doc.action,
    target: doc.target,
    before: doc.before,
    after: doc.after,
    ip: doc.ip,
    userAgent: doc.userAgent,
  };
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.getTime()}:${id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const match = /^(\d{1,15}):([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) return undefined;
  return { at: new Date(Number(match[1])), id: match[2]! };
}
