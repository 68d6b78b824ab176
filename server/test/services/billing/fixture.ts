import type { TestContext } from 'node:test';
import { loadConfig } from '../../../src/config';
import type { Database } from '../../../src/db/connect';
import { createLogger } from '../../../src/logger';
import type { Billing } from '../../../src/services/billing/billing';
import { createBilling } from '../../../src/services/billing/create-billing';
import type { NoticeSender, UsageNotice } from '../../../src/services/billing/notices';
import { TenantService } from '../../../src/services/tenants/tenant-service';
import { startTestDatabase } from '../../support/database';
import { FakeStripe } from '../../support/fake-stripe';

/** The webhook signing secret the fixtures use. */
export const webhookSecret = 'whsec_parley_test_secret';

/** A clock tests move by hand. */
export class TestClock {
  constructor(public at = new Date('2026-11-20T10:00:00Z')) {}
  readonly now = () => new Date(this.at);
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
  get seconds(): number {
    return Math.floor(this.at.getTime() / 1000);
  }
}

/** Everything a billing test needs: a real embedded database, the fake Stripe and a Billing on both. */
export interface BillingFixture {
  database: Database;
  stripe: FakeStripe;
  billing: Billing;
  clock: TestClock;
  notices: UsageNotice[];
  /** Creates a real tenant (on the Free plan unless told) and returns its id. */
  newTenant(plan?: string): Promise<string>;
}

/** Builds billing on a fresh database; with `stripe: false`, billing runs as if Stripe were not configured. */
export async function billingFixture(
  t: TestContext,
  options: { stripe?: boolean; maxNetworkRetries?: number; notify?: NoticeSender } = {},
): Promise<BillingFixture> {
  const database = await startTestDatabase(t);
  const stripe = await FakeStripe.start(t);
  const clock = new TestClock();
  const notices: UsageNotice[] = [];
  const withStripe = options.stripe ?? true;
  const config = loadConfig({
    PARLEY_LOG_LEVEL: 'silent',
    PORT: '0',
    PUBLIC_URL: 'https://parley.example.com',
    ...(withStripe
      ? {
          STRIPE_SECRET_KEY: 'sk_test_parley',
          STRIPE_WEBHOOK_SECRET: webhookSecret,
          STRIPE_API_URL: stripe.url,
        }
      : {}),
  });
  const billing = createBilling({
    config,
    connection: database.connection,
    logger: createLogger('silent'),
    now: clock.now,
    maxNetworkRetries: options.maxNetworkRetries ?? 0,
    notify:
      options.notify ??
      (async (notice) => {
        notices.push(notice);
      }),
  });
  await billing.ready;
  t.after(() => billing.stop());
  const tenants = new TenantService(database.connection);
  let seq = 0;
  const newTenant = async (plan?: string) => {
    seq++;
    const tenant = await tenants.create({ name: `Company ${seq}`, slug: `company-${seq}`, plan });
    return tenant._id.toString();
  };
  return { database, stripe, billing, clock, notices, newTenant };
}
