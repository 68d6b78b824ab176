import type { Profile } from '@node-saml/passport-saml';
import { type Role, roles } from '../auth/permissions';

/** Roles an IdP group may grant: ownership is managed in Parley, never by the IdP. */
export type SsoRole = Exclude<Role, 'owner'>;

/** Which SAML attributes carry the email, name and groups; null means "detect". */
export interface AttributeMapping {
  email: string | null;
  name: string | null;
  groups: string | null;
}

/** One rule of the group → role table. */
export interface GroupRole {
  group: string;
  role: SsoRole;
}

/** The person an assertion describes, in Parley's terms. */
export interface SsoIdentity {
  nameId: string;
  email: string | null;
  name: string | null;
  groups: string[];
  /** Every attribute received, values as strings: shown by Test connection. */
  attributes: Record<string, string[]>;
}

// What Okta, Entra ID, Google, OneLogin, Keycloak and ADFS send by default.
const DEFAULTS = {
  email: [
    'email',
    'mail',
    'emailAddress',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
    'urn:oid:0.9.2342.19200300.100.1.3',
    'User.email',
  ],
  name: [
    'displayName',
    'name',
    'http://schemas.microsoft.com/identity/claims/displayname',
    'urn:oid:2.16.840.1.113730.3.1.241',
    'cn',
  ],
  given: [
    'givenName',
    'firstName',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
  ],
  surname: [
    'sn',
    'surname',
    'lastName',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
  ],
  groups: [
    'groups',
    'memberOf',
    'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
    'Role',
    'roles',
  ],
};

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}$/;

function flatten(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(flatten);
  // Complex AttributeValues (nested XML) are parsed as objects with the text under `_`.
  if (typeof value === 'object') return flatten((value as { _?: unknown })._);
  return [String(value).trim()].filter((v) => v.length > 0);
}

/** Attributes by name, case-insensitively, for lookups that tolerate IdP spelling. */
function lookup(attributes: Record<string, string[]>) {
  const byLower = new Map(Object.entries(attributes).map(([k, v]) => [k.toLowerCase(), v]));
  return (names: string[]): string[] => {
    for (const name of names) {
      const values = byLower.get(name.toLowerCase());
      if (values?.length) return values;
    }
    return [];
  };
}

/** Reads the identity out of a verified profile, using the tenant's mapping or the defaults. */
export function mapIdentity(profile: Profile, mapping: AttributeMapping): SsoIdentity {
  const raw = (profile.attributes ?? {}) as Record<string, unknown>;
  const attributes = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, flatten(v)]));
  const find = lookup(attributes);
  const pick = (configured: string | null, defaults: string[]) =>
    find(configured ? [configured] : defaults);
  const nameId = String(profile.nameID ?? '');
  const emailCandidate = pick(mapping.email, DEFAULTS.email)[0] ?? nameId;
  const email = EMAIL.test(emailCandidate) ? emailCandidate.toLowerCase() : null;
  let name = pick(mapping.name, DEFAULTS.name)[0] ?? null;
  if (!name && !mapping.name) {
    name = [find(DEFAULTS.given)[0], find(DEFAULTS.surname)[0]].filter(Boolean).join(' ') || null;
  }
  const groups = [...new Set(pick(mapping.groups, DEFAULTS.groups))];
  return { nameId, email, name, groups, attributes };
}

/**
 * The role the IdP grants: the strongest role of any mapped group the user is
 * in (group names compared case-insensitively: Entra sends object ids whose
 * case varies), else the default role, else none.
 */
export function resolveRole(
  groups: string[],
  table: GroupRole[],
  defaultRole: SsoRole | null,
): SsoRole | null {
  const member = new Set(groups.map((g) => g.toLowerCase()));
  const granted = table.filter((rule) => member.has(rule.group.toLowerCase())).map((r) => r.role);
  if (granted.length === 0) return defaultRole;
  return granted.sort((a, b) => roles.indexOf(a) - roles.indexOf(b))[0]!;
}
