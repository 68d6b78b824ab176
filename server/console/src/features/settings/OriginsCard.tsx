import { useState } from 'preact/hooks';
import { isLocalPattern, originHint } from '../../lib/origins';
import { can } from '../../stores/session';
import { Button } from '../../ui/Button';
import { Badge, Card } from '../../ui/Card';
import { Field, inputClass } from '../../ui/Field';
import ui from '../../ui/ui.module.css';
import styles from './Settings.module.css';
import type { TenantStore } from './useTenant';

/** Props of {@link OriginsCard}. */
export interface OriginsCardProps {
  store: TenantStore;
}

/** The allow-list of sites that may embed the widget: add and remove origins. */
export function OriginsCard({ store }: OriginsCardProps) {
  const tenant = store.tenant.value!;
  const [draft, setDraft] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const editable = can('tenant:write');
  const serverError = Object.entries(store.fieldErrors.value).find(([path]) =>
    path.startsWith('allowedOrigins'),
  )?.[1];
  const save = async (origins: string[]) =>
    store.save('Allowed origins', { allowedOrigins: origins });
  const add = async () => {
    const problem = originHint(draft);
    setHint(problem);
    if (problem) return;
    if (await save([...tenant.allowedOrigins, draft.trim()])) setDraft('');
  };
  return (
    <Card
      title="Allowed origins"
      description="The widget only works on pages served from these origins. Everything else is refused."
    >
      {tenant.allowedOrigins.length === 0 ? (
        <div class={ui.notice}>
          No origins yet: the widget works nowhere until you add your site.
        </div>
      ) : (
        <ul class={styles.originList} aria-label="Allowed origins">
          {tenant.allowedOrigins.map((origin) => (
            <li class={styles.originItem} key={origin}>
              <span class={styles.origin}>
                {origin}
                {isLocalPattern(origin) && <Badge tone="info">test keys only</Badge>}
              </span>
              {editable && (
                <Button
                  size="small"
                  variant="danger"
                  aria-label={`Remove ${origin}`}
                  busy={store.saving.value === 'Allowed origins'}
                  onClick={() => void save(tenant.allowedOrigins.filter((o) => o !== origin))}
                >
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form
          class={styles.addRow}
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <Field
            label="Add an origin"
            hint="https://intranet.example.com, https://*.intranet.example for all subdomains, or http://localhost:* for local testing."
            error={hint ?? serverError}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                class={inputClass}
                name="origin"
                placeholder="https://intranet.example.com"
                value={draft}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onInput={(e) => {
                  setDraft(e.currentTarget.value);
                  setHint(null);
                }}
              />
            )}
          </Field>
          <Button
            type="submit"
            variant="primary"
            style={{ marginTop: '1.6rem' }}
            busy={store.saving.value === 'Allowed origins'}
          >
            Add origin
          </Button>
        </form>
      )}
    </Card>
  );
}
