import type { Connection } from 'mongoose';
import type Stripe from 'stripe';
import { type TenantId, tenantScope } from '../../db/tenant-scope';
import {
  type MeterReport,
  meterReportModel,
  type PendingMeterEvent,
} from '../../models/meter-report';
import type { BillingAccounts } from './accounts';
import type { PlanCatalogue } from './plans';
import { liveStatuses } from './subscription-snapshot';
import { dayKey, type UsageCounters } from './usage-counters';

/** What one run did. */
export interface MeterRunResult {
  /** Meter events Stripe acknowledged in this run (resends included). */
  sent: number;
  /** Of those, events left pending by an earlier run (crash or failure) and sent again. */
  resent: number;
  /** Messages marked reported without a meter event: the tenant was not on a metered plan. */
  unmetered: number;
  /** Events that failed and stay pending for the next run. */
  failed: number;
}

/** Hooks for tests that simulate a crash between Stripe's answer and the acknowledgement. */
export interface MeterReporterHooks {
  afterSend?: (pending: PendingMeterEvent) => void | Promise<void>;
}

/** Stripe accepts meter events up to 35 days old; stay well inside that. */
export const lookbackDays = 30;

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/**
 * Reports answered messages to the Stripe Billing Meter, exactly once.
 *
 * For each tenant-day it writes the event it is about to send (`pending`,
 * with a deterministic identifier covering messages `reported+1..count`)
 * before calling Stripe, and clears it after Stripe answers. A crash in
 * between leaves the same event to resend on the next run, with the same
 * identifier and idempotency key, so Stripe counts it once. Runs on several
 * instances cannot double-report: claiming `pending` is a conditional write.
 */
export class MeterReporter {
  private readonly model: ReturnType<typeof meterReportModel>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<MeterRunResult> | undefined;

  constructor(
    private readonly deps: {
      connection: Connection;
      stripe: Stripe;
      accounts: BillingAccounts;
      counters: UsageCounters;
      catalogue: PlanCatalogue;
      logger: { warn(object: object, message: string): void };
      now: () => Date;
      hooks?: MeterReporterHooks;
    },
  ) {
    this.model = meterReportModel(deps.connection);
  }

  /** Runs every `intervalMs` (and once now); a run never overlaps the previous one. */
  start(intervalMs: number): void {
    const tick = () => {
      this.runOnce().catch((error) => this.deps.logger.warn({ err: error }, 'meter run failed'));
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass: resend what a previous run left pending, then report new usage. */
  runOnce(): Promise<MeterRunResult> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<MeterRunResult> {
    const result: MeterRunResult = { sent: 0, resent: 0, unmetered: 0, failed: 0 };
    // Cross-tenant by design: the job serves every tenant.
    const leftovers = await this.model.find({ pending: { $ne: null } }).lean<MeterReport[]>();
    for (const report of leftovers) {
      if (await this.send(report.tenantId, report.day, report.pending!)) {
        result.sent++;
        result.resent++;
      } else result.failed++;
    }
    const since = dayKey(new Date(this.deps.now().getTime() - lookbackDays * 86_400_000));
    // Two reads per run, then work only where usage moved past what was reported.
    const [days, reports] = await Promise.all([
      this.deps.counters.daysWithMessagesSince(since),
      this.model.find({ day: { $gte: since }, metric: 'messages' }).lean<MeterReport[]>(),
    ]);
    const reportedOf = new Map(reports.map((r) => [`${r.tenantId}:${r.day}`, r.reported]));
    for (const usage of days) {
      if (usage.messages <= (reportedOf.get(`${usage.tenantId}:${usage.period}`) ?? 0)) continue;
      const outcome = await this.reportDay(usage.tenantId.toString(), usage.period, usage.messages);
      if (outcome === 'sent') result.sent++;
      else if (outcome === 'failed') result.failed++;
      else if (typeof outcome === 'number') result.unmetered += outcome;
    }
    return result;
  }

  private async reportDay(
    tenantId: string,
    day: string,
    count: number,
  ): Promise<'sent' | 'failed' | 'none' | number> {
    const scope = tenantScope(this.model, tenantId);
    const report = await scope.findOne({ day, metric: 'messages' }).lean<MeterReport>();
    const reported = report?.reported ?? 0;
    if (count <= reported || report?.pending) return 'none';
    const customerId = await this.meteredCustomer(tenantId);
    const base = { day, metric: 'messages', reported, pending: null };
    if (!customerId) {
      // Not metered now: these messages are never billed by the meter, so move past them.
      const moved = await this.claim(scope, base, { $set: { reported: count } });
      return moved ? count - reported : 'none';
    }
    const now = this.deps.now();
    const endOfDay = Math.floor(new Date(`${day}T23:59:59Z`).getTime() / 1000);
    const pending: PendingMeterEvent = {
      identifier: `parley-${tenantId}-${day}-${reported + 1}-${count}`,
      value: count - reported,
      through: count,
      // A past day's usage is stamped on that day, so it lands in the billing period it happened in.
      timestamp: Math.min(Math.floor(now.getTime() / 1000), endOfDay),
      customerId,
      claimedAt: now,
    };
    if (!(await this.claim(scope, base, { $set: { pending } }))) return 'none';
    return (await this.send(tenantId, day, pending)) ? 'sent' : 'failed';
  }

  /** A conditional write on the report; false when another run got there first. */
  private async claim(
    scope: ReturnType<typeof tenantScope<MeterReport>>,
    filter: Record<string, unknown>,
    update: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      const result = await scope.updateOne(filter, update, { upsert: true });
      return result.modifiedCount + result.upsertedCount === 1;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  private async send(
    tenantId: TenantId,
    day: string,
    pending: PendingMeterEvent,
  ): Promise<boolean> {
    try {
      await this.deps.stripe.billing.meterEvents.create(
        {
          event_name: this.deps.catalogue.meter.eventName,
          identifier: pending.identifier,
          timestamp: pending.timestamp,
          payload: { stripe_customer_id: pending.customerId, value: String(pending.value) },
        },
        { idempotencyKey: pending.identifier },
      );
    } catch (error) {
      this.deps.logger.warn(
        { err: error, tenantId: String(tenantId), day, identifier: pending.identifier },
        'meter event not accepted; will retry',
      );
      return false;
    }
    await this.deps.hooks?.afterSend?.(pending);
    await tenantScope(this.model, tenantId).updateOne(
      { day, metric: 'messages', 'pending.identifier': pending.identifier },
      { $set: { reported: pending.through, pending: null } },
    );
    return true;
  }

  /** The Stripe customer to bill, if the tenant's live subscription has a metered price. */
  private async meteredCustomer(tenantId: string): Promise<string | null> {
    const state = await this.deps.accounts.get(tenantId);
    const sub = state.subscription;
    if (!state.stripeCustomerId || !sub || !liveStatuses.has(sub.status)) return null;
    const metered = sub.priceIds.some(
      (id) => this.deps.catalogue.byPriceId(id)?.stripe?.meteredPriceId === id,
    );
    return metered ? state.stripeCustomerId : null;
  }
}
