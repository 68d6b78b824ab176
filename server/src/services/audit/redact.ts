/** Field names whose values never reach the audit log, at any depth. */
const secretFields =
  /^(passwordHash|password|hash|value|secret|secretKey|identitySecret|csrfToken|token|privateKey|cert|webhookSecret)$/i;

/**
 * A copy of `value` safe to store in the audit log: secret-looking fields are
 * replaced by `"[redacted]"`, ObjectIds and dates become strings, and the
 * depth is bounded so a hostile payload cannot blow up the log.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (depth > 6) return '[truncated]';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') {
    return typeof value === 'string' && value.length > 2000 ? `${value.slice(0, 2000)}…` : value;
  }
  if (typeof (value as { toHexString?: unknown }).toHexString === 'function') {
    return (value as { toHexString(): string }).toHexString();
  }
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key === '__v') continue;
    out[key] = secretFields.test(key) && item ? '[redacted]' : redact(item, depth + 1);
  }
  return out;
}

/**
 * Only the fields that changed between two snapshots, so an entry for a
 * one-field edit does not repeat the whole document. Top-level comparison.
 */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}
