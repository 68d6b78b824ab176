import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { connectDatabase, type Database } from '../../db/connect';
import { ParleyError } from '../../errors';
import { createLogger } from '../../logger';
import { type Tenant, tenantModel } from '../../models/tenant';
import { AuditService } from '../../services/audit/audit-service';
import { createBilling, parseOverridePairs } from '../../services/billing/index';

/** What `tenant plan set` prints: the tenant, its plan, overrides and the limits now in force. */
export interface PlanSetResult {
  tenant: { id: string; slug: string };
  plan: string;
  overrides: Record<string, unknown>;
  limits: Record<string, unknown>;
  restricted: boolean;
}

/**
 * Assigns a plan (and overrides) to the tenant with `slug`, records it in
 * the tenant's audit log, and returns what is now in force. Works with or
 * without Stripe: this is how operators set plans when billing is off, and
 * how they grant Enterprise or one-off exceptions when it is on.
 */
export async function assignPlanBySlug(
  database: Database,
  input: { slug: string; plan: string; overrides: string[]; resetOverrides: boolean },
): Promise<PlanSetResult> {
  const config = loadConfig();
  const { connection } = database;
  const tenant = await tenantModel(connection)
    .findOne({ slug: input.slug.toLowerCase() })
    .lean<Tenant>();
  if (!tenant) {
    throw new ParleyError('PARLEY_NOT_FOUND', {
      message: `No workspace with slug "${input.slug}".`,
    });
  }
  const billing = createBilling({ config, connection, logger: createLogger('silent') });
  const before = await billing.accounts.account(tenant._id);
  const after = await billing.setPlan(tenant._id, input.plan, parseOverridePairs(input.overrides), {
    replaceOverrides: input.resetOverrides,
  });
  await new AuditService(connection).record({
    tenantId: tenant._id,
    actor: { type: 'system', id: null, label: 'cli: tenant plan set', role: null },
    action: 'billing.plan.set',
    target: { type: 'tenant', id: String(tenant._id), label: tenant.slug },
    before: { plan: before.plan, overrides: before.overrides },
    after: { plan: after.plan, overrides: after.overrides },
  });
  const effective = await billing.limits(tenant._id);
  return {
    tenant: { id: String(tenant._id), slug: tenant.slug },
    plan: after.plan,
    overrides: after.overrides,
    limits: effective.limits,
    restricted: effective.restricted,
  };
}

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Adds `plan set` under the `tenant` command (creating `tenant` if no other
 * command registered it yet): `parley tenant plan set --tenant acme --plan pro
 * --override messagesPerMonth=50000 --override ssoAllowed=true`.
 */
export function registerPlanCommand(program: Command): void {
  const tenant =
    program.commands.find((c) => c.name() === 'tenant') ??
    program.command('tenant').description('manage tenants (workspaces)');
  const plan = tenant.command('plan').description("manage a tenant's plan and limit overrides");
  plan
    .command('set')
    .description('assign a plan; --override name=value adjusts one limit (name= removes it)')
    .requiredOption('--tenant <slug>', 'the workspace slug')
    .requiredOption(
      '--plan <plan>',
      'plan id from the plan catalogue (free, starter, pro, enterprise, …)',
    )
    .option(
      '--override <name=value>',
      'limit override, repeatable (unlimited, true/false, numbers)',
      collect,
      [],
    )
    .option('--reset-overrides', 'drop existing overrides before applying these', false)
    .action(
      async (options: {
        tenant: string;
        plan: string;
        override: string[];
        resetOverrides: boolean;
      }) => {
        const database = await connectDatabase(loadConfig());
        try {
          const result = await assignPlanBySlug(database, {
            slug: options.tenant,
            plan: options.plan,
            overrides: options.override,
            resetOverrides: options.resetOverrides,
          });
          console.log(JSON.stringify(result));
        } finally {
          await database.close();
        }
      },
    );
}
