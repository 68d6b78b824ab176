import type { RequestHandler, Response } from 'express';
import { parseRequestOrigin } from '../services/tenants/origins';

/** Request headers the widget sends; `X-Parley-*` headers added later are allowed too. */
const allowedHeaders = ['content-type', 'x-parley-key', 'last-event-id'];
const exposedHeaders = 'ETag, Retry-After, X-Request-Id';

/**
 * Answers CORS preflights for the widget API (`OPTIONS /v1/*`). A preflight
 * carries no key, so it cannot be checked against a tenant's allow-list; it
 * reflects the one requesting origin (never `*`) and reveals nothing. The
 * real request is then checked by `requireWidgetKey`, which sends the
 * `Access-Control-Allow-Origin` header only for allowed origins.
 */
export const widgetPreflight: RequestHandler = (req, res, next) => {
  if (req.method !== 'OPTIONS') return next();
  const origin = parseRequestOrigin(req.get('origin'));
  res.vary('Origin');
  res.vary('Access-Control-Request-Headers');
  if (!origin || !req.get('access-control-request-method')) {
    res.status(204).end();
    return;
  }
  const requested = (req.get('access-control-request-headers') ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const granted = requested.filter(
    (h) => allowedHeaders.includes(h) || /^x-parley-[a-z0-9-]+$/.test(h),
  );
  res.setHeader('Access-Control-Allow-Origin', origin.origin);
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  if (granted.length) res.setHeader('Access-Control-Allow-Headers', granted.join(', '));
  res.setHeader('Access-Control-Max-Age', '600');
  res.status(204).end();
};

/** Lets exactly this origin read the response (after the origin passed the allow-list). */
export function allowWidgetOrigin(res: Response, origin: string): void {
  res.vary('Origin');
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', exposedHeaders);
}
