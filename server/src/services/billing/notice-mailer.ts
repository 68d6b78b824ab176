import type { Connection } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import { type Tenant, tenantModel } from '../../models/tenant';
import { type User, userModel } from '../../models/user';
import type { Mailer } from '../mail/mailer';
import { type NoticeSender, usageNoticeMessage } from './notices';

/** The roles that receive usage notices: the people who can change the plan or pay. */
export const noticeRoles = ['owner', 'admin'] as const;

/** Sends each usage notice by email to the tenant's active owners and admins. */
export function usageNoticeMailer(options: {
  connection: Connection;
  mailer: Mailer;
  billingPageUrl: string;
}): NoticeSender {
  const { connection, mailer, billingPageUrl } = options;
  return async (notice) => {
    const tenant = await tenantModel(connection)
      .findById(notice.tenantId, { name: 1 })
      .lean<Pick<Tenant, 'name'>>();
    if (!tenant) return;
    const admins = await tenantScope(userModel(connection), notice.tenantId)
      .find({ role: { $in: noticeRoles }, disabled: false }, { email: 1 })
      .lean<Pick<User, 'email'>[]>();
    for (const admin of admins) {
      await mailer.send(usageNoticeMessage(notice, admin.email, tenant.name, billingPageUrl));
    }
  };
}
