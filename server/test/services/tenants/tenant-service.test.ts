import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tenantModel } from '../../../src/models/tenant';
import { TenantService } from '../../../src/services/tenants/tenant-service';
import { startTestDatabase } from '../../support/database';

test('update with a check: origins changed after the check are read and checked again', async (t) => {
  const { connection } = await startTestDatabase(t);
  const tenants = new TenantService(connection);
  const tenant = await tenants.create({
    name: 'Acme',
    slug: 'acme',
    allowedOrigins: ['https://a.acme.example'],
  });
  const seen: string[][] = [];
  const { before, after } = await tenants.update(
    tenant._id,
    { name: 'Acme 2', allowedOrigins: ['https://c.acme.example'] },
    {
      check: async (current) => {
        seen.push(current.allowedOrigins);
        // Another request changes the origins between this check and the write, once.
        if (seen.length === 1) {
          await tenantModel(connection).updateOne(
            { _id: tenant._id },
            { $set: { allowedOrigins: ['https://b.acme.example'] } },
          );
        }
      },
    },
  );
  assert.deepEqual(seen, [['https://a.acme.example'], ['https://b.acme.example']]);
  assert.deepEqual(before.allowedOrigins, ['https://b.acme.example']);
  assert.deepEqual(after.allowedOrigins, ['https://c.acme.example']);
  assert.equal(after.name, 'Acme 2');

  // A refusing check leaves the tenant as it was.
  await assert.rejects(
    tenants.update(
      tenant._id,
      { allowedOrigins: [] },
      {
        check: async () => {
          throw new Error('over the limit');
        },
      },
    ),
    /over the limit/,
  );
  assert.deepEqual((await tenants.get(tenant._id)).allowedOrigins, ['https://c.acme.example']);

  // Without origins in the patch, other changes are not held back by the guard.
  const renamed = await tenants.update(tenant._id, { name: 'Acme 3' }, { check: async () => {} });
  assert.equal(renamed.after.name, 'Acme 3');
});
