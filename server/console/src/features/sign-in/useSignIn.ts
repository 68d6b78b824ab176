import { signal } from '@preact/signals';
import { ApiError } from '../../lib/api';
import { navigate, route } from '../../stores/route';
import { signIn } from '../../stores/session';

/** Sign-in form state: one store, so a re-render never loses what was typed. */
export function createSignInStore() {
  const busy = signal(false);
  const error = signal<string | null>(null);
  return {
    busy,
    error,
    async submit(input: { email: string; password: string; tenant?: string }) {
      busy.value = true;
      error.value = null;
      try {
        await signIn({ ...input, tenant: input.tenant?.trim() || undefined });
        if (route.value === 'sign-in') navigate('', { replace: true });
      } catch (e) {
        error.value =
          e instanceof ApiError && e.code === 'PARLEY_AUTH_INVALID_CREDENTIALS'
            ? 'That email and password do not match an account.'
            : e instanceof Error
              ? e.message
              : 'Sign-in failed.';
      } finally {
        busy.value = false;
      }
    },
  };
}
