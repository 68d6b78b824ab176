import { computed, effect, signal } from '@preact/signals';

/** The signed-in caller as `GET /api/auth/session` returns it. */
export interface Session {
  via: 'session' | 'secret-key';
  user: { id: string | null; email: string | null; name?: string; role: string };
  tenant: { id: string; slug: string; name: string; plan: string } | null;
  permissions: string[];
  operator: boolean;
  csrfToken: string | null;
}

/** `undefined` while loading, `null` when signed out. */
export const session = signal<Session | null | undefined>(undefined);

/** The CSRF token of the current session. */
export const csrfToken = computed(() => session.value?.csrfToken ?? null);

/**
 * The session that ended under the console's feet (a 401 while signed in),
 * until someone signs in again or signs out. The console keeps that
 * account's pages mounted behind a sign-in dialog, so an edit that was being
 * saved is still there afterwards.
 */
export const expiredSession = signal<Session | null>(null);

let previous: Session | null | undefined = session.peek();
// An effect rather than a hook in the API client: any code that drops the
// session on a 401 (the theme editor has its own client) counts as expiry.
effect(() => {
  const now = session.value;
  if (now === null && previous) expiredSession.value = previous;
  else if (now) expiredSession.value = null;
  previous = now;
});

/** Forgets an expired session (explicit sign-out, or "use another account"). */
export function forgetExpiredSession(): void {
  expiredSession.value = null;
}

/**
 * Which account a session belongs to. Pages kept across a re-sign-in are
 * reused only for the same account, so one person's unsaved edits never
 * appear in another's console.
 */
export function accountKey(value: Pick<Session, 'user' | 'tenant' | 'operator'>): string {
  return `${value.operator ? 'operator' : (value.tenant?.id ?? '-')}:${value.user.id ?? value.user.name ?? '-'}`;
}

/** Whether the caller holds a permission (hides controls they cannot use). */
export function can(permission: string): boolean {
  // While an expired session waits for sign-in, its pages keep their controls (and what was typed).
  const current = session.value ?? expiredSession.value;
  return current?.permissions.includes(permission) ?? false;
}
