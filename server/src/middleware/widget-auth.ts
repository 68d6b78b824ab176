import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ParleyError } from '../errors';
import type { ApiKey } from '../models/api-key';
import type { Tenant } from '../models/tenant';
import { limitsFor } from '../services/rate-limit/limits';
import { type AccessServices, accessOf } from '../services/tenants/access';
import { isOriginAllowed, parseRequestOrigin } from '../services/tenants/origins';
import { allowWidgetOrigin } from './cors';

/** What `requireWidgetKey` resolved: the key's tenant (lean) and the key record. */
export interface WidgetContext {
  tenant: Tenant;
  key: ApiKey;
  /** The page origin that passed the allow-list. */
  origin: string;
}

declare global {
  namespace Express {
    interface Request {
      /** Set by `requireWidgetKey` on widget-facing routes. */
      widget?: WidgetContext;
    }
  }
}

/**
 * The page's origin. Browsers send `Origin` on every cross-origin request
 * and on same-origin POSTs, but not on same-origin GETs; those carry
 * `Sec-Fetch-Site: same-origin` (which page scripts cannot forge), so the
 * server's own origin stands in. Anything else has no origin and is refused.
 */
export function requestOrigin(req: Request): string | undefined {
  const header = req.get('origin');
  if (header !== undefined) return parseRequestOrigin(header)?.origin;
  if (req.get('sec-fetch-site') === 'same-origin') {
    return parseRequestOrigin(`${req.protocol}://${req.get('host')}`)?.origin;
  }
  return undefined;
}

/**
 * The visitor behind a request, from the owner token or identity the widget
 * sends (hashed: the bucket name must not hold a credential). Unverified
 * here on purpose: a client that invents new values per request only
 * escapes this limit, not the per-key and per-IP ones.
 */
function visitorOf(req: Request): string | undefined {
  const evidence = req.get('x-parley-visitor') || req.get('x-parley-identity');
  if (!evidence) return undefined;
  return createHash('sha256').update(evidence).digest('base64url').slice(0, 32);
}

async function enforceLimits(access: AccessServices, req: Request, tenant: Tenant, key: ApiKey) {
  const limits = limitsFor(access.planLimits, tenant.plan);
  const visitor = visitorOf(req);
  const decisions = await Promise.all([
    access.limiter.consume(`pk:${key._id}`, limits.publishableKey),
    access.limiter.consume(`ip:${tenant._id}:${req.ip ?? 'unknown'}`, limits.ip),
    // Per visitor, only what a visitor does (messages, feedback, stop), not page loads.
    ...(visitor && req.method === 'POST'
      ? [access.limiter.consume(`visitor:${tenant._id}:${visitor}`, limits.visitor)]
      : []),
  ]);
  const refused = decisions.find((d) => !d.allowed);
  if (refused) {
    throw new ParleyError('PARLEY_RATE_LIMITED', {
      headers: { 'Retry-After': String(refused.retryAfterSeconds) },
    });
  }
}

/**
 * Guards widget-facing routes. Resolves `X-Parley-Key` (publishable keys
 * only), refuses unknown, revoked or expired keys (401), suspended tenants
 * (403) and origins outside the tenant's allow-list (403; localhost only for
 * test keys), answers CORS for exactly the allowed origin, applies the
 * per-key, per-IP and (for POSTs) per-visitor rate limits (429 with
 * `Retry-After`) and sets `req.widget`.
 */
export const requireWidgetKey: RequestHandler = async (req, res, next) => {
  const access = accessOf(req);
  const presented = req.get('x-parley-key');
  if (!presented) throw new ParleyError('PARLEY_AUTH_KEY_MISSING');
  if (presented.startsWith('sk_')) {
    throw new ParleyError('PARLEY_AUTH_KEY_INVALID', {
      message: 'Secret keys must never be used in a web page; use the publishable pk_… key.',
    });
  }
  const key = await access.keys.verify(presented, 'publishable');
  if (!key) throw new ParleyError('PARLEY_AUTH_KEY_INVALID');
  const tenant = await access.tenants.findById(key.tenantId);
  if (!tenant) throw new ParleyError('PARLEY_AUTH_KEY_INVALID');
  if (tenant.status !== 'active') throw new ParleyError('PARLEY_TENANT_SUSPENDED');
  const origin = requestOrigin(req);
  if (!origin || !isOriginAllowed(origin, tenant.allowedOrigins, key.mode)) {
    throw new ParleyError('PARLEY_ORIGIN_NOT_ALLOWED', {
      message: origin
        ? `${origin} is not in this workspace's allowed origins.`
        : 'The request has no Origin; publishable keys work only from web pages on allowed origins.',
    });
  }
  // From here on the page may read our answers, including 429s it should back off from.
  allowWidgetOrigin(res, origin);
  await enforceLimits(access, req, tenant, key);
  access.keys.touch(key);
  req.widget = { tenant, key, origin };
  next();
};

/**
 * Counts one request against a visitor's limit (the chat pipeline calls it
 * once it knows the visitor); throws 429 `PARLEY_RATE_LIMITED` when over.
 */
export async function limitVisitor(req: Request, visitorId: string): Promise<void> {
  const access = accessOf(req);
  const tenant = req.widget?.tenant;
  if (!tenant) throw new Error('limitVisitor needs requireWidgetKey first');
  const decision = await access.limiter.consume(
    `visitor:${tenant._id}:${visitorId}`,
    limitsFor(access.planLimits, tenant.plan).visitor,
  );
  if (!decision.allowed) {
    throw new ParleyError('PARLEY_RATE_LIMITED', {
      message: 'You are sending messages too quickly; wait a moment.',
      headers: { 'Retry-After': String(decision.retryAfterSeconds) },
    });
  }
}
