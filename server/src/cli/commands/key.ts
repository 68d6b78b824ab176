import type { Command } from 'commander';
import { z } from 'zod';
import { ParleyError } from '../../errors';
import { secretKeyPermissions } from '../../services/auth/permissions';
import { keyPrefix } from '../../services/keys/key-format';
import type { AccessServices } from '../../services/tenants/access';
import { parseInput } from '../../services/tenants/schemas';
import { cliActor, collect, tenantBySlug, withAccess } from './tenant';

const createInput = z.object({
  kind: z.enum(['publishable', 'secret']),
  mode: z.enum(['live', 'test']),
  name: z.string().trim().max(60).default(''),
  scopes: z.array(
    z
      .string()
      .refine((s) => s === '*' || secretKeyPermissions.includes(s as never), 'is not a permission'),
  ),
});

/** Creates a key for the tenant with `slug`; prints it in full (the only time for secret keys). */
export async function createKeyCommand(
  access: AccessServices,
  options: { tenant: string; kind: string; mode: string; name?: string; scope: string[] },
) {
  const tenant = await tenantBySlug(access, options.tenant);
  const input = parseInput(createInput, { ...options, scopes: options.scope });
  const { key, secret } = await access.keys.create(tenant._id, {
    ...input,
    scopes: input.kind === 'secret' ? (input.scopes.length ? input.scopes : ['*']) : [],
  });
  await access.audit.record({
    tenantId: tenant._id,
    actor: { ...cliActor('key create'), role: null },
    action: 'key.create',
    target: { type: 'apiKey', id: key.id, label: key.prefix },
    after: key,
  });
  return {
    keyId: key.id,
    tenantId: String(tenant._id),
    kind: key.kind,
    mode: key.mode,
    name: key.name,
    key: secret,
  };
}

/** Revokes a key of the tenant, named by id, full key or prefix. */
export async function revokeKeyCommand(
  access: AccessServices,
  options: { tenant: string; key: string },
) {
  const tenant = await tenantBySlug(access, options.tenant);
  const keys = await access.keys.list(tenant._id);
  const wanted = options.key.trim();
  const matches = keys.filter(
    (k) => k.id === wanted || k.prefix === keyPrefix(wanted) || k.prefix === wanted,
  );
  if (matches.length !== 1) {
    throw new ParleyError('PARLEY_NOT_FOUND', {
      message: matches.length
        ? `"${wanted}" matches ${matches.length} keys; use the key id.`
        : `No key "${wanted}" in workspace ${tenant.slug}.`,
    });
  }
  const before = matches[0]!;
  const key = await access.keys.revoke(tenant._id, before.id);
  if (before.status !== 'revoked') {
    await access.audit.record({
      tenantId: tenant._id,
      actor: { ...cliActor('key revoke'), role: null },
      action: 'key.revoke',
      target: { type: 'apiKey', id: key.id, label: key.prefix },
      before: { status: before.status },
      after: { status: key.status, revokedAt: key.revokedAt },
    });
  }
  return { keyId: key.id, prefix: key.prefix, status: key.status, revokedAt: key.revokedAt };
}

/** `parley key create|revoke|list`. */
export function registerKeyCommand(program: Command): void {
  const key = program.command('key').description("manage a tenant's API keys");
  key
    .command('create')
    .description('create a key; prints it in full (secret keys are never shown again)')
    .requiredOption('--tenant <slug>', 'the workspace slug')
    .option('--kind <kind>', 'publishable or secret', 'publishable')
    .option('--mode <mode>', 'live or test', 'live')
    .option('--name <name>', 'where it is used')
    .option(
      '--scope <permission>',
      'secret keys: a permission, repeatable (default: *)',
      collect,
      [],
    )
    .action(
      async (options: {
        tenant: string;
        kind: string;
        mode: string;
        name?: string;
        scope: string[];
      }) => {
        console.log(
          JSON.stringify(await withAccess((access) => createKeyCommand(access, options))),
        );
      },
    );
  key
    .command('revoke')
    .description('revoke a key at once (by id, full key or prefix)')
    .requiredOption('--tenant <slug>', 'the workspace slug')
    .argument('<key>', 'key id, the full key, or its prefix')
    .action(async (value: string, options: { tenant: string }) => {
      console.log(
        JSON.stringify(
          await withAccess((access) => revokeKeyCommand(access, { ...options, key: value })),
        ),
      );
    });
  key
    .command('list')
    .description("list a tenant's keys (prefixes only), one JSON object per line")
    .requiredOption('--tenant <slug>', 'the workspace slug')
    .action(async (options: { tenant: string }) => {
      const keys = await withAccess(async (access) =>
        access.keys.list((await tenantBySlug(access, options.tenant))._id),
      );
      for (const k of keys) console.log(JSON.stringify(k));
    });
}
