import { signal } from '@preact/signals';
import { ApiError, errorMessage } from '../../lib/api';
import { api } from '../../stores/api';
import { notify } from '../../stores/toasts';
import type { SsoSettingsView, TestResult } from './sso-form';
import { testConnectionUrl, testResultFrom } from './sso-form';

/** An owner who could be the break-glass account. */
export interface OwnerOption {
  id: string;
  email: string;
}

/** The SSO page's store: settings, saving by section, owners, and the Test connection. */
export function createSsoStore() {
  const settings = signal<SsoSettingsView | null>(null);
  const loadError = signal<string | null>(null);
  const saving = signal<string | null>(null);
  const fieldErrors = signal<Record<string, string>>({});
  const owners = signal<OwnerOption[]>([]);
  const testResult = signal<TestResult | null>(null);
  const testing = signal(false);
  let stopListening: (() => void) | null = null;

  return {
    settings,
    loadError,
    saving,
    fieldErrors,
    owners,
    testResult,
    testing,
    async load() {
      try {
        settings.value = await api<SsoSettingsView>('GET', '/api/sso/saml');
      } catch (error) {
        loadError.value = errorMessage(error);
        return;
      }
      try {
        const { items } = await api<{
          items: { id: string; email: string; role: string; status: string }[];
        }>('GET', '/api/users');
        owners.value = items
          .filter((u) => u.role === 'owner' && u.status === 'active')
          .map((u) => ({ id: u.id, email: u.email }));
      } catch {
        // Without users:read the break-glass picker stays empty; the server still validates.
      }
    },
    /** PUTs one section; returns whether it saved. */
    async save(section: string, patch: Record<string, unknown>): Promise<boolean> {
      saving.value = section;
      fieldErrors.value = {};
      try {
        settings.value = await api<SsoSettingsView>('PUT', '/api/sso/saml', patch);
        notify(`${section} saved`);
        return true;
      } catch (error) {
        if (error instanceof ApiError) {
          const fields = error.fieldErrors();
          fields._form ??= error.message;
          fieldErrors.value = fields;
        }
        notify(errorMessage(error), 'error');
        return false;
      } finally {
        saving.value = null;
      }
    },
    /** Opens the Test connection popup and waits for its result message. */
    startTest() {
      const view = settings.value;
      if (!view) return;
      stopListening?.();
      testResult.value = null;
      testing.value = true;
      const onMessage = (event: MessageEvent) => {
        const result = testResultFrom(event, window.location.origin);
        if (!result) return;
        testResult.value = result;
        testing.value = false;
        stopListening?.();
        // The console shows the same result; the popup (same origin) has done its job.
        popup?.close();
      };
      window.addEventListener('message', onMessage);
      stopListening = () => {
        window.removeEventListener('message', onMessage);
        stopListening = null;
      };
      const popup = window.open(
        testConnectionUrl(view.sp),
        'parley-sso-test',
        'popup,width=560,height=720',
      );
      if (!popup) {
        testing.value = false;
        stopListening();
        notify('The browser blocked the popup: allow popups for this site and try again.', 'error');
      }
    },
  };
}

/** The SSO store's type. */
export type SsoStore = ReturnType<typeof createSsoStore>;
