import type { Request } from 'express';
import type { Types } from 'mongoose';
import type { AuditActor } from '../../models/audit-log';
import type { User } from '../../models/user';
import { accessOf } from '../tenants/access';
import type { ProvisionChange } from './provisioning';
import type { SamlRefusal } from './refusal';
import type { SsoSettings } from './settings';

const actorOfUser = (user: Pick<User, '_id' | 'email' | 'role'>): AuditActor => ({
  type: 'user',
  id: String(user._id),
  label: user.email,
  role: user.role,
});
// Before a response is verified nothing in it can be trusted, so failures name no person.
const unverified: AuditActor = { type: 'system', id: null, label: 'saml', role: null };

async function record(
  req: Request,
  tenantId: Types.ObjectId,
  entry: {
    actor: AuditActor;
    action: string;
    target: { type: string; id: string | null; label?: string };
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await accessOf(req).audit.record({
    tenantId,
    ...entry,
    ip: req.ip ?? null,
    userAgent: req.get('user-agent') ?? null,
    requestId: req.id === undefined ? null : String(req.id),
  });
}

/** Audits SSO logins, refusals, provisioning and settings changes in the tenant's log. */
export const ssoAudit = {
  /** A console sign-in through the IdP. */
  login(req: Request, tenantId: Types.ObjectId, user: User, via: 'sp-initiated' | 'idp-initiated') {
    return record(req, tenantId, {
      actor: actorOfUser(user),
      action: 'sso.login',
      target: { type: 'user', id: String(user._id), label: user.email },
      after: { via },
    });
  },

  /** An employee signed in to the widget through the IdP (a verified chat identity). */
  widgetLogin(req: Request, tenantId: Types.ObjectId, subject: string) {
    return record(req, tenantId, {
      actor: { type: 'user', id: null, label: subject, role: null },
      action: 'sso.widget_login',
      target: { type: 'widget', id: null, label: subject },
    });
  },

  /** A refused response or person, with the reason. */
  failure(req: Request, tenantId: Types.ObjectId, refusal: SamlRefusal, purpose: string) {
    return record(req, tenantId, {
      actor: unverified,
      action: 'sso.login.failed',
      target: { type: 'sso', id: null, label: 'saml' },
      after: { reason: refusal.reason, message: refusal.message.slice(0, 500), purpose },
    });
  },

  /** A Test connection run by an admin. */
  test(
    req: Request,
    tenantId: Types.ObjectId,
    outcome: { ok: boolean; reason?: string; email?: string | null },
  ) {
    return record(req, tenantId, {
      actor: unverified,
      action: 'sso.test',
      target: { type: 'sso', id: null, label: 'saml' },
      after: outcome,
    });
  },

  /** Users created, updated or disabled by a login. */
  async changes(req: Request, tenantId: Types.ObjectId, changes: ProvisionChange[]) {
    for (const change of changes) {
      await record(req, tenantId, {
        actor: unverified,
        action: change.action,
        target: { type: 'user', id: String(change.user._id), label: change.user.email },
        before: change.before,
        after: change.after,
      });
    }
  },

  /** Sessions ended by a logout (SP- or IdP-initiated). */
  logout(
    req: Request,
    tenantId: Types.ObjectId,
    who: { id: string | null; label: string },
    via: string,
  ) {
    return record(req, tenantId, {
      actor: unverified,
      action: 'sso.logout',
      target: { type: 'user', id: who.id, label: who.label },
      after: { via },
    });
  },
};

/** A settings snapshot fit for the audit log: certificates by fingerprint, not by PEM. */
export function settingsSnapshot(settings: SsoSettings): Record<string, unknown> {
  const { idp, ...rest } = settings;
  return {
    ...rest,
    idp: idp && {
      entityId: idp.entityId,
      ssoUrl: idp.ssoUrl,
      sloUrl: idp.sloUrl,
      signingKeys: idp.signingKeys.map((k) => ({
        fingerprint: k.fingerprint,
        notAfter: k.notAfter ?? null,
      })),
    },
  };
}
