import { useState } from 'preact/hooks';
import { can } from '../../stores/session';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Field, inputClass } from '../../ui/Field';
import ui from '../../ui/ui.module.css';
import styles from './Sso.module.css';
import { enforceBlocker } from './sso-form';
import type { SsoStore } from './useSso';

/** Props of {@link EnforceCard}. */
export interface EnforceCardProps {
  store: SsoStore;
}

/** Enforce SSO: password sign-in off for everyone but one break-glass owner. */
export function EnforceCard({ store }: EnforceCardProps) {
  const view = store.settings.value!;
  const editable = can('sso:write');
  const [enforce, setEnforce] = useState(view.enforce);
  const [owner, setOwner] = useState(view.breakGlassUserId ?? '');
  const blocker = enforce
    ? enforceBlocker({ enabled: view.enabled, breakGlassUserId: owner || null })
    : null;
  const errors = store.fieldErrors.value;
  return (
    <Card
      title="Enforce single sign-on"
      description="Password sign-in is refused for everyone except the break-glass owner, who keeps a password in case the IdP is down."
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void store.save('Enforcement', { enforce, breakGlassUserId: owner || null });
        }}
      >
        <fieldset class={styles.plain} disabled={!editable}>
          <label class={styles.toggle}>
            <input
              type="checkbox"
              checked={enforce}
              onChange={(e) => setEnforce(e.currentTarget.checked)}
            />
            <span>Require single sign-on for this workspace</span>
          </label>
          <Field label="Break-glass owner" error={errors.breakGlassUserId ?? errors.enforce}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                class={inputClass}
                value={owner}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(e) => setOwner(e.currentTarget.value)}
              >
                <option value="">Choose an owner…</option>
                {store.owners.value.map((o) => (
                  <option value={o.id} key={o.id}>
                    {o.email}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {blocker && <div class={ui.notice}>{blocker}</div>}
          {editable && (
            <Button
              type="submit"
              variant="primary"
              disabled={Boolean(blocker)}
              busy={store.saving.value === 'Enforcement'}
            >
              Save enforcement
            </Button>
          )}
        </fieldset>
      </form>
    </Card>
  );
}
