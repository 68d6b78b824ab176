import { Button } from '../../ui/Button';
import ui from '../../ui/ui.module.css';
import styles from './Sso.module.css';
import type { SsoStore } from './useSso';

/** Props of {@link TestConnection}. */
export interface TestConnectionProps {
  store: SsoStore;
}

/** Runs a real sign-in in a popup (nobody is signed in) and shows what the IdP sent. */
export function TestConnection({ store }: TestConnectionProps) {
  const result = store.testResult.value;
  return (
    <div>
      <Button
        onClick={() => store.startTest()}
        busy={store.testing.value}
        disabled={!store.settings.value?.idp}
      >
        Test connection
      </Button>
      <div class={styles.result} aria-live="polite">
        {result?.ok === false && (
          <div class={ui.alert} role="alert">
            Connection failed (<code>{result.reason}</code>): {result.message}
          </div>
        )}
        {result?.ok && (
          <>
            <div class={`${ui.notice} ${ui.noticeInfo}`}>
              Connection works: signed in as <strong>{result.email ?? result.nameId}</strong>. A
              real sign-in would {result.outcome}.
            </div>
            <table class={`${ui.table} ${styles.attributes}`}>
              <caption>Attributes received</caption>
              <thead>
                <tr>
                  <th scope="col">Attribute</th>
                  <th scope="col">Values</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(result.attributes ?? {}).map(([name, values]) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td>{values.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </div>
  );
}
