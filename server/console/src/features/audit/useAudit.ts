import { createCursorList } from '../../stores/cursor-list';

/** One audit entry as `GET /api/audit` returns it. */
export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: string; id: string | null; label: string; role: string | null };
  action: string;
  target: { type: string; id: string | null; label?: string };
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
}

/** The filters the audit page offers. */
export interface AuditFilters {
  action: string;
  actor: string;
  since: string;
  until: string;
}

/** Builds the query string for a page of the audit log. */
export function auditQuery(filters: AuditFilters, cursor: string | null, limit = 25): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (filters.action) params.set('action', filters.action);
  if (filters.actor.trim()) params.set('actor', filters.actor.trim());
  // Date inputs give local calendar days: the whole of `since`'s day through the end of `until`'s.
  if (filters.since) params.set('since', new Date(`${filters.since}T00:00:00`).toISOString());
  if (filters.until) params.set('until', new Date(`${filters.until}T23:59:59.999`).toISOString());
  if (cursor) params.set('cursor', cursor);
  return `/api/audit?${params}`;
}

/** The audit store: the entries loaded so far and the cursor of the next page. */
export function createAuditStore() {
  const { items, ...list } = createCursorList<AuditEntry, AuditFilters>(auditQuery, {
    action: '',
    actor: '',
    since: '',
    until: '',
  });
  return { entries: items, ...list };
}
