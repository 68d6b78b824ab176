import type { Connection } from 'mongoose';
import type Stripe from 'stripe';
import type { TenantId } from '../../db/tenant-scope';
import { ParleyError } from '../../errors';
import { billingStateModel } from '../../models/billing-state';
import { meterReportModel } from '../../models/meter-report';
import { stripeEventModel } from '../../models/stripe-event';
import { usageModel } from '../../models/usage';
import { BillingAccounts } from './accounts';
import { LimitLocks } from './limit-lock';
import type { EffectiveLimits } from './limits';
import { MeterReporter, type MeterReporterHooks } from './meter-reporter';
import type { NoticeSender } from './notices';
import type { CountLimitName, PlanCatalogue } from './plans';
import { type ChatReservation, type IngestReservation, type MessageUsage, Quotas } from './quota';
import { type SessionRequest, StripeSessions } from './sessions';
import { type PlanChangeAudit, SubscriptionSync } from './subscription-sync';
import { dayKey, monthKey, UsageCounters } from './usage-counters';
import { webhookHandlers } from './webhook-handlers';
import { type WebhookOutcome, WebhookProcessor } from './webhook-processor';
import { verifyStripeWebhook } from './webhook-verify';

/** What billing needs; `app.ts` (or a test) provides it. */
export interface BillingDeps {
  connection: Connection;
  catalogue: PlanCatalogue;
  /** The Stripe client, or `null` when Stripe is not configured (billing off, quotas still on). */
  stripe: Stripe | null;
  webhookSecret: string | undefined;
  /** The console's billing page, where Stripe sends admins back. */
  billingPageUrl: string;
  /** Delivers 80 %/100 % usage notices (email to the tenant's admins). */
  notify?: NoticeSender;
  logger: { warn(object: object, message: string): void };
  now?: () => Date;
  meterHooks?: MeterReporterHooks;
  /** Records plan changes made by Stripe webhooks in the tenant's audit log. */
  auditPlanChange?: PlanChangeAudit;
}

/**
 * Billing for one server: plans and overrides, usage counters and quotas,
 * Stripe sessions, webhooks and the meter job. Built once in `app.ts`;
 * other areas receive it (or the narrow functions they need) as a dependency.
 */
export class Billing {
  readonly accounts: BillingAccounts;
  readonly counters: UsageCounters;
  readonly quotas: Quotas;
  readonly catalogue: PlanCatalogue;
  /** Null when Stripe is not configured. */
  readonly sessions: StripeSessions | null;
  /** Null when Stripe is not configured. */
  readonly meter: MeterReporter | null;
  /**
   * Resolves once the unique indexes the quota and webhook logic rely on
   * exist; the public methods wait for it, so callers need not.
   */
  readonly ready: Promise<void>;
  private readonly webhooks: WebhookProcessor | null;
  private readonly limitLocks: LimitLocks;
  /** The clock every billing decision uses (tests move it). */
  readonly now: () => Date;

  constructor(private readonly deps: BillingDeps) {
    this.now = deps.now ?? (() => new Date());
    const c = deps.connection;
    this.ready = Promise.all(
      [usageModel(c), billingStateModel(c), stripeEventModel(c), meterReportModel(c)].map((m) =>
        m.init(),
      ),
    ).then(() => undefined);
    // Failures surface through the methods that await `ready`; do not crash the process here.
    this.ready.catch(() => undefined);
    this.catalogue = deps.catalogue;
    this.accounts = new BillingAccounts(deps.connection, deps.catalogue, this.now);
    this.counters = new UsageCounters(deps.connection);
    this.limitLocks = new LimitLocks(deps.connection);
    this.quotas = new Quotas(
      this.accounts,
      this.counters,
      deps.notify ?? (async () => {}),
      deps.logger,
      this.now,
    );
    const stripe = deps.stripe;
    this.sessions = stripe
      ? new StripeSessions(stripe, this.accounts, deps.catalogue, {
          billingPage: deps.billingPageUrl,
        })
      : null;
    this.meter = stripe
      ? new MeterReporter({
          connection: deps.connection,
          stripe,
          accounts: this.accounts,
          counters: this.counters,
          catalogue: deps.catalogue,
          logger: deps.logger,
          now: this.now,
          hooks: deps.meterHooks,
        })
      : null;
    this.webhooks =
      stripe && deps.webhookSecret
        ? new WebhookProcessor(
            deps.connection,
            webhookHandlers({
              accounts: this.accounts,
              sync: new SubscriptionSync(
                stripe,
                this.accounts,
                deps.catalogue,
                this.now,
                deps.auditPlanChange,
              ),
            }),
            this.now,
          )
        : null;
  }

  /** True when Stripe is configured: checkout, portal, webhooks and metering work. */
  get enabled(): boolean {
    return this.sessions !== null;
  }

  /**
   * Quota check before any model call: reserves one message of the month or
   * throws `PARLEY_CHAT_QUOTA_EXCEEDED` (402). Pass the reservation to
   * {@link recordAnsweredMessage} once answered, or call `release()` if not.
   */
  async assertChatAllowed(tenantId: TenantId): Promise<ChatReservation> {
    await this.ready;
    return this.quotas.reserveChatMessage(tenantId);
  }

