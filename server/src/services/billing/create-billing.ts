import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import { AuditService } from '../audit/audit-service';
import type { Mailer } from '../mail/mailer';
import { Billing } from './billing';
import { usageNoticeMailer } from './notice-mailer';
import type { NoticeSender } from './notices';
import { loadPlanCatalogue, type PlanCatalogue } from './plans';
import { createStripeClient } from './stripe-client';

/** Path of the console's billing page, where Stripe returns admins. */
export const billingPagePath = '/admin/billing';

/**
 * Builds billing from the server configuration: the plan catalogue
 * (`PARLEY_PLANS_FILE` or the shipped `plans.json`), the Stripe client when
 * `STRIPE_SECRET_KEY` is set (pointed at `STRIPE_API_URL` if given), and the
 * webhook secret. Without Stripe, quotas still apply and plans are set by CLI.
 */
export function createBilling(options: {
  config: Config;
  connection: Connection;
  logger: { warn(object: object, message: string): void };
  /** Usage notices go to the tenant's owners and admins through this mailer (unless `notify` is given). */
  mailer?: Mailer;
  notify?: NoticeSender;
  catalogue?: PlanCatalogue;
  now?: () => Date;
  /** Stripe client network retries; tests that simulate failures use 0. */
  maxNetworkRetries?: number;
}): Billing {
  const { config } = options;
  const billingPageUrl = `${config.publicUrl}${billingPagePath}`;
  const notify =
    options.notify ??
    (options.mailer
      ? usageNoticeMailer({
          connection: options.connection,
          mailer: options.mailer,
          billingPageUrl,
        })
      : undefined);
  const audits = new AuditService(options.connection);
  return new Billing({
    connection: options.connection,
    catalogue: options.catalogue ?? loadPlanCatalogue(process.env.PARLEY_PLANS_FILE || undefined),
    stripe: createStripeClient(config.stripe, { maxNetworkRetries: options.maxNetworkRetries }),
    webhookSecret: config.stripe.webhookSecret,
    billingPageUrl,
    notify,
    logger: options.logger,
    auditPlanChange: async (change) => {
      await audits.record({
        tenantId: change.tenantId,
        actor: { type: 'system', id: null, label: 'stripe', role: null },
        action: 'billing.plan.change',
        target: { type: 'subscription', id: change.subscription },
        before: { plan: change.before },
        after: { plan: change.after, status: change.status },
      });
    },
    now: options.now,
  });
}
