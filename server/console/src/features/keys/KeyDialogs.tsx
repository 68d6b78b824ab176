import { useState } from 'preact/hooks';
import { graceOptions } from '../../lib/format';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import { Dialog } from '../../ui/Dialog';
import { Field, inputClass } from '../../ui/Field';
import ui from '../../ui/ui.module.css';
import styles from './Keys.module.css';
import type { ApiKeyView, KeysStore } from './useKeys';

/** Props of {@link RevealKeyDialog}. */
export interface RevealKeyDialogProps {
  store: KeysStore;
}

/** Shows a just-created key in full, once, with a copy button. */
export function RevealKeyDialog({ store }: RevealKeyDialogProps) {
  const revealed = store.revealed.value;
  const close = () => {
    store.revealed.value = null;
  };
  return (
    <Dialog
      title="Your new key"
      open={revealed !== null}
      onClose={close}
      actions={
        <Button variant="primary" onClick={close}>
          Done
        </Button>
      }
    >
      {revealed && (
        <>
          {revealed.key.kind === 'secret' ? (
            <div class={ui.notice} role="note">
              Copy this secret key now and store it safely.{' '}
              <strong>It will not be shown again.</strong>
            </div>
          ) : (
            <div class={`${ui.notice} ${ui.noticeInfo}`} role="note">
              Publishable keys are safe in page source. The Embed page shows the script tag with
              this key.
            </div>
          )}
          <div class={ui.codeRow}>
            <code class={`${ui.code} ${styles.secret}`} data-testid="revealed-key">
              {revealed.secret}
            </code>
            <CopyButton text={revealed.secret} />
          </div>
        </>
      )}
    </Dialog>
  );
}

/** Props of {@link RotateKeyDialog}. */
export interface RotateKeyDialogProps {
  store: KeysStore;
  target: ApiKeyView | null;
  onClose: () => void;
}

/** Rotates a key: a new key now, the old one keeps working for the grace period chosen. */
export function RotateKeyDialog({ store, target, onClose }: RotateKeyDialogProps) {
  const [grace, setGrace] = useState(24 * 3600);
  return (
    <Dialog
      title={`Rotate ${target?.name || target?.prefix || 'key'}`}
      open={target !== null}
      onClose={onClose}
      onSubmit={async () => {
        if (target && (await store.rotate(target.id, grace))) onClose();
      }}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={store.busy.value}>
            Rotate key
          </Button>
        </>
      }
    >
      <p>
        A new key replaces this one. Keep the old key working long enough to deploy the new one
        everywhere.
      </p>
      <Field label="Old key keeps working for">
        {({ id }) => (
          <select
            id={id}
            class={inputClass}
            value={grace}
            onChange={(e) => setGrace(Number(e.currentTarget.value))}
          >
            {graceOptions.map((option) => (
              <option key={option.seconds} value={option.seconds}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>
    </Dialog>
  );
}

/** Props of {@link RevokeKeyDialog}. */
export interface RevokeKeyDialogProps {
  store: KeysStore;
  target: ApiKeyView | null;
  onClose: () => void;
}

/** Confirms revoking a key: it stops working at once, everywhere. */
export function RevokeKeyDialog({ store, target, onClose }: RevokeKeyDialogProps) {
  return (
    <Dialog
      title={`Revoke ${target?.name || target?.prefix || 'key'}?`}
      open={target !== null}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="danger-solid"
            busy={store.busy.value}
            onClick={async () => {
              if (target && (await store.revoke(target))) onClose();
            }}
          >
            Revoke key
          </Button>
        </>
      }
    >
      <p>
        Requests with <code>{target?.prefix}…</code> fail immediately. Pages or servers still using
        it stop working. This cannot be undone.
      </p>
    </Dialog>
  );
}
