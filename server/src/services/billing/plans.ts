import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** A count limit: a non-negative integer, or `null` for unlimited. */
const countLimit = z.number().int().min(0).nullable();

/** The limits a plan grants. Counts are `null` when unlimited. */
export const limitsSchema = z.strictObject({
  /** Answered chat messages per calendar month (UTC). */
  messagesPerMonth: countLimit,
  /** Documents stored at once. */
  documents: countLimit,
  /** Bytes of uploaded documents stored at once. */
  storageBytes: countLimit,
  /** Admin console users. */
  seats: countLimit,
  /** Widgets (allowed origins) the tenant may embed on. */
  widgets: countLimit,
  /** Whether the tenant may connect a SAML identity provider. */
  ssoAllowed: z.boolean(),
  /** Whether the "Powered by Parley" badge may be hidden. */
  removeBadge: z.boolean(),
  /** Soft limit: how far past `messagesPerMonth` (in percent) messages are still answered. */
  softLimitGracePercent: z.number().min(0).max(100),
});

/** The limits a plan grants (see {@link limitsSchema}). */
export type Limits = z.infer<typeof limitsSchema>;

/** The names of the limits, for overrides and error messages. */
export type LimitName = keyof Limits;

/** The count limits (as opposed to feature switches). */
export type CountLimitName = {
  [K in LimitName]: Limits[K] extends number | null ? K : never;
}[Exclude<LimitName, 'softLimitGracePercent'>];

const planSchema = z.strictObject({
  name: z.string().min(1),
  /** List price for display and MRR when Stripe does not say; `null` for "contact sales". */
  price: z
    .strictObject({
      amount: z.number().int().min(0),
      currency: z.string().regex(/^[a-z]{3}$/),
      interval: z.enum(['month', 'year']),
    })
    .nullable(),
  /** Stripe prices; `null` when the plan cannot be bought online. */
  stripe: z
    .strictObject({
      priceId: z.string().min(1),
      /** A metered price on the Billing Meter; answered messages are reported to it. */
      meteredPriceId: z.string().min(1).nullable(),
    })
    .nullable(),
  limits: limitsSchema,
});

/** One plan from the catalogue. */
export type Plan = z.infer<typeof planSchema> & { id: string };

const catalogueSchema = z
  .strictObject({
    /** Plan of a tenant nobody assigned a plan to. */
    defaultPlan: z.string().min(1),
    /** Plan whose limits apply once a past-due subscription outlives its grace period. */
    restrictedPlan: z.string().min(1),
    /** Days a `past_due`/`unpaid` subscription keeps its plan before the restriction. */
    dunningGraceDays: z.number().min(0).max(90),
    meter: z.strictObject({ eventName: z.string().regex(/^[a-z0-9_]{1,100}$/) }),
    plans: z.record(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/), planSchema),
  })
  .superRefine((c, ctx) => {
    for (const key of ['defaultPlan', 'restrictedPlan'] as const) {
      if (!c.plans[c[key]]) {
        ctx.addIssue({ code: 'custom', path: [key], message: `names no plan: ${c[key]}` });
      }
    }
    const prices = new Map<string, string>();
    for (const [id, plan] of Object.entries(c.plans)) {
      for (const price of [plan.stripe?.priceId, plan.stripe?.meteredPriceId]) {
        if (!price) continue;
        // A price id maps a Stripe subscription back to one plan, so it must be unique.
        if (prices.has(price)) {
          ctx.addIssue({
            code: 'custom',
            path: ['plans', id, 'stripe'],
            message: `price ${price} is also used by plan ${prices.get(price)}`,
          });
        }
        prices.set(price, id);
      }
    }
  });

/** The plan catalogue: configuration, not code (see `plans.json`). */
export interface PlanCatalogue {
  defaultPlan: string;
  restrictedPlan: string;
  dunningGraceDays: number;
  meter: { eventName: string };
  plans: Plan[];
  /** The plan with this id, or `undefined`. */
  get(id: string): Plan | undefined;
  /** The plan a Stripe price belongs to (base or metered price), or `undefined`. */
  byPriceId(priceId: string): Plan | undefined;
}

/** Raised when a plans file is unreadable or invalid; names the file and the field. */
export class PlanCatalogueError extends Error {
  constructor(source: string, reason: string) {
    super(`Invalid plan catalogue ${source}: ${reason}`);
    this.name = 'PlanCatalogueError';
  }
}

/** Validates a parsed catalogue object. */
export function parsePlanCatalogue(input: unknown, source = 'plans'): PlanCatalogue {
  const parsed = catalogueSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PlanCatalogueError(source, `${issue.path.join('.') || '(root)'} ${issue.message}`);
  }
  const c = parsed.data;
  const plans = Object.entries(c.plans).map(([id, plan]) => ({ id, ...plan }));
  const byId = new Map(plans.map((p) => [p.id, p]));
  const byPrice = new Map<string, Plan>();
  for (const plan of plans) {
    if (plan.stripe?.priceId) byPrice.set(plan.stripe.priceId, plan);
    if (plan.stripe?.meteredPriceId) byPrice.set(plan.stripe.meteredPriceId, plan);
  }
  return {
    defaultPlan: c.defaultPlan,
    restrictedPlan: c.restrictedPlan,
    dunningGraceDays: c.dunningGraceDays,
    meter: c.meter,
    plans,
    get: (id) => byId.get(id),
    byPriceId: (priceId) => byPrice.get(priceId),
  };
}

/** The catalogue shipped with Parley. */
export const defaultPlansFile = fileURLToPath(new URL('./plans.json', import.meta.url));

/** Reads and validates a plans JSON file (the shipped one unless a path is given). */
export function loadPlanCatalogue(file: string = defaultPlansFile): PlanCatalogue {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PlanCatalogueError(file, (error as Error).message);
  }
  return parsePlanCatalogue(raw, file);
}
