import { useEffect, useMemo } from 'preact/hooks';
import { can } from '../../stores/session';
import { Card, PageHeader } from '../../ui/Card';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { AccessCard } from './AccessCard';
import { EnforceCard } from './EnforceCard';
import { IdpCard } from './IdpCard';
import { SpValuesCard } from './SpValuesCard';
import styles from './Sso.module.css';
import { TestConnection } from './TestConnection';
import { createSsoStore, type SsoStore } from './useSso';

/** Single sign-on: connect the workspace's SAML identity provider, test it, map roles, enforce it. */
export function Sso() {
  const store = useMemo(createSsoStore, []);
  useEffect(() => {
    void store.load();
  }, [store]);
  const view = store.settings.value;
  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="Your people sign in with your identity provider (SAML 2.0): Okta, Entra ID, Google Workspace, OneLogin, Keycloak, ADFS."
      />
      <ErrorAlert message={store.loadError.value} />
      {view && (
        <>
          <StatusCard store={store} />
          <SpValuesCard sp={view.sp} />
          <IdpCard store={store} />
          <AccessCard store={store} />
          <EnforceCard store={store} />
        </>
      )}
    </>
  );
}

/** Props of {@link StatusCard}. */
export interface StatusCardProps {
  store: SsoStore;
}

/** On/off switches and the Test connection. */
export function StatusCard({ store }: StatusCardProps) {
  const view = store.settings.value!;
  const editable = can('sso:write');
  const toggle = (field: 'enabled' | 'idpInitiated' | 'widgetLogin', label: string) => (
    <label class={styles.toggle}>
      <input
        type="checkbox"
        checked={view[field]}
        disabled={!editable || store.saving.value !== null || (field === 'enabled' && !view.idp)}
        onChange={(e) => void store.save(label, { [field]: e.currentTarget.checked })}
      />
      <span>{label}</span>
    </label>
  );
  return (
    <Card
      title="Status"
      description={
        view.enabled
          ? 'Single sign-on is on.'
          : 'Single sign-on is off. Test the connection before switching it on.'
      }
    >
      {toggle('enabled', 'Single sign-on enabled')}
      {toggle('idpInitiated', 'Allow sign-in from the IdP dashboard (IdP-initiated)')}
      {toggle('widgetLogin', 'Employees may sign in to the widget (verified chat identity)')}
      <ErrorAlert message={store.fieldErrors.value._form} />
      {editable && <TestConnection store={store} />}
    </Card>
  );
}
