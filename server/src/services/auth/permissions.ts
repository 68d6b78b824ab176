/**
 * The one permission table. Routes ask for a named permission
 * (`requireAdmin('keys:write')`); roles grant sets of them. Platform
 * operators are not a tenant role: they use the operator API and hold no
 * tenant permissions.
 */
export const roles = ['owner', 'admin', 'editor', 'viewer'] as const;

/** A tenant user's role, strongest first. */
export type Role = (typeof roles)[number];

/** Every permission a route may require, with the roles that hold it. */
export const permissionTable = {
  'tenant:read': ['owner', 'admin', 'editor', 'viewer'],
  'tenant:write': ['owner', 'admin'],
  'theme:read': ['owner', 'admin', 'editor', 'viewer'],
  'theme:write': ['owner', 'admin', 'editor'],
  'documents:read': ['owner', 'admin', 'editor', 'viewer'],
  'documents:write': ['owner', 'admin', 'editor'],
  'conversations:read': ['owner', 'admin', 'editor'],
  'usage:read': ['owner', 'admin', 'editor', 'viewer'],
  'users:read': ['owner', 'admin'],
  'users:write': ['owner', 'admin'],
  'keys:read': ['owner', 'admin'],
  'keys:write': ['owner', 'admin'],
  'audit:read': ['owner', 'admin'],
  'sso:read': ['owner', 'admin'],
  'sso:write': ['owner', 'admin'],
  'billing:read': ['owner', 'admin'],
  'billing:manage': ['owner'],
} as const satisfies Record<string, readonly Role[]>;

/** A named permission from {@link permissionTable}. */
export type Permission = keyof typeof permissionTable;

/** All permission names, for validating secret-key scopes. */
export const permissions = Object.keys(permissionTable) as Permission[];

/**
 * What a secret key may do: the admin role's permissions, never owner-only
 * ones, and never managing keys or users (a leaked key must not mint more
 * keys or accounts).
 */
export const secretKeyPermissions: readonly Permission[] = permissions.filter(
  (p) =>
    (permissionTable[p] as readonly Role[]).includes('admin') &&
    p !== 'keys:write' &&
    p !== 'users:write',
);

/** Whether a role holds a permission. */
export function roleHas(role: Role, permission: Permission): boolean {
  return (permissionTable[permission] as readonly Role[]).includes(role);
}

/** Whether a secret key with these scopes (`*` = everything allowed to keys) holds a permission. */
export function scopesAllow(scopes: readonly string[], permission: Permission): boolean {
  if (!secretKeyPermissions.includes(permission)) return false;
  return scopes.includes('*') || scopes.includes(permission);
}

/** The permissions a role holds, for the console to show or hide controls. */
export function permissionsOf(role: Role): Permission[] {
  return permissions.filter((p) => roleHas(role, p));
}

/** Whether `actor` may give or take away `target` role: only owners touch owners. */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (!roleHas(actor, 'users:write')) return false;
  return target !== 'owner' || actor === 'owner';
}

/** Type guard for role names arriving from outside. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}
