import type { Connection } from 'mongoose';
import { type TenantId, tenantScope } from '../../db/tenant-scope';
import { type Usage, usageModel } from '../../models/usage';

/** The counters a usage document holds. */
export type Counter = 'messages' | 'promptTokens' | 'completionTokens' | 'documents' | 'bytes';

/** Amounts to add per counter. */
export type Increments = Partial<Record<Counter, number>>;

/** Caps per counter; `null` or absent means no cap. */
export type Caps = Partial<Record<Counter, number | null>>;

/** The counters of one period. */
export type Counts = Record<Counter, number>;

const zero: Counts = { messages: 0, promptTokens: 0, completionTokens: 0, documents: 0, bytes: 0 };

/** `2026-11-21`: the UTC day a moment falls in. */
export const dayKey = (at: Date) => at.toISOString().slice(0, 10);

/** `2026-11`: the UTC calendar month a moment falls in (the quota period). */
export const monthKey = (at: Date) => at.toISOString().slice(0, 7);

/** The `total` period: what is stored right now. */
export const totalKey = 'total';

const kindOf = (period: string): Usage['kind'] =>
  period === totalKey ? 'total' : period.length === 7 ? 'month' : 'day';

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/**
 * Per-tenant usage counters in the `usage` collection. Every change is one
 * atomic `$inc`; quota reservations are conditional increments, so two
 * instances racing for the last message cannot both get it.
 */
export class UsageCounters {
  private readonly model: ReturnType<typeof usageModel>;

  constructor(connection: Connection) {
    this.model = usageModel(connection);
  }

  /** Adds to a period's counters unconditionally. */
  async add(tenantId: TenantId, period: string, inc: Increments): Promise<void> {
    await tenantScope(this.model, tenantId).updateOne(
      { period },
      { $inc: inc, $setOnInsert: { kind: kindOf(period) } },
      { upsert: true },
    );
  }

  /**
   * Adds `inc` only if every capped counter stays within its cap, and
   * returns the counts after the increment, or `null` when a cap refused it.
   * The filter only matches a document with room; when none matches, the
   * upsert's insert collides with the existing document on the unique
   * (tenantId, period) index, which is the refusal.
   */
  async tryAdd(
    tenantId: TenantId,
    period: string,
    inc: Increments,
    caps: Caps,
  ): Promise<Counts | null> {
    const filter: Record<string, unknown> = { period };
    for (const [counter, cap] of Object.entries(caps) as [Counter, number | null][]) {
      if (cap === null || cap === undefined) continue;
      const room = cap - (inc[counter] ?? 0);
      if (room < 0) return null;
      filter[counter] = { $lte: room };
    }
    const scope = tenantScope(this.model, tenantId);
    const update = { $inc: inc, $setOnInsert: { kind: kindOf(period) } };
    try {
      const doc = await scope
        .findOneAndUpdate(filter, update, { upsert: true, new: true })
        .lean<Usage>();
      return countsOf(doc);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    // Either the period is full, or a concurrent first insert won the race: try once more without inserting.
    const doc = await scope.findOneAndUpdate(filter, update, { new: true }).lean<Usage>();
    return doc ? countsOf(doc) : null;
  }

  /**
   * Gives back a reservation, never taking a counter below zero: when any
   * counter holds less than its amount, nothing changes. True when it was
   * given back (or there was nothing to give).
   */
  async giveBack(tenantId: TenantId, period: string, dec: Increments): Promise<boolean> {
    const filter: Record<string, unknown> = { period };
    const inc: Increments = {};
    for (const [counter, amount] of Object.entries(dec) as [Counter, number][]) {
      if (!amount) continue;
      filter[counter] = { $gte: amount };
      inc[counter] = -amount;
    }
    if (!Object.keys(inc).length) return true;
    const result = await tenantScope(this.model, tenantId).updateOne(filter, { $inc: inc });
    return result.matchedCount === 1;
  }

  /**
   * Like {@link giveBack}, but a counter holding less than its amount goes
   * to zero instead of keeping the others from being given back. For a
   * total that may have drifted below what is being removed.
   */
  async giveBackUpTo(tenantId: TenantId, period: string, dec: Increments): Promise<void> {
    if (await this.giveBack(tenantId, period, dec)) return;
    const scope = tenantScope(this.model, tenantId);
    // Compare-and-set on the counts read, so a concurrent change is never overwritten.
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.get(tenantId, period);
      const filter: Record<string, unknown> = { period };
      const inc: Increments = {};
      for (const [counter, amount] of Object.entries(dec) as [Counter, number][]) {
        const taken = Math.min(amount ?? 0, current[counter]);
        if (taken <= 0) continue;
        filter[counter] = current[counter];
        inc[counter] = -taken;
      }
      if (!Object.keys(inc).length) return;
      const result = await scope.updateOne(filter, { $inc: inc });
      if (result.matchedCount === 1) return;
    }
  }

  /** The counters of one period (zeros when nothing was counted). */
  async get(tenantId: TenantId, period: string): Promise<Counts> {
    return countsOf(await tenantScope(this.model, tenantId).findOne({ period }).lean<Usage>());
  }

  /** Day documents from `from` to `to` (inclusive, `YYYY-MM-DD`), oldest first, gaps filled with zeros. */
  async days(tenantId: TenantId, from: string, to: string): Promise<(Counts & { day: string })[]> {
    const docs = await tenantScope(this.model, tenantId)
      .find({ kind: 'day', period: { $gte: from, $lte: to } })
      .lean<Usage[]>();
    const byDay = new Map(docs.map((d) => [d.period, countsOf(d)]));
    const out: (Counts & { day: string })[] = [];
    for (
      let at = new Date(`${from}T00:00:00Z`);
      dayKey(at) <= to;
      at = new Date(at.getTime() + 86_400_000)
    ) {
      out.push({ day: dayKey(at), ...(byDay.get(dayKey(at)) ?? zero) });
    }
    return out;
  }

  /** Day documents with answered messages since `from`, across tenants (for the meter job). */
  async daysWithMessagesSince(from: string): Promise<Usage[]> {
    // Cross-tenant by design: the meter job walks every tenant's usage.
    return this.model
      .find({ kind: 'day', period: { $gte: from }, messages: { $gt: 0 } })
      .lean<Usage[]>();
  }
}

function countsOf(doc: Partial<Usage> | null): Counts {
  if (!doc) return { ...zero };
  return {
    messages: doc.messages ?? 0,
    promptTokens: doc.promptTokens ?? 0,
    completionTokens: doc.completionTokens ?? 0,
    documents: doc.documents ?? 0,
    bytes: doc.bytes ?? 0,
  };
}
