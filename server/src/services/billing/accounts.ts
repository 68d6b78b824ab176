import type { Connection } from 'mongoose';
import type { TenantId } from '../../db/tenant-scope';
import { tenantScope } from '../../db/tenant-scope';
import { ParleyError } from '../../errors';
import { type BillingState, billingStateModel } from '../../models/billing-state';
import { type Tenant, tenantModel } from '../../models/tenant';
import {
  type EffectiveLimits,
  effectiveLimits,
  type LimitOverrides,
  parseOverrides,
  type Standing,
} from './limits';
import type { PlanCatalogue } from './plans';

/** A tenant's billing record as read, with defaults when none was written yet. */
export type BillingView = Omit<BillingState, 'tenantId' | 'updatedAt'>;

/** A tenant's plan (from the tenant document) with its billing record. */
export type BillingAccount = BillingView & { plan: string };

/**
 * Reads and writes tenants' billing: the plan lives on the tenant document
 * (`tenant.plan`, which rate limits also read); overrides, Stripe ids,
 * subscription and dunning live in `billingStates`, always reached through
 * the tenant scope. Computes effective limits from both.
 */
export class BillingAccounts {
  private readonly model: ReturnType<typeof billingStateModel>;
  private readonly tenants: ReturnType<typeof tenantModel>;

  /** Standing per tenant for the quota hot path, briefly: plans change rarely, messages often. */
  private readonly standings = new Map<string, { until: number; standing: Standing }>();

  constructor(
    connection: Connection,
    private readonly catalogue: PlanCatalogue,
    private readonly now: () => Date,
    /**
     * How long a tenant's plan and overrides are reused before re-reading
     * them. Writes through this instance take effect at once; writes by
     * other instances (or directly to the tenant) within this time.
     */
    private readonly standingTtlMs = 5000,
  ) {
    this.model = billingStateModel(connection);
    this.tenants = tenantModel(connection);
  }

  /** The tenant's billing record, or the defaults of a tenant nobody billed yet. */
  async get(tenantId: TenantId): Promise<BillingView> {
    const found = await tenantScope(this.model, tenantId).findOne().lean<BillingState>();
    return found ?? this.defaults();
  }

  /** The tenant's plan id (the default plan for a tenant that does not exist). */
  async planOf(tenantId: TenantId): Promise<string> {
    const tenant = await this.tenants.findById(tenantId, { plan: 1 }).lean<Pick<Tenant, 'plan'>>();
    return tenant?.plan ?? this.catalogue.defaultPlan;
  }

  /** Whether the tenant exists (events may name a tenant deleted since). */
  async exists(tenantId: TenantId): Promise<boolean> {
    return (await this.tenants.countDocuments({ _id: tenantId })) === 1;
  }

  /** Plan and billing record together. */
  async account(tenantId: TenantId): Promise<BillingAccount> {
    const [plan, state] = await Promise.all([this.planOf(tenantId), this.get(tenantId)]);
    return { ...state, plan };
  }

  /** Plan + overrides, restricted to the Free limits after a lapsed dunning grace period. */
  async limits(tenantId: TenantId): Promise<EffectiveLimits> {
    const key = String(tenantId);
    const cached = this.standings.get(key);
    // Wall-clock expiry on purpose: the injectable clock decides dunning, not cache freshness.
    if (cached && cached.until > Date.now()) {
      return effectiveLimits(this.catalogue, cached.standing, this.now());
    }
    const { plan, overrides, pastDueSince } = await this.account(tenantId);
    const standing: Standing = { plan, overrides: parseOverrides(overrides), pastDueSince };
    if (this.standingTtlMs > 0) {
      if (this.standings.size >= 10_000) this.standings.clear();
      this.standings.set(key, { until: Date.now() + this.standingTtlMs, standing });
    }
    return effectiveLimits(this.catalogue, standing, this.now());
  }

  /** Forgets the cached standing of a tenant (after any write that may change it). */
  forget(tenantId: TenantId): void {
    this.standings.delete(String(tenantId));
  }

  /** Writes the tenant's plan on the tenant document; 404 when the tenant does not exist. */
  async setTenantPlan(tenantId: TenantId, plan: string): Promise<void> {
    this.assertPlan(plan);
    const result = await this.tenants.updateOne({ _id: tenantId }, { $set: { plan } });
    this.forget(tenantId);
    if (result.matchedCount === 0) {
      throw new ParleyError('PARLEY_NOT_FOUND', { message: 'No such workspace.' });
    }
  }

