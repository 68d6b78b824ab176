import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Types } from 'mongoose';
import { samlRequestModel } from '../../../src/models/saml-request';
import { SamlRequestCache } from '../../../src/services/saml/request-cache';
import { REQUEST_TTL_MS } from '../../../src/services/saml/strategy-options';
import { startTestDatabase } from '../../support/database';

describe('SamlRequestCache', () => {
  test('stores a request with its purpose and answers it once, across instances', async (t) => {
    const db = await startTestDatabase(t);
    const tenant = new Types.ObjectId();
    const admin = new Types.ObjectId();
    await new SamlRequestCache(db.connection, tenant, {
      purpose: 'test',
      startedBy: admin,
    }).saveAsync('_r1', '2030-01-01T00:00:00Z');

    // Two server instances receive the same response at once: one claims the request.
    const a = new SamlRequestCache(db.connection, tenant);
    const b = new SamlRequestCache(db.connection, tenant);
    const [va, vb] = await Promise.all([a.getAsync('_r1'), b.getAsync('_r1')]);
    assert.deepEqual([va, vb].filter(Boolean), ['2030-01-01T00:00:00Z']);
    const winner = va ? a : b;
    assert.equal(winner.consumed?.purpose, 'test');
    assert.equal(String(winner.consumed?.startedBy), String(admin));
    // node-saml asks the same instance again for the SubjectConfirmationData's InResponseTo.
    assert.equal(await winner.getAsync('_r1'), '2030-01-01T00:00:00Z');
    assert.equal(await new SamlRequestCache(db.connection, tenant).getAsync('_r1'), null);

    await winner.removeAsync('_r1');
    assert.equal(await samlRequestModel(db.connection).countDocuments({}), 0);
  });

  test('does not answer another tenant, an unknown id or an expired request', async (t) => {
    const db = await startTestDatabase(t);
    const tenant = new Types.ObjectId();
    let now = Date.now();
    const cache = () =>
      new SamlRequestCache(db.connection, tenant, { purpose: 'console' }, () => now);
    await cache().saveAsync('_r2', 'v');
    assert.equal(
      await new SamlRequestCache(db.connection, new Types.ObjectId()).getAsync('_r2'),
      null,
    );
    assert.equal(await cache().getAsync('_nope'), null);
    now += REQUEST_TTL_MS + 1;
    assert.equal(await cache().getAsync('_r2'), null);
  });
});
