import type { Limit } from './limiter';

/** What is limited: widget traffic per key, per visitor and per IP; admin API calls per secret key. */
export interface PlanLimits {
  publishableKey: Limit;
  visitor: Limit;
  ip: Limit;
  secretKey: Limit;
}

const perMinute = (limit: number): Limit => ({ limit, windowMs: 60_000 });

/**
 * Limits per plan. A plan not listed here gets `free`'s. Deployments and
 * tests pass their own table to `createAccessServices` to change them.
 */
export const defaultPlanLimits: Record<string, PlanLimits> = {
  free: {
    publishableKey: perMinute(120),
    visitor: perMinute(20),
    ip: perMinute(60),
    secretKey: perMinute(120),
  },
  starter: {
    publishableKey: perMinute(600),
    visitor: perMinute(30),
    ip: perMinute(120),
    secretKey: perMinute(300),
  },
  pro: {
    publishableKey: perMinute(3000),
    visitor: perMinute(60),
    ip: perMinute(300),
    secretKey: perMinute(1200),
  },
  enterprise: {
    publishableKey: perMinute(12_000),
    visitor: perMinute(120),
    ip: perMinute(1200),
    secretKey: perMinute(6000),
  },
};

/** Sign-in throttling: failures per account and attempts per IP. */
export const loginLimits = {
  perAccount: { limit: 10, windowMs: 15 * 60_000 },
  perIp: { limit: 100, windowMs: 15 * 60_000 },
  passwordResetPerAccount: { limit: 5, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;

/** The limits of a plan, falling back to `free` for unknown plans. */
export function limitsFor(table: Record<string, PlanLimits>, plan: string): PlanLimits {
  return table[plan] ?? table.free ?? defaultPlanLimits.free!;
}
