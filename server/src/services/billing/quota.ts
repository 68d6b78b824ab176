import type { TenantId } from '../../db/tenant-scope';
import { ParleyError } from '../../errors';
import type { BillingAccounts } from './accounts';
import { type EffectiveLimits, hardCap } from './limits';
import {
  crossedThresholds,
  type NoticeSender,
  sendNotices,
  type UsageNotice,
  type WarnLogger,
} from './notices';
import type { CountLimitName, Limits } from './plans';
import { dayKey, monthKey, totalKey, type UsageCounters } from './usage-counters';

/** Token counts of an answered message, as the chat `done` event reports them. */
export interface MessageUsage {
  promptTokens: number;
  completionTokens: number;
}

/**
 * One message's claim on the monthly quota, taken before the model is
 * called. Exactly one of `commit` (the answer was delivered) or `release`
 * (it was not: error, stop before any text) should follow; a second call
 * does nothing.
 */
export interface ChatReservation {
  readonly tenantId: string;
  /** The month the message counts against. */
  readonly period: string;
  commit(usage: MessageUsage): Promise<void>;
  release(): Promise<void>;
}

/** One document's claim on the storage quota, taken before ingestion. */
export interface IngestReservation {
  readonly tenantId: string;
  commit(): Promise<void>;
  release(): Promise<void>;
}

/** Enforces the plan's limits with reservations, and sends usage notices. */
export class Quotas {
  constructor(
    private readonly accounts: BillingAccounts,
    private readonly counters: UsageCounters,
    private readonly notify: NoticeSender,
    private readonly logger: WarnLogger,
    private readonly now: () => Date,
  ) {}

  /**
   * Reserves one message of this month's quota or throws
   * `PARLEY_CHAT_QUOTA_EXCEEDED` (402). Call before any model call: the
   * message that would cross the limit is refused whole, never half-answered.
   */
  async reserveChatMessage(tenantId: TenantId): Promise<ChatReservation> {
    const id = String(tenantId);
    const period = monthKey(this.now());
    const effective = await this.accounts.limits(id);
    const { messagesPerMonth: limit, softLimitGracePercent: grace } = effective.limits;
    const after = await this.counters.tryAdd(
      id,
      period,
      { messages: 1 },
      {
        messages: hardCap(limit, grace),
      },
    );
    if (!after) {
      throw new ParleyError('PARLEY_CHAT_QUOTA_EXCEEDED', { message: quotaMessage(effective) });
    }
    await this.noticesFor(
      id,
      effective,
      'messagesPerMonth',
      period,
      after.messages - 1,
      after.messages,
    );
    let settled = false;
    return {
      tenantId: id,
      period,
      commit: async (usage) => {
        if (settled) return;
        settled = true;
        await this.counters.add(id, dayKey(this.now()), {
          messages: 1,
          promptTokens: clampCount(usage.promptTokens),
          completionTokens: clampCount(usage.completionTokens),
        });
      },
      release: async () => {
        if (settled) return;
        settled = true;
        await this.counters.giveBack(id, period, { messages: 1 });
      },
    };
  }

  /**
   * Reserves room for one more stored document of `bytes` or throws
   * `PARLEY_PLAN_LIMIT_REACHED` (402) naming the limit. Call before ingesting.
   */
  async reserveDocument(tenantId: TenantId, bytes: number): Promise<IngestReservation> {
    const id = String(tenantId);
    const size = clampCount(bytes);
    const effective = await this.accounts.limits(id);
    const { documents, storageBytes } = effective.limits;
    const before = await this.counters.get(id, totalKey);
    const after = await this.counters.tryAdd(
      id,
      totalKey,
      { documents: 1, bytes: size },
      {
        documents,
        bytes: storageBytes,
      },
    );
    if (!after) {
      const full = documents !== null && before.documents + 1 > documents;
      throw new ParleyError('PARLEY_PLAN_LIMIT_REACHED', {
        message: full
          ? `The ${effective.limitsPlan} plan stores at most ${documents} documents; delete some or upgrade.`
          : `This document (${size} bytes) does not fit in the ${effective.limitsPlan} plan's ${storageBytes} bytes of storage; delete some or upgrade.`,
        details: { limit: full ? 'documents' : 'storageBytes' },
      });
    }
    await this.noticesFor(
      id,
      effective,
      'documents',
      totalKey,
      after.documents - 1,
      after.documents,
    );
    await this.noticesFor(id, effective, 'storageBytes', totalKey, after.bytes - size, after.bytes);
    let settled = false;
    return {
      tenantId: id,
      commit: async () => {
        if (settled) return;
        settled = true;
        await this.counters.add(id, dayKey(this.now()), { documents: 1, bytes: size });
      },
      release: async () => {
        if (settled) return;
        settled = true;
        await this.counters.giveBack(id, totalKey, { documents: 1, bytes: size });
      },
    };
  }

