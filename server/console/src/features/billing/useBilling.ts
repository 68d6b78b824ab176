import { signal } from '@preact/signals';
import { errorMessage } from '../../lib/api';
import { api } from '../../stores/api';
import { notify } from '../../stores/toasts';
import { type BillingOverview, clickKey } from './billing-view';

/** How a page leaves for Stripe; tests replace it. */
export type Navigate = (url: string) => void;

/**
 * The billing store: the overview, and the two ways out to Stripe
 * (Checkout for a new subscription, the Portal for everything else). Each
 * click gets its own idempotency key, so a retried request reopens the
 * same Stripe session instead of creating another.
 */
export function createBillingStore(navigate: Navigate = (url) => window.location.assign(url)) {
  const overview = signal<BillingOverview | null>(null);
  const error = signal<string | null>(null);
  const busy = signal<string | null>(null);
  const load = async () => {
    try {
      overview.value = await api<BillingOverview>('GET', '/api/billing');
      error.value = null;
    } catch (e) {
      error.value = errorMessage(e);
    }
  };
  const leave = async (what: string, path: string, body: Record<string, unknown>) => {
    busy.value = what;
    try {
      const { url } = await api<{ url: string }>('POST', path, {
        ...body,
        idempotencyKey: clickKey(),
      });
      navigate(url);
    } catch (e) {
      notify(errorMessage(e), 'error');
      busy.value = null;
    }
  };
  return {
    overview,
    error,
    /** Which action is on its way to Stripe (a plan id or `portal`), for busy buttons. */
    busy,
    load,
    checkout: (plan: string) => leave(plan, '/api/billing/checkout', { plan }),
    portal: () => leave('portal', '/api/billing/portal', {}),
    /**
     * After Stripe sends the admin back, the webhook may still be on its
     * way: re-read a few times until the plan changes.
     */
    async awaitUpgrade(tries = 5, delayMs = 2000): Promise<void> {
      const before = overview.value?.plan.id;
      for (let i = 0; i < tries; i++) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        await load();
        if (overview.value && overview.value.plan.id !== before) return;
      }
    },
  };
}

/** The billing store's type. */
export type BillingStore = ReturnType<typeof createBillingStore>;

/** One tenant in the operator's billing view. */
export interface OperatorBillingItem {
  tenant: { id: string; slug: string; name: string; status: string };
  plan: string;
  overrides: Record<string, unknown>;
  subscriptionStatus: string | null;
  mrr: { amount: number; currency: string } | null;
  pastDueSince: string | null;
  restricted: boolean;
}

/** `GET /api/operator/billing`. */
export interface OperatorBillingOverview {
  enabled: boolean;
  items: OperatorBillingItem[];
  mrr: { currency: string; amount: number }[];
}

/** The operator's billing store: every tenant's plan and the MRR. */
export function createOperatorBillingStore() {
  const overview = signal<OperatorBillingOverview | null>(null);
  const error = signal<string | null>(null);
  return {
    overview,
    error,
    async load() {
      try {
        overview.value = await api<OperatorBillingOverview>('GET', '/api/operator/billing');
      } catch (e) {
        error.value = errorMessage(e);
      }
    },
  };
}
