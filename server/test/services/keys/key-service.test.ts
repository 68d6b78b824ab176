import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Types } from 'mongoose';
import { ParleyError } from '../../../src/errors';
import { apiKeyModel } from '../../../src/models/api-key';
import { KeyService } from '../../../src/services/keys/key-service';
import { startTestDatabase } from '../../support/database';

test('KeyService on the embedded store', async (t) => {
  const db = await startTestDatabase(t);
  let now = new Date('2026-01-01T00:00:00Z');
  const keys = new KeyService(db.connection, () => now);
  const tenantA = new Types.ObjectId();
  const tenantB = new Types.ObjectId();

  await t.test('stores only a hash and a prefix for secret keys', async () => {
    const { key, secret } = await keys.create(tenantA, {
      kind: 'secret',
      mode: 'live',
      name: 'CI',
    });
    assert.match(secret, /^sk_live_/);
    assert.equal(key.value, null);
    assert.equal(key.prefix, secret.slice(0, 16));
    assert.deepEqual(key.scopes, ['*']);
    const raw = await apiKeyModel(db.connection).findById(key.id).lean();
    assert.ok(raw);
    assert.equal(raw.value, null);
    assert.ok(!JSON.stringify(raw).includes(secret.slice(16)), 'the secret part is not stored');
    const listed = await keys.list(tenantA);
    assert.ok(!JSON.stringify(listed).includes(secret.slice(16)), 'lists never carry the secret');
  });

  await t.test('verifies the exact key, of the right kind only', async () => {
    const { secret } = await keys.create(tenantA, { kind: 'publishable', mode: 'test' });
    assert.equal(String((await keys.verify(secret, 'publishable'))?.tenantId), String(tenantA));
    assert.equal(await keys.verify(secret, 'secret'), undefined);
    assert.equal(await keys.verify(`${secret.slice(0, -1)}x`, 'publishable'), undefined);
    assert.equal(await keys.verify('pk_test_unknownunknown', 'publishable'), undefined);
  });

  await t.test('revoked keys stop at once; revoking again keeps the first time', async () => {
    const { key, secret } = await keys.create(tenantA, { kind: 'secret', mode: 'live' });
    const revoked = await keys.revoke(tenantA, key.id);
    assert.equal(revoked.status, 'revoked');
    assert.equal(await keys.verify(secret, 'secret'), undefined);
    now = new Date(now.getTime() + 1000);
    assert.equal((await keys.revoke(tenantA, key.id)).revokedAt, revoked.revokedAt);
  });

  await t.test(
    'rotation keeps the old key for the grace period, then only the new one works',
    async () => {
      const { key, secret: oldSecret } = await keys.create(tenantA, {
        kind: 'secret',
        mode: 'live',
        name: 'Server',
        scopes: ['documents:write'],
      });
      const { old, created } = await keys.rotate(tenantA, key.id, { graceSeconds: 3600 });
      assert.equal(old.status, 'expiring');
      assert.equal(old.replacedBy, created.key.id);
      assert.equal(created.key.name, 'Server');
      assert.deepEqual(created.key.scopes, ['documents:write']);
      assert.ok(await keys.verify(oldSecret, 'secret'));
      assert.ok(await keys.verify(created.secret, 'secret'));
      now = new Date(now.getTime() + 3600_000);
      assert.equal(await keys.verify(oldSecret, 'secret'), undefined);
      assert.ok(await keys.verify(created.secret, 'secret'));
      assert.equal((await keys.get(tenantA, key.id)).revokedAt, null);
      assert.equal(keys.view(await keys.get(tenantA, key.id)).status, 'expired');
      await assert.rejects(
        keys.rotate(tenantA, key.id, { graceSeconds: 60 }),
        /revoked or expired/,
      );
    },
  );

  await t.test('a zero grace period ends the old key now', async () => {
    const { key, secret } = await keys.create(tenantA, { kind: 'publishable', mode: 'live' });
    await keys.rotate(tenantA, key.id, { graceSeconds: 0 });
    assert.equal(await keys.verify(secret, 'publishable'), undefined);
  });

  await t.test("another tenant's key ids are not found", async () => {
    const { key } = await keys.create(tenantA, { kind: 'secret', mode: 'live' });
    for (const action of [
      () => keys.get(tenantB, key.id),
      () => keys.revoke(tenantB, key.id),
      () => keys.rotate(tenantB, key.id, { graceSeconds: 0 }),
      () => keys.get(tenantB, 'not-an-id'),
    ]) {
      await assert.rejects(
        action(),
        (e: unknown) => e instanceof ParleyError && e.code === 'PARLEY_NOT_FOUND',
      );
    }
    assert.equal((await keys.get(tenantA, key.id)).revokedAt, null);
    assert.deepEqual(await keys.list(tenantB), []);
  });

  await t.test('the fixed demo key is accepted for the seed and cannot be rotated', async () => {
    const { key, secret } = await keys.create(tenantB, {
      kind: 'publishable',
      mode: 'test',
      fixedValue: 'pk_test_parley_demo',
    });
    assert.equal(secret, 'pk_test_parley_demo');
    assert.ok(await keys.verify('pk_test_parley_demo', 'publishable'));
    await assert.rejects(keys.rotate(tenantB, key.id, { graceSeconds: 0 }), /demo key/);
    await assert.rejects(
      keys.create(tenantB, { kind: 'secret', mode: 'live', fixedValue: 'pk_test_parley_demo' }),
      /not a live secret key/,
    );
  });

  await t.test('expired keys fail; lastUsedAt is written at most once a minute', async () => {
    const { key, secret } = await keys.create(tenantA, {
      kind: 'secret',
      mode: 'live',
      expiresAt: new Date(now.getTime() + 1000),
    });
    const record = (await keys.verify(secret, 'secret'))!;
    keys.touch(record);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const touched = await keys.get(tenantA, key.id);
    assert.equal(touched.lastUsedAt?.getTime(), now.getTime());
    now = new Date(now.getTime() + 2000);
    assert.equal(await keys.verify(secret, 'secret'), undefined);
  });
});
