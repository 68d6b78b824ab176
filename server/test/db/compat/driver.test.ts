import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Long, MongoServerError, ObjectId } from 'mongodb';
import { startTestDatabase } from '../../support/database';

test('insert, find with sort/skip/limit/projection, getMore over many documents', async (t) => {
  const { connection } = await startTestDatabase(t);
  const items = connection.db!.collection('items');
  await items.insertMany(
    Array.from({ length: 250 }, (_, i) => ({ i, group: i % 3, tags: [`t${i % 5}`] })),
  );
  const page = await items
    .find({ group: 1 }, { projection: { _id: 0, i: 1 } })
    .sort({ i: -1 })
    .skip(2)
    .limit(3)
    .toArray();
  assert.deepEqual(page, [{ i: 241 }, { i: 238 }, { i: 235 }]);
  const all = await items.find({}, { batchSize: 7 }).toArray();
  assert.equal(all.length, 250);
  assert.deepEqual(
    all.map((d) => d.i),
    Array.from({ length: 250 }, (_, i) => i),
  );
  assert.equal(await items.countDocuments({ tags: 't2' }), 50);
  assert.equal(await items.estimatedDocumentCount(), 250);
  assert.deepEqual(await items.distinct('tags', { group: 0 }), ['t0', 't1', 't2', 't3', 't4']);
});

test('updates: operators, upsert with $setOnInsert, arrayFilters, multi, replacement', async (t) => {
  const { connection } = await startTestDatabase(t);
  const c = connection.db!.collection('u');
  await c.insertOne({ _id: 'a' as never, n: 1, grades: [80, 95, 100] });
  const set = await c.updateOne({ _id: 'a' as never }, { $inc: { n: 2 }, $set: { 'x.y': true } });
  assert.equal(set.modifiedCount, 1);
  const noop = await c.updateOne({ _id: 'a' as never }, { $set: { n: 3 } });
  assert.equal(noop.matchedCount, 1);
  assert.equal(noop.modifiedCount, 0);
  await c.updateOne(
    { _id: 'a' as never },
    { $set: { 'grades.$[g]': 0 } },
    { arrayFilters: [{ g: { $gte: 95 } }] },
  );
  assert.deepEqual(await c.findOne({ _id: 'a' as never }), {
    _id: 'a',
    n: 3,
    grades: [80, 0, 0],
    x: { y: true },
  });

  const up = await c.updateOne(
    { email: 'e@x', tenant: 't1' },
    { $set: { name: 'E' }, $setOnInsert: { createdBy: 'upsert' } },
    { upsert: true },
  );
  assert.ok(up.upsertedId instanceof ObjectId);
  const upserted = await c.findOne({ email: 'e@x' }, { projection: { _id: 0 } });
  assert.deepEqual(upserted, { email: 'e@x', tenant: 't1', name: 'E', createdBy: 'upsert' });
  await c.updateOne(
    { email: 'e@x' },
    { $set: { name: 'F' }, $setOnInsert: { createdBy: 'no' } },
    { upsert: true },
  );
  assert.equal((await c.findOne({ email: 'e@x' }))!.createdBy, 'upsert');

  await c.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }]);
  const many = await c.updateMany({ k: 1 }, { $set: { seen: true } });
  assert.equal(many.modifiedCount, 2);
  await c.replaceOne({ k: 2 }, { k: 3, replaced: true });
  assert.deepEqual(await c.findOne({ k: 3 }, { projection: { _id: 0 } }), { k: 3, replaced: true });

  // Setting _id to its current value is allowed (langchain does it); changing it is not.
  await c.updateOne({ _id: 'a' as never }, { $set: { _id: 'a' as never, z: 1 } }, { upsert: true });
  await assert.rejects(
    c.updateOne({ _id: 'a' as never }, { $set: { _id: 'b' as never } }),
    (e: MongoServerError) => e.code === 66,
  );
  await assert.rejects(
    c.updateOne({ _id: 'a' as never }, { $set: { n: 1 }, $inc: { n: 1 } }),
    (e: MongoServerError) => e.code === 40,
  );
});

