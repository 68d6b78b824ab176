import { z } from 'zod';
import { ParleyError } from '../../errors';
import { normaliseOriginPattern, OriginPatternError } from './origins';

// Control characters (other than newlines where noted) are refused outright:
// they have no place in UI text and are a favourite of log- and header-injection.
const noControls = /^\P{Cc}*$/u;
const noControlsMultiline = /^(?:\P{Cc}|\n)*$/u;

const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .regex(noControls, 'must be plain text on one line');
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .regex(noControlsMultiline, 'must be plain text');

/** Workspace slugs: lowercase words joined by hyphens, used in URLs (`/auth/saml/<slug>`). */
export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'must be at least 2 characters')
  .max(40, 'must be at most 40 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens');

/** A workspace's display name. */
export const tenantNameSchema = line(100).min(1, 'must not be empty');

/** One allowed-origin pattern, normalised; see origins.ts for the grammar. */
export const originSchema = z.string().transform((value, ctx) => {
  try {
    return normaliseOriginPattern(value);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: error instanceof OriginPatternError ? error.message : 'is not a valid origin',
    });
    return z.NEVER;
  }
});

/** The allow-list: at most 50 patterns, duplicates (after normalising) removed. */
export const originsSchema = z
  .array(originSchema)
  .max(50, 'at most 50 origins')
  .transform((list) => [...new Set(list)]);

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** Everything the widget shows that the tenant can word (public, except `persona`). */
export const widgetSettingsSchema = z.object({
  botName: line(40).min(1, 'must not be empty'),
  greeting: text(500),
  starters: z.array(line(120).min(1, 'must not be empty')).max(6, 'at most 6 starter questions'),
  placeholder: line(100),
  position: z.enum(['bottom-right', 'bottom-left']),
  locale: z
    .string()
    .trim()
    .max(35)
    .refine(isLocale, 'must be a language tag such as en or de-CH')
    .transform((tag) => Intl.getCanonicalLocales(tag)[0]!),
  avatarUrl: z
    .url({ protocol: /^https$/, error: 'must be an https URL' })
    .max(2048)
    .nullable(),
  linkTarget: z.enum(['_blank', '_self']),
  poweredBy: z.boolean(),
  /** Instructions for the model (tone, audience); never sent to the widget. */
  persona: text(4000),
});

/** Widget settings as stored and returned to admins. */
export type WidgetSettings = z.infer<typeof widgetSettingsSchema>;

/** What a new workspace starts with. */
export const defaultWidgetSettings: WidgetSettings = {
  botName: 'Assistant',
  greeting: 'Hi! Ask me anything about our policies and benefits.',
  starters: [],
  placeholder: 'Ask a question…',
  position: 'bottom-right',
  locale: 'en',
  avatarUrl: null,
  linkTarget: '_blank',
  poweredBy: true,
  persona: '',
};

/**
 * `PATCH /api/tenant`: any subset. Identifier fields (`id`, `_id`,
 * `tenantId`) are dropped: the route always updates the caller's own tenant,
 * whatever ids the body carries. Other unknown fields (slug, plan, status,
 * typos) are refused so a mistake is not silently ignored.
 */
export const tenantPatchSchema = z.preprocess(
  (body) => {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
    const { id: _id, _id: _oid, tenantId: _tid, ...rest } = body as Record<string, unknown>;
    return rest;
  },
  z
    .object({
      name: tenantNameSchema,
      allowedOrigins: originsSchema,
      widget: widgetSettingsSchema.partial().strict(),
    })
    .partial()
    .strict(),
);

/** A validated `PATCH /api/tenant` body. */
export type TenantPatch = z.infer<typeof tenantPatchSchema>;

/** Input for creating a workspace (operator API and CLI). */
export const tenantCreateSchema = z
  .object({
    name: tenantNameSchema,
    slug: slugSchema,
    allowedOrigins: originsSchema.default([]),
    plan: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9-]+$/)
      .default('free'),
  })
  .strict();

/**
 * Parses untrusted input with a schema, or throws `PARLEY_VALIDATION_FAILED`
 * whose message names the first bad field and whose details list them all.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
  }));
  const first = issues[0]!;
  throw new ParleyError('PARLEY_VALIDATION_FAILED', {
    message: first.path ? `Invalid ${first.path}: ${first.message}` : first.message,
    details: { issues },
  });
}
