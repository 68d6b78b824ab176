import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Types } from 'mongoose';
import { AssertionReplayStore } from '../../../src/services/saml/replay-store';
import { startTestDatabase } from '../../support/database';

describe('AssertionReplayStore', () => {
  test('claims an assertion id once per tenant, even under concurrent claims', async (t) => {
    const db = await startTestDatabase(t);
    const store = new AssertionReplayStore(db.connection);
    const tenant = new Types.ObjectId();
    const claim = {
      assertionId: '_a1',
      issuer: 'https://idp.test',
      expiresAt: new Date(Date.now() + 60_000),
    };
    const results = await Promise.all([
      store.claim(tenant, claim),
      store.claim(tenant, claim),
      store.claim(tenant, claim),
    ]);
    assert.deepEqual(results.sort(), [false, false, true]);
    assert.equal(await store.claim(tenant, claim), false);
  });

  test('keeps tenants apart', async (t) => {
    const db = await startTestDatabase(t);
    const store = new AssertionReplayStore(db.connection);
    const claim = {
      assertionId: '_a2',
      issuer: 'https://idp.test',
      expiresAt: new Date(Date.now() + 60_000),
    };
    assert.equal(await store.claim(new Types.ObjectId(), claim), true);
    assert.equal(await store.claim(new Types.ObjectId(), claim), true);
  });
});