test('unique indexes answer E11000 with keyPattern and keyValue', async (t) => {
  const { connection } = await startTestDatabase(t);
  const c = connection.db!.collection('users');
  await c.createIndex({ tenantId: 1, email: 1 }, { unique: true });
  await c.createIndex({ handle: 1 }, { unique: true, sparse: true });
  await c.insertMany([
    { tenantId: 1, email: 'a' },
    { tenantId: 2, email: 'a' },
  ]);
  await c.insertMany([{ tenantId: 3 }, { tenantId: 4 }]); // sparse: both lack handle
  const error = await c.insertOne({ tenantId: 1, email: 'a' }).catch((e: unknown) => e);
  assert.ok(error instanceof MongoServerError);
  assert.equal(error.code, 11000);
  assert.deepEqual(error.keyPattern, { tenantId: 1, email: 1 });
  assert.deepEqual(error.keyValue, { tenantId: 1, email: 'a' });
  assert.match(
    error.message,
    /^E11000 duplicate key error collection: \w+\.users index: tenantId_1_email_1 dup key/,
  );
  // A duplicate inside an ordered batch stops it there.
  const batch = await c
    .insertMany([
      { tenantId: 5, email: 'z' },
      { tenantId: 5, email: 'z' },
      { tenantId: 6, email: 'z' },
    ])
    .catch((e: unknown) => e);
  assert.equal((batch as { insertedCount: number }).insertedCount, 1);
  // Updates that would collide are refused too, and creating a unique index over duplicates fails.
  await assert.rejects(
    c.updateOne({ tenantId: 2 }, { $set: { tenantId: 1 } }),
    (e: MongoServerError) => e.code === 11000,
  );
  // Documents missing the fields of a non-sparse unique index collide on null, as in MongoDB.
  await c.insertOne({ other: 1 });
  await assert.rejects(c.insertOne({ other: 2 }), (e: MongoServerError) => e.code === 11000);
  const d = connection.db!.collection('dups');
  await d.insertMany([{ dup: 1 }, { dup: 1 }]);
  await assert.rejects(
    d.createIndex({ dup: 1 }, { unique: true }),
    (e: MongoServerError) => e.code === 11000,
  );
  assert.deepEqual(
    (await d.indexes()).map((i) => i.name),
    ['_id_'],
  );
  assert.deepEqual(
    (await c.indexes()).map((i) => i.name),
    ['_id_', 'tenantId_1_email_1', 'handle_1'],
  );
});

test('partial unique indexes constrain only matching documents; w:0 writes get no reply but apply', async (t) => {
  const { connection } = await startTestDatabase(t);
  const keys = connection.db!.collection('keys');
  await keys.createIndex(
    { prefix: 1 },
    { unique: true, partialFilterExpression: { revokedAt: null } },
  );
  await keys.insertOne({ prefix: 'pk_a', revokedAt: new Date() });
  await keys.insertOne({ prefix: 'pk_a', revokedAt: null });
  await assert.rejects(
    keys.insertOne({ prefix: 'pk_a', revokedAt: null }),
    (e: MongoServerError) => e.code === 11000,
  );
  await keys.insertOne({ prefix: 'pk_b' }, { writeConcern: { w: 0 } });
  // Unacknowledged: the write may reach the store on another pooled connection after our read.
  let seen = 0;
  for (let i = 0; i < 100 && seen === 0; i++) {
    seen = await keys.countDocuments({ prefix: 'pk_b' });
    if (!seen) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(seen, 1);
});

test('findAndModify, deletes, numbers of every bson type compare as numbers', async (t) => {
  const { connection } = await startTestDatabase(t);
  const c = connection.db!.collection('f');
  const after = await c.findOneAndUpdate(
    { slug: 'x' },
    { $inc: { hits: 1 } },
    { upsert: true, returnDocument: 'after' },
  );
  assert.equal(after!.hits, 1);
  const before = await c.findOneAndUpdate(
    { slug: 'x' },
    { $inc: { hits: 1 } },
    { returnDocument: 'before' },
  );
  assert.equal(before!.hits, 1);
  const removed = await c.findOneAndDelete({ slug: 'x' });
  assert.equal(removed!.hits, 2);
  assert.equal(await c.countDocuments(), 0);
  await c.insertMany([{ v: Long.fromNumber(5) }, { v: 5.5 }, { v: 7 }]);
  assert.equal(await c.countDocuments({ v: 5 }), 1);
  assert.equal(await c.countDocuments({ v: { $gt: Long.fromNumber(5) } }), 2);
  const deleted = await c.deleteMany({ v: { $lt: 6 } });
  assert.equal(deleted.deletedCount, 2);
});

test('collections and databases: create, list, drop', async (t) => {
  const { connection } = await startTestDatabase(t);
  const db = connection.db!;
  await db.createCollection('a');
  await assert.rejects(db.createCollection('a'), (e: MongoServerError) => e.code === 48);
  await db.collection('b').insertOne({});
  const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
  assert.deepEqual(names, ['a', 'b']);
  assert.equal(await db.collection('a').drop(), true);
  assert.deepEqual(
    (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name),
    ['b'],
  );
  await assert.rejects(
    db.command({ mapReduce: 'b' }),
    /not supported by the Parley embedded store/,
  );
  await assert.rejects(db.collection('b').find({ $where: 'true' }).toArray(), /\$where/);
});