  /** Counts an answered message and its tokens for the day (commits the reservation). */
  async recordAnsweredMessage(
    tenantId: TenantId,
    usage: MessageUsage,
    reservation?: ChatReservation,
  ): Promise<void> {
    if (reservation) return reservation.commit(usage);
    await this.ready;
    // Without a reservation the month still has to count it, or the quota would leak.
    await this.counters.add(String(tenantId), monthKey(this.now()), { messages: 1 });
    await this.counters.add(String(tenantId), dayKey(this.now()), {
      messages: 1,
      promptTokens: Math.max(0, Math.floor(usage.promptTokens) || 0),
      completionTokens: Math.max(0, Math.floor(usage.completionTokens) || 0),
    });
  }

  /**
   * Quota check at ingestion: reserves room for one document of `bytes` or
   * throws `PARLEY_PLAN_LIMIT_REACHED` (402). `commit()` once stored,
   * `release()` if ingestion failed.
   */
  async assertIngestAllowed(tenantId: TenantId, bytes: number): Promise<IngestReservation> {
    await this.ready;
    return this.quotas.reserveDocument(tenantId, bytes);
  }

  /** Frees a deleted document's place and bytes. */
  async recordDocumentRemoved(tenantId: TenantId, bytes: number): Promise<void> {
    await this.ready;
    return this.quotas.documentRemoved(tenantId, bytes);
  }

  /** The tenant's effective limits (plan + overrides, or Free after lapsed dunning). */
  limits(tenantId: TenantId): Promise<EffectiveLimits> {
    return this.accounts.limits(tenantId);
  }

  /** Throws `PARLEY_PLAN_LIMIT_REACHED` when `current + adding` passes a counted limit (seats, widgets). */
  assertWithinLimit(tenantId: TenantId, limit: CountLimitName, current: number, adding = 1) {
    return this.quotas.assertWithinLimit(tenantId, limit, current, adding);
  }

  /**
   * Runs `section` (count, {@link assertWithinLimit}, then write) while
   * holding the tenant's lease on `limit`, so two requests racing for the last
   * seat cannot both pass, on any instance. Sections on the same tenant and
   * limit wait for each other (429 `PARLEY_RATE_LIMITED` after ~20 s).
   */
  withLimitLock<T>(
    tenantId: TenantId,
    limit: CountLimitName,
    section: () => Promise<T>,
  ): Promise<T> {
    return this.limitLocks.hold(String(tenantId), limit, section);
  }

  /** Throws `PARLEY_PLAN_FEATURE_UNAVAILABLE` when the plan lacks SSO or badge removal. */
  assertFeature(tenantId: TenantId, feature: 'ssoAllowed' | 'removeBadge'): Promise<void> {
    return this.quotas.assertFeature(tenantId, feature);
  }

  /** Assigns a plan and overrides (operator; the CLI's `tenant plan set`). */
  async setPlan(
    tenantId: TenantId,
    plan: string,
    overrides?: Record<string, unknown>,
    options: { replaceOverrides?: boolean } = {},
  ) {
    await this.ready;
    return this.accounts.setPlan(tenantId, plan, { overrides, ...options });
  }

  /** Starts the periodic meter job (no-op when Stripe is off). */
  async startMeter(intervalMs: number): Promise<void> {
    await this.ready;
    this.meter?.start(intervalMs);
  }

  /** Stops the meter job, waiting for a run in progress. */
  async stop(): Promise<void> {
    await this.meter?.stop();
  }

  /** Creates a Checkout session (or a plan-change Portal session for a subscriber). */
  async checkout(request: SessionRequest, plan: string): Promise<{ url: string }> {
    const sessions = this.requireSessions();
    await this.ready;
    return sessions.checkout(request, plan);
  }

  /** Creates a Customer Portal session. */
  async portal(request: SessionRequest): Promise<{ url: string }> {
    const sessions = this.requireSessions();
    await this.ready;
    return sessions.portal(request);
  }

  /** Verifies and applies one webhook delivery (raw body and `Stripe-Signature`). */
  async handleWebhook(rawBody: Buffer, signature: string | undefined): Promise<WebhookOutcome> {
    if (!this.webhooks || !this.deps.webhookSecret)
      throw new ParleyError('PARLEY_BILLING_NOT_CONFIGURED');
    const event = verifyStripeWebhook(rawBody, signature, this.deps.webhookSecret, this.now());
    await this.ready;
    return this.webhooks.process(event);
  }

  private requireSessions(): StripeSessions {
    if (!this.sessions) throw new ParleyError('PARLEY_BILLING_NOT_CONFIGURED');
    return this.sessions;
  }
}

/**
 * What the tenancy routes need from billing: plan changes through the
 * catalogue, and the seat / widget limits and features they enforce.
 */
export type PlanGate = Pick<
  Billing,
  'setPlan' | 'assertWithinLimit' | 'withLimitLock' | 'assertFeature'
>;
