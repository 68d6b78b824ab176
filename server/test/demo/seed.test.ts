import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoAdmin, demoPublishableKey, seedDemo } from '../../src/demo/seed';
import { apiKeyModel } from '../../src/models/api-key';
import { tenantModel } from '../../src/models/tenant';
import { userModel } from '../../src/models/user';
import { asWidget, ConsoleClient, startTenancy } from '../support/tenancy';

test('the demo seed is idempotent and yields a working widget key and admin', async (t) => {
  const tenancy = await startTenancy(t);
  const { connection } = tenancy.database;
  const publicUrl = 'http://localhost:8787';
  const first = await seedDemo(connection, { publicUrl, access: tenancy.access });
  assert.equal(first.created, true);
  assert.equal(first.publishableKey, demoPublishableKey);
  const second = await seedDemo(connection, { publicUrl, access: tenancy.access });
  assert.equal(second.created, false);
  assert.equal(second.tenantId, first.tenantId);
  assert.equal(await tenantModel(connection).countDocuments({ slug: 'demo' }), 1);
  assert.equal(await userModel(connection).countDocuments({ email: demoAdmin.email }), 1);
  assert.equal(await apiKeyModel(connection).countDocuments({ value: demoPublishableKey }), 1);

  const tenant = await tenantModel(connection).findOne({ slug: 'demo' }).lean();
  assert.equal(tenant?.name, 'Northwind (demo)');
  assert.deepEqual(tenant?.allowedOrigins, [
    'http://localhost:8787',
    'http://localhost:*',
    'http://127.0.0.1:*',
  ]);

  // The example pages' key works from the server's own origin and from localhost.
  const config = await asWidget(tenancy.url, demoPublishableKey, 'http://localhost:8787');
  assert.equal(config.status, 200);
  assert.equal(((await config.json()) as { tenant: { slug: string } }).tenant.slug, 'demo');
  assert.equal(
    (await asWidget(tenancy.url, demoPublishableKey, 'https://elsewhere.example')).status,
    403,
  );

  // The printed sign-in works.
  const client = await ConsoleClient.signIn(tenancy.url, demoAdmin);
  const session = (await (await client.request('GET', '/api/auth/session')).json()) as {
    user: { role: string };
  };
  assert.equal(session.user.role, 'owner');
});

test('seeding again repairs what a visitor broke: revoked key, changed password, new port', async (t) => {
  const tenancy = await startTenancy(t);
  const { connection } = tenancy.database;
  const { tenantId } = await seedDemo(connection, {
    publicUrl: 'http://localhost:8787',
    access: tenancy.access,
  });
  const [key] = (await tenancy.access.keys.list(tenantId)).filter(
    (k) => k.value === demoPublishableKey,
  );
  await tenancy.access.keys.revoke(tenantId, key!.id);
  const [admin] = await tenancy.access.users.findByEmail(demoAdmin.email);
  await tenancy.access.users.setPassword(admin!._id, 'something-else-entirely');
  await tenancy.access.tenants.update(tenantId, { widget: { botName: 'Kept' } });

  await seedDemo(connection, { publicUrl: 'https://demo.parley.example', access: tenancy.access });
  assert.ok(await tenancy.access.keys.verify(demoPublishableKey, 'publishable'));
  await ConsoleClient.signIn(tenancy.url, demoAdmin);
  const tenant = await tenancy.access.tenants.get(tenantId);
  assert.ok(tenant.allowedOrigins.includes('https://demo.parley.example'));
  assert.ok(tenant.allowedOrigins.includes('http://localhost:8787'));
  assert.equal(tenant.widget.botName, 'Kept', 'settings an admin chose are left alone');
});
