import { useEffect, useMemo, useState } from 'preact/hooks';
import { dateTime, relativeTime } from '../../lib/format';
import { can } from '../../stores/session';
import { Button } from '../../ui/Button';
import { Badge, Card, PageHeader } from '../../ui/Card';
import { ErrorAlert } from '../../ui/ErrorAlert';
import ui from '../../ui/ui.module.css';
import { CreateKeyDialog } from './CreateKeyDialog';
import { RevealKeyDialog, RevokeKeyDialog, RotateKeyDialog } from './KeyDialogs';
import styles from './Keys.module.css';
import { type ApiKeyView, createKeysStore } from './useKeys';

const statusTone = {
  active: 'success',
  expiring: 'warning',
  expired: 'neutral',
  revoked: 'danger',
} as const;

/** API keys: list (prefix and last use), create (secret shown once), rotate with grace, revoke. */
export function Keys() {
  const store = useMemo(createKeysStore, []);
  const [creating, setCreating] = useState(false);
  const [rotating, setRotating] = useState<ApiKeyView | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  useEffect(() => {
    void store.load();
  }, [store]);
  const editable = can('keys:write');
  const keys = store.keys.value;
  return (
    <>
      <PageHeader
        title="API keys"
        description="Publishable keys embed the widget on your sites; secret keys let your servers call the admin API."
        actions={
          editable && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              Create key
            </Button>
          )
        }
      />
      <ErrorAlert message={store.error.value} />
      <Card>
        {keys === null ? (
          <p class={ui.empty}>Loading keys…</p>
        ) : keys.length === 0 ? (
          <p class={ui.empty}>No keys yet.</p>
        ) : (
          <table class={ui.table}>
            <caption class="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Status</th>
                <th scope="col">Last used</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id} data-key-id={key.id}>
                  <td>
                    {key.name || <span class={styles.muted}>Unnamed</span>}
                    <br />
                    <small class={styles.muted}>
                      {key.kind === 'publishable' ? 'Publishable' : 'Secret'} · {key.mode}
                    </small>
                  </td>
                  <td class={styles.prefix}>
                    {key.kind === 'publishable' ? key.value : `${key.prefix}…`}
                  </td>
                  <td>
                    <Badge tone={statusTone[key.status]}>{key.status}</Badge>
                    {key.status === 'expiring' && (
                      <>
                        <br />
                        <small class={styles.muted}>ends {relativeTime(key.expiresAt)}</small>
                      </>
                    )}
                  </td>
                  <td title={dateTime(key.lastUsedAt)}>{relativeTime(key.lastUsedAt)}</td>
                  <td title={dateTime(key.createdAt)}>{relativeTime(key.createdAt)}</td>
                  <td>
                    {editable && key.status === 'active' && (
                      <div class={styles.actions}>
                        <Button
                          size="small"
                          onClick={() => setRotating(key)}
                          aria-label={`Rotate ${key.name || key.prefix}`}
                        >
                          Rotate
                        </Button>
                        <Button
                          size="small"
                          variant="danger"
                          onClick={() => setRevoking(key)}
                          aria-label={`Revoke ${key.name || key.prefix}`}
                        >
                          Revoke
                        </Button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <CreateKeyDialog store={store} open={creating} onClose={() => setCreating(false)} />
      <RotateKeyDialog store={store} target={rotating} onClose={() => setRotating(null)} />
      <RevokeKeyDialog store={store} target={revoking} onClose={() => setRevoking(null)} />
      <RevealKeyDialog store={store} />
    </>
  );
}
