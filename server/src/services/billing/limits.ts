import { ParleyError } from '../../errors';
import { type Limits, limitsSchema, type PlanCatalogue } from './plans';

/** Per-tenant exceptions to the plan's limits, set by the operator. */
export type LimitOverrides = Partial<Limits>;

/** Validates stored or submitted overrides (unknown names and bad values are refused). */
export function parseOverrides(input: unknown): LimitOverrides {
  const parsed = limitsSchema.partial().safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ParleyError('PARLEY_VALIDATION_FAILED', {
      message: `Invalid override ${issue.path.join('.') || ''}: ${issue.message}`.trim(),
    });
  }
  return parsed.data;
}

/**
 * Parses `name=value` pairs from the CLI (`--override messagesPerMonth=5000`).
 * `unlimited` (or `null`) lifts a count limit; `true`/`false` set a feature.
 * An empty value (`name=`) removes the override and is returned as `undefined`.
 */
export function parseOverridePairs(pairs: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(pair.trim());
    if (!match) {
      throw new ParleyError('PARLEY_VALIDATION_FAILED', {
        message: `Overrides look like name=value, not "${pair}".`,
      });
    }
    const [, name, raw] = match as unknown as [string, string, string];
    if (!(name in limitsSchema.shape)) {
      throw new ParleyError('PARLEY_VALIDATION_FAILED', {
        message: `Unknown limit "${name}"; known: ${Object.keys(limitsSchema.shape).join(', ')}.`,
      });
    }
    if (raw === '') out[name] = undefined;
    else if (raw === 'unlimited' || raw === 'null') out[name] = null;
    else if (raw === 'true' || raw === 'false') out[name] = raw === 'true';
    else if (/^\d+(\.\d+)?$/.test(raw)) out[name] = Number(raw);
    else out[name] = raw;
  }
  return out;
}

/** Subscription standing as far as limits care. */
export interface Standing {
  /** The tenant's plan id (may name a plan since removed from the catalogue). */
  plan: string;
  overrides?: LimitOverrides | null;
  /** When the subscription became `past_due`/`unpaid`; unset while in good standing. */
  pastDueSince?: Date | null;
}

/** The limits in force for a tenant, and why. */
export interface EffectiveLimits {
  /** The plan the tenant is on. */
  plan: string;
  /** The plan whose limits apply: differs from `plan` when restricted. */
  limitsPlan: string;
  limits: Limits;
  /** True once a past-due subscription outlived its grace period. */
  restricted: boolean;
  /** End of the dunning grace period, while one runs or has run. */
  graceEndsAt: Date | null;
}

/**
 * plan + overrides, unless payment has failed for longer than the grace
 * period: then the restricted (Free) plan's limits apply, overrides
 * included, because an operator's generous exception should not outlive
 * payment. Nothing is deleted; data above the limits stays readable.
 */
export function effectiveLimits(
  catalogue: PlanCatalogue,
  standing: Standing,
  now: Date,
): EffectiveLimits {
  const known = catalogue.get(standing.plan);
  const plan = known ?? catalogue.get(catalogue.defaultPlan)!;
  const graceEndsAt = standing.pastDueSince
    ? new Date(standing.pastDueSince.getTime() + catalogue.dunningGraceDays * 86_400_000)
    : null;
  if (graceEndsAt && now >= graceEndsAt) {
    const restricted = catalogue.get(catalogue.restrictedPlan)!;
    return {
      plan: plan.id,
      limitsPlan: restricted.id,
      limits: { ...restricted.limits },
      restricted: true,
      graceEndsAt,
    };
  }
  const overrides = Object.fromEntries(
    Object.entries(standing.overrides ?? {}).filter(([, v]) => v !== undefined),
  );
  return {
    plan: plan.id,
    limitsPlan: plan.id,
    limits: { ...plan.limits, ...overrides },
    restricted: false,
    graceEndsAt,
  };
}

/** Where answering stops: the limit plus the soft-limit grace (`null`: never). */
export function hardCap(limit: number | null, gracePercent: number): number | null {
  if (limit === null) return null;
  return Math.floor(limit * (1 + gracePercent / 100));
}
