import type { Request, Response } from 'express';
import { ParleyError } from '../../errors';
import { startSession } from '../../middleware/admin-auth';
import { type Page, refusalPage, testResultPage, widgetIdentityPage } from './pages';
import { type SamlRefusal, USER_REASONS } from './refusal';
import type { TenantSso } from './settings-service';
import { ssoAudit } from './sso-audit';
import type { AcceptedLogin } from './sso-login';
import { testOutcome } from './test-outcome';
import { widgetIdentityToken } from './widget-identity';

/** Where the console lives, for redirects after login and back to sign-in. */
export interface ConsoleTargets {
  consolePath: string;
  consoleOrigin: string;
}

/** Sends one of the SAML HTML pages with its own Content-Security-Policy. */
export function sendPage(res: Response, status: number, page: Page): void {
  res.status(status).set('content-security-policy', page.csp).type('html').send(page.html);
}

/** A console path to return to after login: relative, under the console, nothing else. */
export function safeReturnTo(value: unknown, consolePath: string): string | null {
  if (typeof value !== 'string' || value.length > 512) return null;
  const under =
    value === consolePath ||
    value.startsWith(`${consolePath}/`) ||
    value.startsWith(`${consolePath}?`);
  // Refuse anything a browser could read as another host: `//`, backslashes, whitespace.
  return under && /^\/(?![/\\])[^\\\s]*$/.test(value) ? value : null;
}

/**
 * Finishes an accepted response by its purpose: a console session and a
 * redirect, the Test connection popup, or a widget identity handed to the
 * host page that asked for it.
 */
export async function respondAccepted(
  req: Request,
  res: Response,
  sso: TenantSso,
  accepted: AcceptedLogin,
  targets: ConsoleTargets,
): Promise<void> {
  const tenantId = sso.tenant._id;
  if (accepted.purpose === 'test') {
    await ssoAudit.test(req, tenantId, { ok: true, email: accepted.identity.email });
    return sendPage(res, 200, testResultPage(testOutcome(accepted), targets.consoleOrigin));
  }
  if (accepted.purpose === 'widget') {
    const { identity } = accepted;
    const token = await widgetIdentityToken(sso.tenant, identity, sso.sp.entityId);
    await ssoAudit.widgetLogin(req, tenantId, identity.email ?? identity.nameId);
    const user = { email: identity.email, name: identity.name };
    return sendPage(res, 200, widgetIdentityPage({ token, user }, accepted.request!.returnTo!));
  }
  const user = accepted.user!;
  await startSession(req, res, user, 'saml');
  await ssoAudit.login(req, tenantId, user, accepted.request ? 'sp-initiated' : 'idp-initiated');
  const relay = safeReturnTo(req.body?.RelayState, targets.consolePath);
  res.redirect(303, accepted.request?.returnTo ?? relay ?? targets.consolePath);
}

/**
 * Answers a refused response: the Test connection popup shows the reason;
 * otherwise 401 (the message) or 403 (the person), as JSON for API clients
 * and as a page for browsers. The refusal is already audited.
 */
export function respondRefused(
  req: Request,
  res: Response,
  refusal: SamlRefusal,
  purpose: string,
  targets: ConsoleTargets,
): void {
  if (purpose === 'test') {
    const result = { ok: false, reason: refusal.reason, message: refusal.message };
    sendPage(res, 200, testResultPage(result, targets.consoleOrigin));
    return;
  }
  const code = USER_REASONS.has(refusal.reason)
    ? 'PARLEY_SSO_USER_REFUSED'
    : 'PARLEY_SSO_RESPONSE_REFUSED';
  const error = new ParleyError(code, { details: { reason: refusal.reason } });
  if (req.accepts(['json', 'html']) !== 'html') throw error;
  sendPage(
    res,
    error.status,
    refusalPage(refusal.reason, error.message, `${targets.consolePath}/login`),
  );
}
