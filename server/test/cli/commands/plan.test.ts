import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assignPlanBySlug } from '../../../src/cli/commands/plan';
import { ParleyError } from '../../../src/errors';
import { auditLogModel } from '../../../src/models/audit-log';
import { tenantModel } from '../../../src/models/tenant';
import { TenantService } from '../../../src/services/tenants/tenant-service';
import { startTestDatabase } from '../../support/database';

const cli = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));

test('tenant plan set assigns the plan on the tenant, merges overrides and audits it', async (t) => {
  const database = await startTestDatabase(t);
  const tenant = await new TenantService(database.connection).create({
    name: 'Acme',
    slug: 'acme',
  });
  const first = await assignPlanBySlug(database, {
    slug: 'ACME',
    plan: 'pro',
    overrides: ['messagesPerMonth=50000', 'seats=unlimited'],
    resetOverrides: false,
  });
  assert.equal(first.plan, 'pro');
  assert.deepEqual(first.overrides, { messagesPerMonth: 50000, seats: null });
  assert.equal(first.limits.messagesPerMonth, 50000);
  assert.equal(first.limits.seats, null);
  assert.equal((await tenantModel(database.connection).findById(tenant._id).lean())?.plan, 'pro');

  const second = await assignPlanBySlug(database, {
    slug: 'acme',
    plan: 'starter',
    overrides: ['seats=', 'ssoAllowed=true'],
    resetOverrides: false,
  });
  assert.deepEqual(second.overrides, { messagesPerMonth: 50000, ssoAllowed: true });
  assert.equal(second.limits.seats, 5);
  const reset = await assignPlanBySlug(database, {
    slug: 'acme',
    plan: 'starter',
    overrides: [],
    resetOverrides: true,
  });
  assert.deepEqual(reset.overrides, {});

  const entries = await auditLogModel(database.connection)
    .find({ tenantId: tenant._id, action: 'billing.plan.set' })
    .lean();
  assert.equal(entries.length, 3);
  assert.deepEqual(entries[0]?.after, {
    plan: 'pro',
    overrides: { messagesPerMonth: 50000, seats: null },
  });
});

test('tenant plan set refuses unknown tenants, plans and limits', async (t) => {
  const database = await startTestDatabase(t);
  await new TenantService(database.connection).create({ name: 'Acme', slug: 'acme' });
  const code = (c: string) => (e: unknown) => e instanceof ParleyError && e.code === c;
  await assert.rejects(
    assignPlanBySlug(database, { slug: 'nope', plan: 'pro', overrides: [], resetOverrides: false }),
    code('PARLEY_NOT_FOUND'),
  );
  await assert.rejects(
    assignPlanBySlug(database, {
      slug: 'acme',
      plan: 'gold',
      overrides: [],
      resetOverrides: false,
    }),
    code('PARLEY_BILLING_PLAN_UNAVAILABLE'),
  );
  await assert.rejects(
    assignPlanBySlug(database, {
      slug: 'acme',
      plan: 'pro',
      overrides: ['colour=red'],
      resetOverrides: false,
    }),
    /Unknown limit "colour"/,
  );
  assert.equal(
    (await tenantModel(database.connection).findOne({ slug: 'acme' }).lean())?.plan,
    'free',
  );
});

test('`parley tenant plan set` prints one JSON object', async (t) => {
  const database = await startTestDatabase(t);
  await new TenantService(database.connection).create({ name: 'Acme', slug: 'acme' });
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      cli,
      'tenant',
      'plan',
      'set',
      '--tenant',
      'acme',
      '--plan',
      'enterprise',
      '--override',
      'seats=40',
    ],
    { env: { ...process.env, MONGODB_URI: database.uri, PARLEY_LOG_LEVEL: 'silent' } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const status = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(status, 0, stderr);
  const printed = JSON.parse(stdout);
  assert.equal(printed.plan, 'enterprise');
  assert.equal(printed.limits.seats, 40);
  assert.equal(printed.limits.messagesPerMonth, null);
});
