import { computed, signal } from '@preact/signals';

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

/** Whether the caller holds a permission (hides controls they cannot use). */
export function can(permission: string): boolean {
  return session.value?.permissions.includes(permission) ?? false;
}
