import { Card } from '../../ui/Card';
import { CopyButton } from '../../ui/CopyButton';
import styles from './Sso.module.css';
import type { SpValues } from './sso-form';

/** Props of {@link SpValuesCard}. */
export interface SpValuesCardProps {
  sp: SpValues;
}

/** The values to paste into the IdP's application settings, each with a copy button. */
export function SpValuesCard({ sp }: SpValuesCardProps) {
  const rows: [string, string][] = [
    ['SP entity id (Audience URI)', sp.entityId],
    ['ACS URL (Reply URL)', sp.acsUrl],
    ['Metadata URL', sp.metadataUrl],
    ['Single logout URL', sp.sloUrl],
    ['Sign-in URL', sp.loginUrl],
  ];
  return (
    <Card
      title="Service provider details"
      description="Paste these into your identity provider's SAML application (Okta, Entra ID, Google, Keycloak, …)."
    >
      <dl class={styles.spList}>
        {rows.map(([label, value]) => (
          <div class={styles.spRow} key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
            <CopyButton text={value} label={`Copy ${label.split(' (')[0]}`} />
          </div>
        ))}
      </dl>
    </Card>
  );
}
