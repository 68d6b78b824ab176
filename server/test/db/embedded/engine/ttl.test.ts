import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { Catalog } from '../../../../src/db/embedded/engine/catalog';
import { Collection } from '../../../../src/db/embedded/engine/collection';
import { normaliseIndexSpec } from '../../../../src/db/embedded/engine/indexes';
import { sweepExpired } from '../../../../src/db/embedded/engine/ttl';
import { startEmbeddedMongo } from '../../../../src/db/embedded/index';

test('sweepExpired removes documents whose date plus expireAfterSeconds has passed, and only those', () => {
  const catalog = new Catalog();
  const buffers = catalog.create('app', 'buffers');
  buffers.addIndex(normaliseIndexSpec({ key: { createdAt: 1 }, expireAfterSeconds: 60 }));
  const now = Date.parse('2024-01-01T12:00:00Z');
  const add = (doc: object) => buffers.insert(Collection.prepareForInsert(doc as never));
  add({ _id: 'old', createdAt: new Date(now - 61_000) });
  add({ _id: 'edge', createdAt: new Date(now - 60_000) });
  add({ _id: 'fresh', createdAt: new Date(now - 59_000) });
  add({ _id: 'array', createdAt: [new Date(now), new Date(now - 120_000)] });
  add({ _id: 'not-a-date', createdAt: 'yesterday' });
  add({ _id: 'missing' });
  assert.equal(sweepExpired(catalog, now), 3);
  assert.deepEqual(
    [...buffers.docs.values()].map((d) => d._id),
    ['fresh', 'not-a-date', 'missing'],
  );
});

test('the TTL monitor deletes expired documents on its own', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-ttl-'));
  const store = await startEmbeddedMongo({ dir, durable: false, ttlMonitorMs: 20 });
  const client = await MongoClient.connect(store.uri);
  t.after(async () => {
    await client.close();
    await store.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const c = client.db('app').collection('streamBuffers');
  await c.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  await c.insertMany([
    { expiresAt: new Date(Date.now() - 1000) },
    { expiresAt: new Date(Date.now() + 3_600_000) },
  ]);
  for (let i = 0; i < 250 && (await c.countDocuments()) > 1; i++) await sleep(20);
  assert.equal(await c.countDocuments(), 1);
});