  /**
   * Reserves the difference when a stored document is replaced by a version
   * of `toBytes` (it keeps its document place), or throws
   * `PARLEY_PLAN_LIMIT_REACHED` (402, `details.limit: 'storageBytes'`) when a
   * bigger version does not fit. Call once the new version is ready to swap
   * in. Growth is taken now and `release` gives it back; a shrink is given
   * back by `commit` only, once the new version is stored, so a swap that
   * breaks off (or a crash) never frees bytes the old version still holds.
   */
  async reserveResize(
    tenantId: TenantId,
    fromBytes: number,
    toBytes: number,
  ): Promise<IngestReservation> {
    const id = String(tenantId);
    const from = clampCount(fromBytes);
    const to = clampCount(toBytes);
    const growth = Math.max(0, to - from);
    if (growth > 0) {
      const effective = await this.accounts.limits(id);
      const { storageBytes } = effective.limits;
      const after = await this.counters.tryAdd(
        id,
        totalKey,
        { bytes: growth },
        { bytes: storageBytes },
      );
      if (!after) {
        throw new ParleyError('PARLEY_PLAN_LIMIT_REACHED', {
          message: `This new version (${to} bytes, ${from} before) does not fit in the ${effective.limitsPlan} plan's ${storageBytes} bytes of storage; delete some or upgrade.`,
          details: { limit: 'storageBytes' },
        });
      }
      await this.noticesFor(
        id,
        effective,
        'storageBytes',
        totalKey,
        after.bytes - growth,
        after.bytes,
      );
    }
    let settled = false;
    return {
      tenantId: id,
      commit: async () => {
        if (settled) return;
        settled = true;
        if (from > to) await this.counters.giveBackUpTo(id, totalKey, { bytes: from - to });
      },
      release: async () => {
        if (settled) return;
        settled = true;
        if (growth > 0) await this.counters.giveBack(id, totalKey, { bytes: growth });
      },
    };
  }

  /**
   * Frees the place and storage of a deleted document. If the stored bytes
   * are already below its size (totals from before replacements were
   * counted), they go to zero and the place still goes back.
   */
  async documentRemoved(tenantId: TenantId, bytes: number): Promise<void> {
    await this.counters.giveBackUpTo(String(tenantId), totalKey, {
      documents: 1,
      bytes: clampCount(bytes),
    });
  }

  /**
   * Throws `PARLEY_PLAN_LIMIT_REACHED` when adding `adding` to `current`
   * would pass a count limit (seats, widgets, …) that the caller counts itself.
   */
  async assertWithinLimit(tenantId: TenantId, limit: CountLimitName, current: number, adding = 1) {
    const effective = await this.accounts.limits(String(tenantId));
    const max = effective.limits[limit];
    if (max !== null && current + adding > max) {
      throw new ParleyError('PARLEY_PLAN_LIMIT_REACHED', {
        message: `The ${effective.limitsPlan} plan allows ${max} ${max === 1 ? limit.replace(/s$/, '') : limit}; upgrade to add more.`,
        details: { limit },
      });
    }
  }

  /** Throws `PARLEY_PLAN_FEATURE_UNAVAILABLE` when the plan lacks a feature (SSO, badge removal). */
  async assertFeature(tenantId: TenantId, feature: 'ssoAllowed' | 'removeBadge'): Promise<void> {
    const effective = await this.accounts.limits(String(tenantId));
    if (!effective.limits[feature]) {
      const what = feature === 'ssoAllowed' ? 'single sign-on' : 'removing the "Powered by" badge';
      throw new ParleyError('PARLEY_PLAN_FEATURE_UNAVAILABLE', {
        message: `The ${effective.limitsPlan} plan does not include ${what}.`,
        details: { feature },
      });
    }
  }

  private async noticesFor(
    tenantId: string,
    effective: EffectiveLimits,
    metric: CountLimitName,
    period: string,
    before: number,
    after: number,
  ): Promise<void> {
    const limit = effective.limits[metric as keyof Limits] as number | null;
    const notices: UsageNotice[] = crossedThresholds(before, after, limit).map((percent) => ({
      tenantId,
      metric,
      percent,
      used: after,
      limit: limit!,
      period,
      plan: effective.limitsPlan,
      gracePercent: metric === 'messagesPerMonth' ? effective.limits.softLimitGracePercent : 0,
    }));
    if (notices.length) {
      await sendNotices(
        notices,
        (t, key) => this.accounts.claimNotice(t, key),
        this.notify,
        this.logger,
      );
    }
  }
}

function quotaMessage(effective: EffectiveLimits): string {
  if (effective.restricted) {
    return 'Payment for this workspace is overdue, so it is limited to the Free plan and its messages for this month are used up. Please ask your administrator to update the payment method.';
  }
  return `This assistant has used the ${effective.limits.messagesPerMonth} messages its ${effective.limitsPlan} plan includes this month. Please ask your administrator to upgrade the plan.`;
}

const clampCount = (n: number) => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
