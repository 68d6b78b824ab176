import { randomBytes } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { tenantModel } from '../../src/models/tenant';
import { type User, userModel } from '../../src/models/user';
import { defaultWidgetSettings } from '../../src/services/tenants/schemas';

/** Inserts a tenant straight through the model (SSO tests need no tenant API). */
export async function insertTenant(
  connection: Connection,
  slug: string,
  sso: unknown = null,
): Promise<Types.ObjectId> {
  const tenant = await tenantModel(connection).create({
    slug,
    name: `${slug} Inc.`,
    widget: defaultWidgetSettings,
    identitySecret: randomBytes(32).toString('hex'),
    sso,
  });
  return tenant._id;
}

/** Inserts a console user of a tenant. */
export async function insertUser(
  connection: Connection,
  tenantId: Types.ObjectId,
  fields: Partial<User> & { email: string },
): Promise<User> {
  const user = await userModel(connection).create({
    tenantId,
    name: fields.email.split('@')[0],
    role: 'viewer',
    ...fields,
  });
  return user.toObject();
}
