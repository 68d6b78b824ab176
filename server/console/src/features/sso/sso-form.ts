/** Roles the IdP may grant through the group table (owners are managed in Parley). */
export const ssoRoles = ['admin', 'editor', 'viewer'] as const;
/** A role the IdP may grant. */
export type SsoRole = (typeof ssoRoles)[number];

/** A signing certificate as `GET /api/sso/saml` lists it. */
export interface SigningCertificate {
  kind: 'certificate' | 'public-key';
  fingerprint: string;
  subject?: string;
  notBefore?: string;
  notAfter?: string;
}

/** The SP values an admin copies into the IdP. */
export interface SpValues {
  entityId: string;
  acsUrl: string;
  metadataUrl: string;
  loginUrl: string;
  logoutUrl: string;
  sloUrl: string;
}

/** `GET /api/sso/saml`. */
export interface SsoSettingsView {
  enabled: boolean;
  idp: {
    entityId: string;
    ssoUrl: string;
    sloUrl: string | null;
    signingCertificates: SigningCertificate[];
  } | null;
  idpInitiated: boolean;
  jitProvisioning: boolean;
  defaultRole: SsoRole | null;
  attributeMapping: { email: string | null; name: string | null; groups: string | null };
  groupRoles: { group: string; role: SsoRole }[];
  enforce: boolean;
  breakGlassUserId: string | null;
  widgetLogin: boolean;
  updatedAt: string | null;
  sp: SpValues;
}

/** What a Test connection popup reports (see the server's pages.ts). */
export interface TestResult {
  ok: boolean;
  reason?: string;
  message?: string;
  nameId?: string;
  email?: string | null;
  name?: string | null;
  groups?: string[];
  attributes?: Record<string, string[]>;
  outcome?: string;
}

/**
 * Splits a textarea of pasted certificates into one entry per certificate:
 * PEM blocks are kept whole; bare base64 certificates are separated by
 * blank lines.
 */
export function splitCertificates(text: string): string[] {
  const pem = text.match(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g);
  if (pem) return pem.map((block) => block.trim());
  return text
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean);
}

/** How a certificate's expiry reads in the list, and how worried to be about it. */
export function certificateExpiry(
  cert: SigningCertificate,
  now = Date.now(),
): { label: string; tone: 'neutral' | 'warning' | 'danger' } {
  if (!cert.notAfter) return { label: 'bare public key (no expiry)', tone: 'neutral' };
  const days = Math.floor((Date.parse(cert.notAfter) - now) / 86_400_000);
  if (days < 0) return { label: `expired ${-days} days ago`, tone: 'danger' };
  if (days <= 30) return { label: `expires in ${days} days`, tone: 'warning' };
  return { label: `valid until ${cert.notAfter.slice(0, 10)}`, tone: 'neutral' };
}

/** A group → role table from the form's rows: blank groups dropped, duplicates merged. */
export function cleanGroupRoles(
  rows: { group: string; role: SsoRole }[],
): { group: string; role: SsoRole }[] {
  const seen = new Set<string>();
  const out: { group: string; role: SsoRole }[] = [];
  for (const row of rows) {
    const group = row.group.trim();
    const key = group.toLowerCase();
    if (!group || seen.has(key)) continue;
    seen.add(key);
    out.push({ group, role: row.role });
  }
  return out;
}

/** An attribute-mapping field: blank means "detect" (null on the wire). */
export const mappingValue = (text: string): string | null => text.trim() || null;

/** The Test connection popup's address. */
export const testConnectionUrl = (sp: SpValues) => `${sp.loginUrl}?test=1`;

/**
 * The result of a Test connection if this message event carries one: only
 * from our own origin (the popup is served by the same server) and only with
 * the expected shape, since any window may post messages to the console.
 */
export function testResultFrom(
  event: { origin: string; data: unknown },
  origin: string,
): TestResult | null {
  if (event.origin !== origin) return null;
  const data = event.data as { type?: unknown; result?: unknown } | null;
  if (data?.type !== 'parley:sso-test') return null;
  const result = data.result as TestResult | null;
  if (typeof result?.ok !== 'boolean') return null;
  return result;
}

/** Why SSO cannot be enforced yet, or null when it can. */
export function enforceBlocker(
  view: Pick<SsoSettingsView, 'enabled' | 'breakGlassUserId'>,
): string | null {
  if (!view.enabled) return 'Switch single sign-on on first.';
  if (!view.breakGlassUserId) return 'Choose a break-glass owner who keeps password sign-in.';
  return null;
}
