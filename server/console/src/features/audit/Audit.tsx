import { useEffect, useMemo, useState } from 'preact/hooks';
import { dateTime, describeAction } from '../../lib/format';
import { Button } from '../../ui/Button';
import { Card, PageHeader } from '../../ui/Card';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field, inputClass } from '../../ui/Field';
import ui from '../../ui/ui.module.css';
import { type AuditEntry, type AuditFilters, createAuditStore } from './useAudit';

const actionFilters = [
  { value: '', label: 'All changes' },
  { value: 'auth.', label: 'Sign-ins and passwords' },
  { value: 'tenant.', label: 'Workspace settings' },
  { value: 'key.', label: 'API keys' },
  { value: 'user.', label: 'Users and roles' },
  { value: 'theme.', label: 'Theme' },
  { value: 'document.', label: 'Documents' },
  { value: 'sso.', label: 'Single sign-on' },
  { value: 'billing.', label: 'Billing' },
];

/** The audit log: who changed what, when and from where; filterable and paged. */
export function Audit() {
  const store = useMemo(createAuditStore, []);
  const [filters, setFilters] = useState<AuditFilters>({
    action: '',
    actor: '',
    since: '',
    until: '',
  });
  useEffect(() => {
    void store.search(filters);
  }, [store]);
  const entries = store.entries.value;
  const set = (field: keyof AuditFilters) => (e: { currentTarget: { value: string } }) =>
    setFilters({ ...filters, [field]: e.currentTarget.value });
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in this workspace: who, what, when and from where."
      />
      <Card>
        <form
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fit, minmax(11rem, 1fr))',
            gap: '0 1rem',
            alignItems: 'end',
          }}
          onSubmit={(e) => {
            e.preventDefault();
            void store.search(filters);
          }}
        >
          <Field label="Change">
            {({ id }) => (
              <select id={id} class={inputClass} value={filters.action} onChange={set('action')}>
                {actionFilters.map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Who">
            {({ id }) => (
              <input
                id={id}
                class={inputClass}
                placeholder="email or key"
                value={filters.actor}
                onInput={set('actor')}
              />
            )}
          </Field>
          <Field label="From">
            {({ id }) => (
              <input
                id={id}
                class={inputClass}
                type="date"
                value={filters.since}
                onInput={set('since')}
              />
            )}
          </Field>
          <Field label="To">
            {({ id }) => (
              <input
                id={id}
                class={inputClass}
                type="date"
                value={filters.until}
                onInput={set('until')}
              />
            )}
          </Field>
          <div style={{ marginBottom: '1rem' }}>
            <Button type="submit" variant="primary" busy={store.loading.value}>
              Filter
            </Button>
          </div>
        </form>
      </Card>
      <ErrorAlert message={store.error.value} />
      <Card>
        {entries === null ? (
          <p class={ui.empty}>Loading…</p>
        ) : entries.length === 0 ? (
          <p class={ui.empty}>No changes match these filters.</p>
        ) : (
          <table class={ui.table}>
            <caption class="visually-hidden">Audit log entries</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <AuditRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        )}
        {store.next.value && (
          <div style={{ textAlign: 'center', marginTop: '1rem' }}>
            <Button onClick={() => void store.more()} busy={store.loading.value}>
              Load older entries
            </Button>
          </div>
        )}
      </Card>
    </>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const hasChanges = entry.before !== null || entry.after !== null;
  return (
    <tr>
      <td style={{ whiteSpace: 'nowrap' }}>{dateTime(entry.at)}</td>
      <td>
        {entry.actor.label}
        <br />
        <small>
          {entry.actor.type === 'secret-key'
            ? 'secret key'
            : (entry.actor.role ?? entry.actor.type)}
        </small>
      </td>
      <td>
        <strong>{describeAction(entry.action)}</strong>
        {entry.target.label && <> · {entry.target.label}</>}
        {hasChanges && (
          <details>
            <summary>Changes</summary>
            <pre class={ui.code}>
              {JSON.stringify({ before: entry.before, after: entry.after }, null, 2)}
            </pre>
          </details>
        )}
      </td>
      <td>
        <small>{entry.ip ?? '—'}</small>
      </td>
    </tr>
  );
}
