import type { Types } from 'mongoose';
import type { Tenant } from '../../models/tenant';
import type { Role } from '../auth/permissions';
import type { AccessServices } from './access';

/** What provisioning a tenant returns (the CLI prints it as JSON). */
export interface ProvisionedTenant {
  tenant: Tenant;
  publishableKey: string;
  secretKey: string;
  admin?: { id: string; email: string };
}

/**
 * Creates a working tenant in one go: the tenant, a publishable key for the
 * snippet, a secret key for the admin API and, optionally, its first owner.
 * Used by the CLI, the operator API and the demo seed.
 */
export async function provisionTenant(
  services: Pick<AccessServices, 'tenants' | 'keys' | 'users' | 'audit'>,
  input: {
    name: string;
    slug: string;
    allowedOrigins: string[];
    plan?: string;
    mode?: 'live' | 'test';
    admin?: { email: string; password: string; name?: string; role?: Role };
    /** Demo seed only: a fixed publishable key. */
    publishableKey?: string;
  },
  actor: { type: 'operator' | 'system'; id: string | null; label: string },
): Promise<ProvisionedTenant> {
  const mode = input.mode ?? 'live';
  const tenant = await services.tenants.create(input);
  const tenantId: Types.ObjectId = tenant._id;
  const pk = await services.keys.create(tenantId, {
    kind: 'publishable',
    mode,
    name: 'Website',
    fixedValue: input.publishableKey,
  });
  const sk = await services.keys.create(tenantId, {
    kind: 'secret',
    mode,
    name: 'Server',
    scopes: ['*'],
  });
  let admin: ProvisionedTenant['admin'];
  if (input.admin) {
    const user = await services.users.create(tenantId, {
      email: input.admin.email,
      name: input.admin.name,
      role: input.admin.role ?? 'owner',
      password: input.admin.password,
    });
    admin = { id: String(user._id), email: user.email };
  }
  await services.audit.record({
    tenantId,
    actor: { ...actor, role: actor.type === 'operator' ? 'operator' : null },
    action: 'tenant.create',
    target: { type: 'tenant', id: String(tenantId), label: tenant.slug },
    after: {
      name: tenant.name,
      slug: tenant.slug,
      allowedOrigins: tenant.allowedOrigins,
      admin: admin?.email,
    },
  });
  return { tenant, publishableKey: pk.secret, secretKey: sk.secret, admin };
}
