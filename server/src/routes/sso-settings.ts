import express, { Router } from 'express';
import { requireAdmin } from '../middleware/admin-auth';
import { audit } from '../services/audit/audit';
import type { SsoSettings } from '../services/saml/settings';
import type { SsoSettingsService } from '../services/saml/settings-service';
import type { SpUrls } from '../services/saml/sp-urls';
import { settingsSnapshot } from '../services/saml/sso-audit';

/** The settings as `GET/PUT /api/sso/saml` answer them, with the SP addresses to copy. */
function view(settings: SsoSettings, sp: SpUrls) {
  const { idp, ...rest } = settings;
  return {
    ...rest,
    idp: idp && {
      entityId: idp.entityId,
      ssoUrl: idp.ssoUrl,
      sloUrl: idp.sloUrl,
      signingCertificates: idp.signingKeys,
    },
    sp,
  };
}

/**
 * The JSON parser of `PUT /api/sso/saml`, mounted before the app-wide one:
 * pasted metadata can pass its 64 kB limit (ADFS, Entra with many roles).
 */
export const ssoSettingsBody = Router().use('/api/sso/saml', express.json({ limit: '1100kb' }));

/**
 * `GET /api/sso/saml` (sso:read) and `PUT /api/sso/saml` (sso:write): the
 * caller's tenant's SAML settings. PUT accepts `{ metadataXml }` or explicit
 * `idp` fields plus the switches and mappings (settings-schema.ts); every
 * change is audited with before and after.
 */
export function ssoSettingsRouter(deps: { settings: SsoSettingsService }): Router {
  const router = Router();

  router.get('/api/sso/saml', requireAdmin('sso:read'), async (req, res) => {
    const { settings, sp } = await deps.settings.get(req.admin!.tenantId);
    res.json(view(settings, sp));
  });

  router.put('/api/sso/saml', requireAdmin('sso:write'), async (req, res) => {
    const { before, after, sp } = await deps.settings.update(req.admin!.tenantId, req.body);
    await audit(req, {
      action: 'sso.update',
      target: { type: 'sso', id: null, label: 'saml' },
      before: settingsSnapshot(before),
      after: settingsSnapshot(after),
    });
    res.json(view(after, sp));
  });

  return router;
}
