import { signal } from '@preact/signals';
import { ApiError, errorMessage } from '../../lib/api';
import { api } from '../../stores/api';
import { notify } from '../../stores/toasts';

/** Widget texts and behaviour, as `GET /api/tenant` returns them. */
export interface WidgetSettings {
  botName: string;
  greeting: string;
  starters: string[];
  placeholder: string;
  position: 'bottom-right' | 'bottom-left';
  locale: string;
  avatarUrl: string | null;
  linkTarget: '_blank' | '_self';
  poweredBy: boolean;
  persona: string;
}

/** The caller's workspace. */
export interface TenantData {
  id: string;
  slug: string;
  name: string;
  plan: string;
  status: string;
  allowedOrigins: string[];
  widget: WidgetSettings;
}

/** The tenant store: loaded once per page, saved section by section. */
export function createTenantStore() {
  const tenant = signal<TenantData | null>(null);
  const loadError = signal<string | null>(null);
  const saving = signal<string | null>(null);
  const fieldErrors = signal<Record<string, string>>({});
  return {
    tenant,
    loadError,
    saving,
    fieldErrors,
    async load() {
      try {
        tenant.value = await api<TenantData>('GET', '/api/tenant');
      } catch (error) {
        loadError.value = errorMessage(error);
      }
    },
    /** PATCHes one section; returns whether it saved. `section` labels the busy button and toast. */
    async save(section: string, patch: Record<string, unknown>): Promise<boolean> {
      saving.value = section;
      fieldErrors.value = {};
      try {
        tenant.value = await api<TenantData>('PATCH', '/api/tenant', patch);
        notify(`${section} saved`);
        return true;
      } catch (error) {
        if (error instanceof ApiError) fieldErrors.value = error.fieldErrors();
        notify(errorMessage(error), 'error');
        return false;
      } finally {
        saving.value = null;
      }
    },
  };
}

/** The tenant store's type. */
export type TenantStore = ReturnType<typeof createTenantStore>;
