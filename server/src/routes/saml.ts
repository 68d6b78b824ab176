import cookieParser from 'cookie-parser';
import express, { type Request, type Response, Router } from 'express';
import type { Connection } from 'mongoose';
import { ParleyError } from '../errors';
import { authenticateAdmin, clearSessionCookie } from '../middleware/admin-auth';
import type { Session } from '../models/session';
import { roleHas } from '../services/auth/permissions';
import { sessionCookie } from '../services/auth/sessions';
import { respondAccepted, respondRefused, safeReturnTo } from '../services/saml/acs-outcome';
import { type RequestContext, SamlRequestCache } from '../services/saml/request-cache';
import { inspectSamlResponse, type ResponseFacts } from '../services/saml/response-inspection';
import { type SamlExchange, SamlGateway } from '../services/saml/saml-gateway';
import { widgetLoginOpen } from '../services/saml/settings';
import type { SsoSettingsService, TenantSso } from '../services/saml/settings-service';
import { ssoAudit } from '../services/saml/sso-audit';
import { classifyValidationError } from '../services/saml/validation-errors';
import { accessOf } from '../services/tenants/access';
import { isOriginAllowed } from '../services/tenants/origins';

/** What the public SAML routes need. */
export interface SamlRouterDeps {
  connection: Connection;
  settings: SsoSettingsService;
  gateway: SamlGateway;
  publicUrl: string;
  sessionSecret: string;
  /** Where signed-in admins land, and the sign-in page. */
  consolePath?: string;
}

/** Login starts and ACS posts per client IP and tenant: generous, since offices share one NAT. */
const SAML_RATE_LIMIT = { limit: 300, windowMs: 60_000 };

const NAMEID_UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

// Database and programming errors must surface as 5xx, not as a refused login.
const isInfrastructureError = (error: unknown) =>
  error instanceof ParleyError || /^Mongo/.test((error as Error)?.name ?? '');

/**
 * The public SAML endpoints of each tenant: `login` (SP-initiated, or a Test
 * connection with `?test=1`), `acs` (the IdP posts here), `metadata` (SP
 * metadata XML), `logout` and `slo` (single logout). An unknown tenant is a
 * 404; a tenant without SSO is `PARLEY_SSO_NOT_ENABLED`.
 */
