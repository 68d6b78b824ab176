import { useEffect, useMemo } from 'preact/hooks';
import { relativeTime } from '../../lib/format';
import { Badge, Card } from '../../ui/Card';
import { ErrorAlert } from '../../ui/ErrorAlert';
import ui from '../../ui/ui.module.css';
import styles from './Billing.module.css';
import { formatMoney } from './billing-view';
import { createOperatorBillingStore } from './useBilling';

/** Props of {@link OperatorBilling}. */
export interface OperatorBillingProps {
  /** Card title (the operator page may place it under its own heading). */
  title?: string;
}

/** The operator's view of billing: every tenant's plan, subscription, dunning state and MRR. */
export function OperatorBilling({ title = 'Plans and revenue' }: OperatorBillingProps) {
  const store = useMemo(createOperatorBillingStore, []);
  useEffect(() => {
    void store.load();
  }, [store]);
  const overview = store.overview.value;
  return (
    <Card
      title={title}
      description={
        overview && !overview.enabled ? 'Billing is off: Stripe is not configured.' : undefined
      }
    >
      <ErrorAlert message={store.error.value} />
      {overview === null ? (
        !store.error.value && <p class={ui.empty}>Loading…</p>
      ) : (
        <>
          <div class={styles.mrr}>
            {overview.mrr.length === 0 ? (
              <span>MRR: {formatMoney(0, 'usd')}</span>
            ) : (
              overview.mrr.map((m) => (
                <span key={m.currency}>MRR: {formatMoney(m.amount, m.currency)}</span>
              ))
            )}
          </div>
          <table class={ui.table}>
            <caption class="visually-hidden">Tenants' plans</caption>
            <thead>
              <tr>
                <th scope="col">Workspace</th>
                <th scope="col">Plan</th>
                <th scope="col">Subscription</th>
                <th scope="col">MRR</th>
              </tr>
            </thead>
            <tbody>
              {overview.items.map((item) => (
                <tr key={item.tenant.id}>
                  <td>
                    {item.tenant.name}
                    <br />
                    <small class={styles.muted}>{item.tenant.slug}</small>
                  </td>
                  <td>
                    {item.plan}
                    {Object.keys(item.overrides).length > 0 && (
                      <>
                        {' '}
                        <Badge tone="info">overrides</Badge>
                      </>
                    )}
                  </td>
                  <td>
                    {item.restricted ? (
                      <Badge tone="danger">restricted to Free</Badge>
                    ) : item.pastDueSince ? (
                      <Badge tone="warning">past due {relativeTime(item.pastDueSince)}</Badge>
                    ) : (
                      (item.subscriptionStatus ?? '—')
                    )}
                  </td>
                  <td>{item.mrr ? formatMoney(item.mrr.amount, item.mrr.currency) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
