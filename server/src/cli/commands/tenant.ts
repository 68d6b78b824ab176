import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../../config';
import { connectDatabase } from '../../db/connect';
import { ParleyError } from '../../errors';
import type { Tenant } from '../../models/tenant';
import { emailSchema, passwordSchema } from '../../services/auth/users';
import { type AccessServices, createAccessServices } from '../../services/tenants/access';
import { provisionTenant } from '../../services/tenants/provision';
import { parseInput, tenantCreateSchema } from '../../services/tenants/schemas';

/** What `tenant create` prints. */
export interface CreatedTenantOutput {
  tenantId: string;
  slug: string;
  publishableKey: string;
  secretKey: string;
}

const createInput = tenantCreateSchema.extend({
  mode: z.enum(['live', 'test']),
  admin: z.object({ email: emailSchema, password: passwordSchema }).optional(),
});

/** Options of `tenant create` as commander parses them. */
export interface TenantCreateOptions {
  name: string;
  slug: string;
  origin: string[];
  adminEmail?: string;
  adminPassword?: string;
  plan?: string;
  test?: boolean;
}

/**
 * Creates a tenant with a publishable and a secret key (and its first owner
 * when an admin email and password are given). Validation errors name the
 * option at fault.
 */
export async function createTenantCommand(
  access: AccessServices,
  options: TenantCreateOptions,
): Promise<CreatedTenantOutput> {
  if (Boolean(options.adminEmail) !== Boolean(options.adminPassword)) {
    throw new Error('--admin-email and --admin-password go together');
  }
  const input = parseInput(createInput, {
    name: options.name,
    slug: options.slug,
    allowedOrigins: options.origin,
    plan: options.plan,
    mode: options.test ? 'test' : 'live',
    admin: options.adminEmail
      ? { email: options.adminEmail, password: options.adminPassword }
      : undefined,
  });
  const created = await provisionTenant(access, input, cliActor('tenant create'));
  return {
    tenantId: String(created.tenant._id),
    slug: created.tenant.slug,
    publishableKey: created.publishableKey,
    secretKey: created.secretKey,
  };
}

/** `parley tenant create|list`. (`tenant plan set` attaches to this command.) */
export function registerTenantCommand(program: Command): void {
  const tenant = program.command('tenant').description('manage tenants (workspaces)');
  tenant
    .command('create')
    .description(
      'create a tenant with its keys (and first owner); prints {tenantId, slug, publishableKey, secretKey}',
    )
    .requiredOption('--name <name>', 'display name, e.g. "Acme HR"')
    .requiredOption('--slug <slug>', 'short unique name: lowercase letters, digits, hyphens')
    .option(
      '--origin <url>',
      'allowed origin, repeatable (https://intranet.example, https://*.example)',
      collect,
      [],
    )
    .option('--admin-email <email>', "the first owner's email")
    .option('--admin-password <password>', "the first owner's password (at least 10 characters)")
    .option('--plan <plan>', 'plan name', 'free')
    .option('--test', 'create test-mode keys (they also work from localhost)', false)
    .action(async (options: TenantCreateOptions) => {
      const output = await withAccess((access) => createTenantCommand(access, options));
      console.log(JSON.stringify(output));
    });
  tenant
    .command('list')
    .description('list tenants (one JSON object per line with --json)')
    .option('--json', 'print JSON lines instead of a table', false)
    .action(async (options: { json: boolean }) => {
      const tenants = await withAccess((access) => access.tenants.list());
      if (options.json) {
        for (const t of tenants) console.log(JSON.stringify(t));
        return;
      }
      if (tenants.length === 0) {
        console.log('No tenants yet. Create one with: parley tenant create --name … --slug …');
        return;
      }
      const rows = tenants.map((t) => [
        t.slug,
        t.name,
        t.plan,
        t.status,
        t.allowedOrigins.join(' '),
      ]);
      const header = ['SLUG', 'NAME', 'PLAN', 'STATUS', 'ORIGINS'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      for (const row of [header, ...rows]) {
        console.log(
          row
            .map((cell, i) => cell.padEnd(widths[i]!))
            .join('  ')
            .trimEnd(),
        );
      }
    });
}

/**
 * Runs one CLI action with the access services on the configured database
 * (MONGODB_URI, or the embedded store in PARLEY_DATA_DIR), closing it after.
 */
export async function withAccess<T>(work: (access: AccessServices) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await connectDatabase(config);
  try {
    return await work(
      createAccessServices({ connection: database.connection, publicUrl: config.publicUrl }),
    );
  } finally {
    await database.close();
  }
}

/** The tenant with this slug, or a clear `PARLEY_NOT_FOUND`. */
export async function tenantBySlug(access: AccessServices, slug: string): Promise<Tenant> {
  const tenant = await access.tenants.findBySlug(slug);
  if (!tenant)
    throw new ParleyError('PARLEY_NOT_FOUND', { message: `No workspace with slug "${slug}".` });
  return tenant;
}

/** Collects a repeatable option's values. */
export const collect = (value: string, previous: string[]) => [...previous, value];

/** The CLI actor recorded in audit entries. */
export const cliActor = (command: string) => ({
  type: 'system' as const,
  id: null,
  label: `cli: ${command}`,
});