export function samlRouter(deps: SamlRouterDeps): Router {
  const router = Router();
  const consolePath = deps.consolePath ?? '/admin';
  const loginPath = `${consolePath}/login`;
  const targets = { consolePath, consoleOrigin: new URL(deps.publicUrl).origin };
  const base = '/auth/saml/:tenant';
  const withAdmin = authenticateAdmin(deps.sessionSecret);

  async function tenantOf(req: Request): Promise<TenantSso> {
    const sso = await deps.settings.findBySlug(String(req.params.tenant));
    if (!sso) throw new ParleyError('PARLEY_NOT_FOUND', { message: 'No such workspace.' });
    return sso;
  }
  /** A tenant that may sign people in now: active, and this client not flooding it. */
  async function activeTenantOf(req: Request): Promise<TenantSso> {
    const sso = await tenantOf(req);
    if (sso.tenant.status !== 'active') throw new ParleyError('PARLEY_TENANT_SUSPENDED');
    // Logins write a request record and refusals an audit entry: bound both per client and tenant.
    const bucket = `saml:${sso.tenant._id}:${req.ip ?? 'unknown'}`;
    const decision = await accessOf(req).limiter.consume(bucket, SAML_RATE_LIMIT);
    if (!decision.allowed) {
      throw new ParleyError('PARLEY_RATE_LIMITED', {
        headers: { 'Retry-After': String(decision.retryAfterSeconds) },
      });
    }
    return sso;
  }
  const exchange = (sso: TenantSso, context?: RequestContext): SamlExchange => ({
    sso,
    cache: new SamlRequestCache(deps.connection, sso.tenant._id, context),
    changes: [],
  });
  const notEnabled = () => new ParleyError('PARLEY_SSO_NOT_ENABLED');

  router.get(`${base}/metadata`, async (req, res) => {
    const sso = await tenantOf(req);
    res.type('application/samlmetadata+xml').send(SamlGateway.metadata(sso));
  });

  router.get(`${base}/login`, ...withAdmin, async (req, res) => {
    const sso = await activeTenantOf(req);
    if (!sso.settings.idp) throw notEnabled();
    if (req.query.test !== undefined) {
      // A Test connection may run before SSO is enabled, so only the tenant's SSO admins may start one.
      const admin = req.admin;
      if (admin?.via !== 'session') throw new ParleyError('PARLEY_AUTH_REQUIRED');
      if (String(admin.tenantId) !== String(sso.tenant._id) || !roleHas(admin.role, 'sso:write')) {
        throw new ParleyError('PARLEY_AUTH_FORBIDDEN');
      }
      const startedBy = req.adminSession?.userId ?? null;
      return deps.gateway.redirectToIdp(req, res, exchange(sso, { purpose: 'test', startedBy }));
    }
    if (!sso.settings.enabled) throw notEnabled();
    if (req.query.widget !== undefined) {
      // The popup answers this origin with a chat identity, so it must be one of the tenant's.
      const origin = String(req.query.widget);
      // In production loopback origins are refused, as for live keys.
      const mode = accessOf(req).production ? 'live' : 'test';
      if (!widgetLoginOpen(sso.settings)) throw notEnabled();
      if (!isOriginAllowed(origin, sso.tenant.allowedOrigins, mode)) {
        throw new ParleyError('PARLEY_ORIGIN_NOT_ALLOWED');
      }
      return deps.gateway.redirectToIdp(
        req,
        res,
        exchange(sso, { purpose: 'widget', returnTo: origin }),
      );
    }
    const returnTo = safeReturnTo(req.query.returnTo, consolePath);
    await deps.gateway.redirectToIdp(req, res, exchange(sso, { purpose: 'console', returnTo }));
  });

  const acsBody = [
    cookieParser(deps.sessionSecret),
    express.urlencoded({ extended: false, limit: '512kb' }),
  ];
  router.post(`${base}/acs`, ...acsBody, async (req, res) => {
    const sso = await activeTenantOf(req);
    const idp = sso.settings.idp;
    if (!idp) throw notEnabled();
    const tenantId = sso.tenant._id;
    const ex = exchange(sso);
    let facts: ResponseFacts | undefined;
    try {
      facts = inspectSamlResponse(req.body?.SAMLResponse, {
        idpEntityId: idp.entityId,
        acsUrl: sso.sp.acsUrl,
      });
      const accepted = await deps.gateway.acceptResponse(req, res, ex);
      await ssoAudit.changes(req, tenantId, ex.changes);
      await respondAccepted(req, res, sso, accepted, targets);
    } catch (error) {
      const refusal = isInfrastructureError(error) ? null : classifyValidationError(error, facts);
      if (!refusal) throw error;
      const purpose = ex.cache.consumed?.purpose ?? 'console';
      await ssoAudit.changes(req, tenantId, ex.changes);
      await ssoAudit.failure(req, tenantId, refusal, purpose);
      respondRefused(req, res, refusal, purpose, targets);
    }
  });

  router.get(`${base}/logout`, ...withAdmin, async (req, res) => {
    const sso = await tenantOf(req);
    const session: Session | undefined = req.adminSession;
    let target = loginPath;
    if (session && String(session.tenantId) === String(sso.tenant._id)) {
      const access = accessOf(req);
      await access.sessions.revoke(req.signedCookies[sessionCookie]);
      clearSessionCookie(req, res);
      const user = await access.users.findById(session.userId);
      await ssoAudit.logout(
        req,
        sso.tenant._id,
        { id: String(session.userId), label: user?.email ?? '' },
        'sp',
      );
      if (session.method === 'saml' && user?.ssoSubject) {
        const url = await deps.gateway.logoutUrl(exchange(sso, { purpose: 'logout' }), {
          nameID: user.ssoSubject,
          nameIDFormat: NAMEID_UNSPECIFIED,
        });
        if (url) target = url;
      }
    }
    res.redirect(303, target);
  });

  const slo = async (req: Request, res: Response) => {
    const sso = await tenantOf(req);
    if (!sso.settings.idp) throw notEnabled();
    const query = req.query as Record<string, unknown>;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const isRequest = Boolean(query.SAMLRequest || body.SAMLRequest);
    if (!isRequest && !query.SAMLResponse && !body.SAMLResponse) {
      throw new ParleyError('PARLEY_BAD_REQUEST', {
        message: 'Expected a SAMLRequest or SAMLResponse.',
      });
    }
    // node-saml accepts an unsigned redirect-binding LogoutRequest; anyone could then sign people out.
    if (query.SAMLRequest && !query.Signature) {
      throw new ParleyError('PARLEY_SSO_RESPONSE_REFUSED', {
        details: { reason: 'response_unsigned' },
      });
    }
    try {
      await deps.gateway.singleLogout(req, res, exchange(sso, { purpose: 'logout' }));
    } catch (error) {
      const refusal = isInfrastructureError(error)
        ? null
        : classifyValidationError(error, undefined);
      if (!refusal) throw error;
      if (isRequest) {
        throw new ParleyError('PARLEY_SSO_RESPONSE_REFUSED', {
          details: { reason: refusal.reason },
        });
      }
    }
    if (!res.headersSent) res.redirect(303, loginPath);
  };
  router.get(`${base}/slo`, slo);
  router.post(`${base}/slo`, express.urlencoded({ extended: false, limit: '512kb' }), slo);

  return router;
}