  /**
   * Assigns a plan and overrides (operator, CLI). `overrides` merge into the
   * tenant's (an `undefined` value removes one) unless `replaceOverrides`.
   */
  async setPlan(
    tenantId: TenantId,
    plan: string,
    options: { overrides?: Record<string, unknown>; replaceOverrides?: boolean } = {},
  ): Promise<BillingAccount> {
    this.assertPlan(plan);
    const current = await this.get(tenantId);
    const merged: Record<string, unknown> = {
      ...(options.replaceOverrides ? {} : current.overrides),
    };
    for (const [name, value] of Object.entries(options.overrides ?? {})) {
      if (value === undefined) delete merged[name];
      else merged[name] = value;
    }
    const overrides: LimitOverrides = parseOverrides(merged);
    await this.setTenantPlan(tenantId, plan);
    const state = await this.update(tenantId, { $set: { overrides } });
    return { ...state, plan };
  }

  private assertPlan(plan: string): void {
    if (!this.catalogue.get(plan)) {
      throw new ParleyError('PARLEY_BILLING_PLAN_UNAVAILABLE', {
        message: `Unknown plan "${plan}"; known: ${this.catalogue.plans.map((p) => p.id).join(', ')}.`,
      });
    }
  }

  /** Applies an update to the tenant's record, creating it with defaults first if needed. */
  async update(tenantId: TenantId, update: Record<string, unknown>): Promise<BillingView> {
    // A null here means a concurrent first write created the record; the retry updates it.
    const doc =
      (await this.updateIf(tenantId, {}, update)) ?? (await this.updateIf(tenantId, {}, update));
    return doc!;
  }

  /**
   * Applies an update only if the record matches `filter` (or does not
   * exist yet), and returns the updated record, or `null` when the filter
   * refused it: the upsert then collides with the existing record on the
   * unique tenant index.
   */
  async updateIf(
    tenantId: TenantId,
    filter: Record<string, unknown>,
    update: Record<string, unknown>,
  ): Promise<BillingView | null> {
    const scope = tenantScope(this.model, tenantId);
    // $setOnInsert may not name a field another operator of the same update touches.
    const touched = new Set(
      Object.values(update).flatMap((fields) => Object.keys(fields as object).map(topField)),
    );
    const defaults = Object.fromEntries(
      Object.entries(this.defaults()).filter(([key]) => !touched.has(key)),
    );
    try {
      return await scope
        .findOneAndUpdate(
          filter,
          { ...update, $setOnInsert: defaults },
          { upsert: true, new: true },
        )
        .lean<BillingState>();
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return null;
      throw error;
    } finally {
      // After the write, so a read racing it cannot cache the old standing.
      this.forget(tenantId);
    }
  }

  /**
   * Remembers a notice key and returns true the first time only: the
   * filter matches only a record without the key, and when none matches the
   * upsert collides with the tenant's record on its unique index.
   */
  async claimNotice(tenantId: TenantId, key: string): Promise<boolean> {
    const scope = tenantScope(this.model, tenantId);
    const { noticesSent: _ignored, ...defaults } = this.defaults();
    try {
      const result = await scope.updateOne(
        { noticesSent: { $ne: key } },
        { $addToSet: { noticesSent: key }, $setOnInsert: defaults },
        { upsert: true },
      );
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
  }

  /** The billing record holding a Stripe customer, across tenants (webhooks start from the customer). */
  async byCustomer(customerId: string): Promise<BillingState | null> {
    // Cross-tenant by design: the customer id is how a Stripe event names its tenant.
    return this.model.findOne({ stripeCustomerId: customerId }).lean<BillingState>();
  }

  /** Every tenant's billing record, for the operator's overview. */
  async all(): Promise<BillingState[]> {
    return this.model.find({}).lean<BillingState[]>();
  }

  private defaults(): BillingView {
    return {
      overrides: {},
      stripeCustomerId: null,
      subscription: null,
      subscriptionSyncedAt: null,
      pastDueSince: null,
      latestInvoice: null,
      mrr: null,
      noticesSent: [],
    };
  }
}

const topField = (path: string) => path.split('.')[0]!;
