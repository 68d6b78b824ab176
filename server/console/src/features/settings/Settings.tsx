import { useEffect, useMemo, useState } from 'preact/hooks';
import { can } from '../../stores/session';
import { Button } from '../../ui/Button';
import { Card, PageHeader } from '../../ui/Card';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field, inputClass } from '../../ui/Field';
import { OriginsCard } from './OriginsCard';
import { createTenantStore, type TenantStore } from './useTenant';
import { WidgetTextsCard } from './WidgetTextsCard';

/** Workspace settings: name, allowed origins and the widget's texts. */
export function Settings() {
  const store = useMemo(createTenantStore, []);
  useEffect(() => {
    void store.load();
  }, [store]);
  const tenant = store.tenant.value;
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your workspace, where the widget may run, and what it says."
      />
      <ErrorAlert message={store.loadError.value} />
      {tenant && (
        <>
          <GeneralCard store={store} />
          <OriginsCard store={store} />
          <WidgetTextsCard store={store} />
        </>
      )}
    </>
  );
}

function GeneralCard({ store }: { store: TenantStore }) {
  const tenant = store.tenant.value!;
  const [name, setName] = useState(tenant.name);
  const editable = can('tenant:write');
  return (
    <Card title="Workspace" description={`Slug ${tenant.slug} · ${tenant.plan} plan`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void store.save('Workspace', { name });
        }}
      >
        <Field label="Workspace name" error={store.fieldErrors.value.name}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              class={inputClass}
              value={name}
              maxLength={100}
              required
              disabled={!editable}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          )}
        </Field>
        {editable && (
          <Button type="submit" variant="primary" busy={store.saving.value === 'Workspace'}>
            Save name
          </Button>
        )}
      </form>
    </Card>
  );
}
