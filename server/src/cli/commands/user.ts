import type { Command } from 'commander';
import { z } from 'zod';
import type { User } from '../../models/user';
import {
  emailSchema,
  passwordSchema,
  personNameSchema,
  roleSchema,
  userView,
} from '../../services/auth/users';
import type { AccessServices } from '../../services/tenants/access';
import { parseInput } from '../../services/tenants/schemas';
import { cliActor, tenantBySlug, withAccess } from './tenant';

/** Options of `user create`. */
export interface UserCreateOptions {
  tenant?: string;
  email: string;
  name?: string;
  role?: string;
  password?: string;
  invite?: boolean;
  operator?: boolean;
}

const tenantUserInput = z.object({
  email: emailSchema,
  name: personNameSchema.optional(),
  role: roleSchema,
  password: passwordSchema.optional(),
});

/** What `user create` prints. */
export interface CreatedUserOutput {
  userId: string;
  tenantId: string | null;
  email: string;
  role: string;
  /** With `--invite`: the single-use link (also mailed). */
  inviteLink?: string;
}

/**
 * Creates a console user: in a tenant with a password, or invited (a
 * single-use link is mailed and printed), or a platform operator.
 */
export async function createUserCommand(
  access: AccessServices,
  options: UserCreateOptions,
): Promise<CreatedUserOutput> {
  if (options.operator) {
    if (options.tenant) throw new Error('operators belong to no tenant: drop --tenant');
    const input = parseInput(
      z.object({ email: emailSchema, password: passwordSchema, name: personNameSchema.optional() }),
      options,
    );
    const user = await access.users.upsertOperator(input);
    return { userId: String(user._id), tenantId: null, email: user.email, role: 'operator' };
  }
  if (!options.tenant) throw new Error('--tenant <slug> is required (or --operator)');
  if (!options.password && !options.invite) throw new Error('give --password or --invite');
  const tenant = await tenantBySlug(access, options.tenant);
  const input = parseInput(tenantUserInput, { ...options, role: options.role ?? 'admin' });
  let inviteLink: string | undefined;
  let user: User;
  if (options.invite) {
    const invited = await access.auth.invite(tenant, input, { label: 'Parley operator' });
    user = invited.user;
    inviteLink = invited.link;
  } else {
    user = await access.users.create(tenant._id, input);
  }
  const view = userView(user);
  await access.audit.record({
    tenantId: tenant._id,
    actor: { ...cliActor('user create'), role: null },
    action: options.invite ? 'user.invite' : 'user.create',
    target: { type: 'user', id: view.id, label: view.email },
    after: { email: view.email, role: view.role },
  });
  return {
    userId: view.id,
    tenantId: String(tenant._id),
    email: view.email,
    role: view.role,
    ...(inviteLink ? { inviteLink } : {}),
  };
}

/** `parley user create`. */
export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('manage console users');
  user
    .command('create')
    .description(
      'create a tenant user (with --password or --invite) or a platform operator (--operator)',
    )
    .option('--tenant <slug>', 'the workspace slug')
    .requiredOption('--email <email>', 'sign-in email')
    .option('--name <name>', 'display name')
    .option('--role <role>', 'owner, admin, editor or viewer', 'admin')
    .option('--password <password>', 'initial password (at least 10 characters)')
    .option('--invite', 'mail (and print) a single-use link to set a password instead', false)
    .option('--operator', 'create a platform operator (no tenant)', false)
    .action(async (options: UserCreateOptions) => {
      console.log(JSON.stringify(await withAccess((access) => createUserCommand(access, options))));
    });
}
