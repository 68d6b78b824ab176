/**
 * Billing: plans as configuration, usage counters and quotas, Stripe
 * Checkout/Portal, webhooks and the meter job. Other areas import from here.
 */
export { BillingAccounts, type BillingView } from './accounts';
export { Billing, type BillingDeps, type PlanGate } from './billing';
export { billingPagePath, createBilling } from './create-billing';
export {
  type EffectiveLimits,
  effectiveLimits,
  type LimitOverrides,
  parseOverridePairs,
  parseOverrides,
} from './limits';
export { MeterReporter, type MeterRunResult } from './meter-reporter';
export { type NoticeSender, type UsageNotice, usageNoticeMessage } from './notices';
export {
  type CountLimitName,
  defaultPlansFile,
  type Limits,
  loadPlanCatalogue,
  type Plan,
  type PlanCatalogue,
  PlanCatalogueError,
  parsePlanCatalogue,
} from './plans';
export type { ChatReservation, IngestReservation, MessageUsage } from './quota';
export type { SessionRequest } from './sessions';
export { createStripeClient, stripeApiVersion, stripeEndpoint } from './stripe-client';
export { dayKey, monthKey } from './usage-counters';
export { billingOverview, maxUsageDays, operatorBillingOverview, usageSummary } from './views';
export { handledEventTypes } from './webhook-handlers';
export type { WebhookOutcome } from './webhook-processor';
