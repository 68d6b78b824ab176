import { z } from 'zod';
import { checkIdpUrl } from './idp-url';
import { MAX_METADATA_CHARS } from './metadata';

const idpUrl = z
  .string()
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .superRefine((value, ctx) => {
    const problem = checkIdpUrl(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

// Attribute names are URIs at worst (Entra claim names); no control characters.
const attributeName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(512, 'must be at most 512 characters')
  .regex(/^\P{Cc}+$/u, 'must be plain text on one line');

const ssoRole = z.enum(['admin', 'editor', 'viewer'], {
  message: 'must be admin, editor or viewer (owners are managed in Parley)',
});

/** Explicit IdP fields, for admins who enter them by hand instead of pasting metadata. */
export const idpFieldsSchema = z.strictObject({
  entityId: z.string().trim().min(1, 'must not be empty').max(1024),
  ssoUrl: idpUrl,
  sloUrl: idpUrl.nullable().optional(),
  signingCertificates: z
    .array(z.string().max(16_384, 'is too long'))
    .min(1, 'at least one signing certificate is needed')
    .max(5, 'at most 5 certificates (current and next)'),
});

/**
 * The body of `PUT /api/sso/saml`. Fields sent replace the stored ones; fields
 * left out keep their value, so toggling `enabled` does not mean re-sending
 * the IdP. The IdP comes either as `metadataXml` or as explicit `idp` fields.
 */
export const ssoSettingsInput = z
  .strictObject({
    metadataXml: z.string().max(MAX_METADATA_CHARS, 'is larger than 1 MB').optional(),
    idp: idpFieldsSchema.optional(),
    enabled: z.boolean().optional(),
    idpInitiated: z.boolean().optional(),
    jitProvisioning: z.boolean().optional(),
    defaultRole: ssoRole.nullable().optional(),
    attributeMapping: z
      .strictObject({
        email: attributeName.nullable().optional(),
        name: attributeName.nullable().optional(),
        groups: attributeName.nullable().optional(),
      })
      .optional(),
    groupRoles: z
      .array(z.strictObject({ group: attributeName, role: ssoRole }))
      .max(100, 'at most 100 rules')
      .optional(),
    enforce: z.boolean().optional(),
    breakGlassUserId: z
      .string()
      .regex(/^[a-f0-9]{24}$/, 'must be a user id')
      .nullable()
      .optional(),
    widgetLogin: z.boolean().optional(),
  })
  .refine((body) => !(body.metadataXml !== undefined && body.idp !== undefined), {
    message: 'send either metadataXml or idp, not both',
    path: ['metadataXml'],
  });

/** A validated `PUT /api/sso/saml` body. */
export type SsoSettingsInput = z.infer<typeof ssoSettingsInput>;
