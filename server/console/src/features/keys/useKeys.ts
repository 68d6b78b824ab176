import { signal } from '@preact/signals';
import { errorMessage } from '../../lib/api';
import { api } from '../../stores/api';
import { notify } from '../../stores/toasts';

/** A key as `GET /api/keys` lists it (no secrets). */
export interface ApiKeyView {
  id: string;
  kind: 'publishable' | 'secret';
  mode: 'live' | 'test';
  name: string;
  prefix: string;
  value: string | null;
  scopes: string[];
  status: 'active' | 'expiring' | 'expired' | 'revoked';
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** A key just created or rotated: the only time its full value is available. */
export interface RevealedKey {
  key: ApiKeyView;
  secret: string;
}

/** The keys store: list, create, rotate, revoke; remembers the one key to reveal. */
export function createKeysStore() {
  const keys = signal<ApiKeyView[] | null>(null);
  const error = signal<string | null>(null);
  const revealed = signal<RevealedKey | null>(null);
  const busy = signal(false);
  const load = async () => {
    try {
      keys.value = (await api<{ items: ApiKeyView[] }>('GET', '/api/keys')).items;
    } catch (e) {
      error.value = errorMessage(e);
    }
  };
  const run = async (work: () => Promise<void>) => {
    busy.value = true;
    try {
      await work();
      await load();
      return true;
    } catch (e) {
      notify(errorMessage(e), 'error');
      return false;
    } finally {
      busy.value = false;
    }
  };
  return {
    keys,
    error,
    revealed,
    busy,
    load,
    create: (input: { kind: ApiKeyView['kind']; mode: ApiKeyView['mode']; name: string }) =>
      run(async () => {
        revealed.value = await api<RevealedKey>('POST', '/api/keys', input);
      }),
    rotate: (id: string, graceSeconds: number) =>
      run(async () => {
        revealed.value = await api<RevealedKey>(
          'POST',
          `/api/keys/${encodeURIComponent(id)}/rotate`,
          { graceSeconds },
        );
      }),
    revoke: (key: ApiKeyView) =>
      run(async () => {
        await api('POST', `/api/keys/${encodeURIComponent(key.id)}/revoke`);
        notify(`Revoked ${key.name || key.prefix}`);
      }),
  };
}

/** The keys store's type. */
export type KeysStore = ReturnType<typeof createKeysStore>;
