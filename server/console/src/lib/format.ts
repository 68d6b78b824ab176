const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 minutes ago", "in 2 days", "just now"; `—` for null. */
export function relativeTime(iso: string | null, now: Date = new Date(), locale = 'en'): string {
  if (!iso) return '—';
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** A date and time for tables and tooltips, in the viewer's locale. */
export function dateTime(iso: string | null, locale?: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** Grace periods offered when rotating a key, in seconds. */
export const graceOptions: { label: string; seconds: number }[] = [
  { label: 'Immediately', seconds: 0 },
  { label: '1 hour', seconds: 3600 },
  { label: '24 hours', seconds: 24 * 3600 },
  { label: '7 days', seconds: 7 * 24 * 3600 },
  { label: '30 days', seconds: 30 * 24 * 3600 },
];

/** Human words for audit actions: `key.rotate` → "Rotated an API key". */
export function describeAction(action: string): string {
  const known: Record<string, string> = {
    'auth.login': 'Signed in',
    'auth.password_reset': 'Reset their password',
    'auth.password_change': 'Changed their password',
    'tenant.create': 'Created the workspace',
    'tenant.update': 'Updated workspace settings',
    'tenant.suspend': 'Suspended the workspace',
    'tenant.activate': 'Reactivated the workspace',
    'key.create': 'Created an API key',
    'key.rotate': 'Rotated an API key',
    'key.revoke': 'Revoked an API key',
    'user.invite': 'Invited a user',
    'user.reinvite': 'Resent an invitation',
    'user.accept_invitation': 'Accepted an invitation',
    'user.update_role': "Changed a user's role",
    'user.disable': 'Disabled a user',
    'user.update': 'Updated a user',
  };
  return known[action] ?? action;
}

/** Splits the text of a multi-line field into trimmed, non-empty lines. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
