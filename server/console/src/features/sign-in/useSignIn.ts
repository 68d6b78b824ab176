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
    /** Signs in; resolves to whether it worked (the error is in `error` otherwise). */
    async submit(input: { email: string; password: string; tenant?: string }): Promise<boolean> {
      busy.value = true;
      error.value = null;
      try {
        await signIn({ ...input, tenant: input.tenant?.trim() || undefined });
        // Any other route is where the person was going (a deep link, or the
        // page whose session expired): stay there.
        if (route.value === 'sign-in') navigate('', { replace: true });
        return true;
      } catch (e) {
        error.value =
          e instanceof ApiError && e.code === 'PARLEY_AUTH_INVALID_CREDENTIALS'
            ? 'That email and password do not match an account.'
            : e instanceof Error
              ? e.message
              : 'Sign-in failed.';
        return false;
      } finally {
        busy.value = false;
      }
    },
  };
}
