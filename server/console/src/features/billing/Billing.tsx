import type { Attributes } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { can } from '../../stores/session';
import { notify } from '../../stores/toasts';
import { Button } from '../../ui/Button';
import { Badge, Card, PageHeader } from '../../ui/Card';
import { ErrorAlert } from '../../ui/ErrorAlert';
import ui from '../../ui/ui.module.css';
import styles from './Billing.module.css';
import {
  type BillingOverview,
  dunningBanner,
  formatPrice,
  invoiceLabel,
  type PlanAction,
  type PlanOption,
  planAction,
  subscriptionLabel,
} from './billing-view';
import { type BillingStore, createBillingStore, type Navigate } from './useBilling';

/** Props of {@link Billing} (a page: the pages table renders it without props). */
export interface BillingProps extends Attributes {
  /** Where to send the browser for Stripe (default: `window.location.assign`). */
  onNavigate?: Navigate;
}

const actionLabels: Record<PlanAction, string> = {
  current: 'Current plan',
  upgrade: 'Upgrade',
  downgrade: 'Switch',
  cancel: 'Cancel subscription',
  contact: 'Contact sales',
  none: '',
};

/**
 * The Billing page: current plan and subscription, the past-due banner,
 * invoice status, the plans on offer (Checkout, or the Portal for
 * subscribers) and "Manage billing". Says so when billing is off.
 */
export function Billing({ onNavigate }: BillingProps) {
  const store = useMemo(() => createBillingStore(onNavigate), [onNavigate]);
  useEffect(() => {
    void store.load();
    const params = new URLSearchParams(window.location.search);
    if (params.get('checkout') === 'success') {
      notify('Thank you! Your new plan is being activated.');
      void store.awaitUpgrade();
    } else if (params.get('checkout') === 'cancelled') {
      notify('Checkout was cancelled; nothing changed.');
    }
  }, [store]);
  const overview = store.overview.value;
  return (
    <>
      <PageHeader
        title="Billing"
        description="Your plan, payments and invoices."
        actions={
          overview?.portalAvailable &&
          can('billing:manage') && (
            <Button onClick={() => void store.portal()} busy={store.busy.value === 'portal'}>
              Manage billing
            </Button>
          )
        }
      />
      <ErrorAlert message={store.error.value} />
      {overview === null ? (
        !store.error.value && <p class={ui.empty}>Loading billing…</p>
      ) : (
        <BillingBody overview={overview} store={store} />
      )}
    </>
  );
}

function BillingBody({ overview, store }: { overview: BillingOverview; store: BillingStore }) {
  const banner = dunningBanner(overview);
  const invoice = invoiceLabel(overview.invoice);
  const manage = can('billing:manage');
  return (
    <>
      {!overview.enabled && (
        <div class={`${ui.notice} ${ui.noticeInfo}`} role="status">
          Online billing is off on this server. Your plan is managed by the platform operator.
        </div>
      )}
      {banner && (
        <div class={banner.tone === 'danger' ? ui.alert : ui.notice} role="alert">
          {banner.text}{' '}
          {overview.invoice?.hostedInvoiceUrl && (
            <a href={overview.invoice.hostedInvoiceUrl} target="_blank" rel="noopener noreferrer">
              Pay the invoice
            </a>
          )}
        </div>
      )}
      <Card title="Current plan">
        <div class={styles.current}>
          <div>
            <p class={styles.planName}>{overview.plan.name}</p>
            <p class={styles.muted}>{subscriptionLabel(overview.subscription)}</p>
          </div>
          {invoice && (
            <div class={styles.invoice}>
              <Badge tone={invoice.tone}>{invoice.text}</Badge>
              {overview.invoice?.hostedInvoiceUrl && (
                <a
                  href={overview.invoice.hostedInvoiceUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  View invoice
                </a>
              )}
            </div>
          )}
        </div>
      </Card>
      <Card title="Plans">
        <ul class={styles.plans}>
          {overview.plans.map((plan) => (
            <PlanCard
              key={plan.id}
              plan={plan}
              action={planAction(overview, plan)}
              canManage={manage}
              busy={store.busy.value === plan.id}
              onChoose={() => {
                const action = planAction(overview, plan);
                if (action === 'cancel') void store.portal();
                else void store.checkout(plan.id);
              }}
            />
          ))}
        </ul>
      </Card>
    </>
  );
}

/** Props of {@link PlanCard}. */
export interface PlanCardProps {
  plan: PlanOption;
  action: PlanAction;
  canManage: boolean;
  busy: boolean;
  onChoose: () => void;
}

/** One plan with its price, main limits and the action offered. */
export function PlanCard({ plan, action, canManage, busy, onChoose }: PlanCardProps) {
  const limit = (n: number | null, unit: string) =>
    n === null ? `Unlimited ${unit}` : `${n.toLocaleString()} ${unit}`;
  return (
    <li
      class={`${styles.plan} ${action === 'current' ? styles.planCurrent : ''}`}
      data-plan={plan.id}
    >
      <h3 class={styles.planTitle}>{plan.name}</h3>
      <p class={styles.price}>{formatPrice(plan.price)}</p>
      <ul class={styles.features}>
        <li>{limit(plan.limits.messagesPerMonth, 'messages / month')}</li>
        <li>{limit(plan.limits.documents, 'documents')}</li>
        <li>{limit(plan.limits.seats, 'seats')}</li>
        <li>{plan.limits.ssoAllowed ? 'Single sign-on' : 'No single sign-on'}</li>
        <li>
          {plan.limits.removeBadge ? 'Remove the "Powered by" badge' : '"Powered by" badge shown'}
        </li>
      </ul>
      {action === 'current' ? (
        <Badge tone="info">Current plan</Badge>
      ) : action === 'contact' ? (
        <span class={styles.muted}>Contact sales</span>
      ) : (
        action !== 'none' &&
        canManage && (
          <Button
            variant={action === 'upgrade' ? 'primary' : 'default'}
            onClick={onChoose}
            busy={busy}
            aria-label={`${actionLabels[action]}: ${plan.name}`}
          >
            {actionLabels[action]}
          </Button>
        )
      )}
    </li>
  );
}
