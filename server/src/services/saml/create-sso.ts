import type { Profile } from '@node-saml/passport-saml';
import type { Request } from 'express';
import type { Connection, Types } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import { userModel } from '../../models/user';
import { SessionService } from '../auth/sessions';
import { type SeatGate, type SeatLock, SsoProvisioner } from './provisioning';
import { AssertionReplayStore } from './replay-store';
import { SamlGateway } from './saml-gateway';
import { type SsoFeatureGate, SsoSettingsService, type TenantSso } from './settings-service';
import { ssoAudit } from './sso-audit';
import { SsoLoginService } from './sso-login';

/** The SSO services the routes use, built once per app. */
export interface Sso {
  settings: SsoSettingsService;
  gateway: SamlGateway;
}

/**
 * Builds the SSO services on one connection. The gates are billing's
 * (`assertFeature(tenantId, 'ssoAllowed')`, seats) when billing runs.
 */
export function createSso(options: {
  connection: Connection;
  publicUrl: string;
  featureGate?: SsoFeatureGate;
  /** Billing's `assertWithinLimit(tenantId, 'seats', current)`: JIT accounts use seats. */
  seatGate?: SeatGate;
  /** Billing's `withLimitLock(tenantId, 'seats', …)`: the seat check and the JIT account in one step. */
  seatLock?: SeatLock;
}): Sso {
  const { connection } = options;
  const sessions = new SessionService(connection);
  const login = new SsoLoginService(
    connection,
    new AssertionReplayStore(connection),
    new SsoProvisioner(connection, sessions, options.seatGate, options.seatLock),
  );
  // The IdP says this person logged out: end every console session they hold here.
  const onIdpLogout = async (req: Request, sso: TenantSso, profile: Profile) => {
    const users = await tenantScope(userModel(connection), sso.tenant._id)
      .find({ ssoSubject: profile.nameID })
      .lean();
    for (const user of users) {
      await sessions.revokeAllForUser(user._id as Types.ObjectId);
      await ssoAudit.logout(
        req,
        sso.tenant._id,
        { id: String(user._id), label: user.email },
        'idp',
      );
    }
  };
  return {
    settings: new SsoSettingsService(connection, options.publicUrl, options.featureGate),
    gateway: new SamlGateway(login, onIdpLogout),
  };
}
