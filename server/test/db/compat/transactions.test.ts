import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Long, type MongoClient, type MongoServerError } from 'mongodb';
import { Schema } from 'mongoose';
import { startTestDatabase } from '../../support/database';

test('a transaction commits all its writes at once and is invisible until then', async (t) => {
  const { connection } = await startTestDatabase(t);
  const client = connection.getClient() as unknown as MongoClient;
  const accounts = connection.db!.collection<{ _id: string; balance: number }>('accounts');
  await accounts.insertMany([
    { _id: 'a', balance: 100 },
    { _id: 'b', balance: 0 },
  ]);
  const session = client.startSession();
  t.after(() => session.endSession());
  await session.withTransaction(async () => {
    await accounts.updateOne({ _id: 'a' }, { $inc: { balance: -30 } }, { session });
    await accounts.updateOne({ _id: 'b' }, { $inc: { balance: 30 } }, { session });
    await accounts.insertOne({ _id: 'c', balance: 1 }, { session });
    assert.deepEqual(await accounts.find({}, { session }).toArray(), [
      { _id: 'a', balance: 70 },
      { _id: 'b', balance: 30 },
      { _id: 'c', balance: 1 },
    ]);
    assert.equal(await accounts.countDocuments({}, { session }), 3);
    // Outside the transaction nothing has happened yet.
    assert.deepEqual(await accounts.find().toArray(), [
      { _id: 'a', balance: 100 },
      { _id: 'b', balance: 0 },
    ]);
  });
  assert.deepEqual(await accounts.find().toArray(), [
    { _id: 'a', balance: 70 },
    { _id: 'b', balance: 30 },
    { _id: 'c', balance: 1 },
  ]);

  await assert.rejects(
    session.withTransaction(async () => {
      await accounts.deleteOne({ _id: 'a' }, { session });
      throw new Error('changed my mind');
    }),
    /changed my mind/,
  );
  assert.equal(await accounts.countDocuments(), 3);
});

test('a concurrent write to the same document makes the commit a retried WriteConflict', async (t) => {
  const { connection } = await startTestDatabase(t);
  const client = connection.getClient() as unknown as MongoClient;
  const counters = connection.db!.collection<{ _id: string; n: number }>('counters');
  await counters.insertOne({ _id: 'x', n: 0 });
  const session = client.startSession();
  t.after(() => session.endSession());
  let attempts = 0;
  await session.withTransaction(async () => {
    attempts++;
    await counters.updateOne({ _id: 'x' }, { $inc: { n: 1 } }, { session });
    if (attempts === 1) await counters.updateOne({ _id: 'x' }, { $inc: { n: 100 } });
  });
  assert.equal(attempts, 2);
  assert.equal((await counters.findOne({ _id: 'x' }))!.n, 101);
});

test('mongoose transactions: unique violations abort the whole transaction; DDL is refused', async (t) => {
  const { connection } = await startTestDatabase(t);
  const Key = connection.model('Key', new Schema({ prefix: { type: String, unique: true } }));
  await Key.init();
  await connection.transaction(async (session) => {
    await Key.create([{ prefix: 'pk_1' }], { session });
    await Key.create([{ prefix: 'pk_2' }], { session });
  });
  assert.equal(await Key.countDocuments(), 2);
  await assert.rejects(
    connection.transaction(async (session) => {
      await Key.create([{ prefix: 'pk_3' }], { session });
      await Key.create([{ prefix: 'pk_1' }], { session });
    }),
    (e: { code?: number }) => e.code === 11000,
  );
  assert.equal(await Key.countDocuments(), 2);

  const client = connection.getClient() as unknown as MongoClient;
  const session = client.startSession();
  t.after(() => session.endSession());
  session.startTransaction();
  await assert.rejects(
    connection.db!.createCollection('nope', { session }),
    (e: MongoServerError) => e.code === 263,
  );
  await session.abortTransaction().catch(() => {});
});

test('a retried write (same lsid and txnNumber) is answered, not applied twice', async (t) => {
  const { connection } = await startTestDatabase(t);
  const db = connection.db!;
  const lsid = { id: (connection.getClient() as unknown as MongoClient).startSession().id!.id };
  const insert = {
    insert: 'r',
    documents: [{ _id: 1, v: 'first' }],
    lsid,
    txnNumber: Long.fromNumber(7),
  };
  const first = await db.command(insert);
  const second = await db.command({ ...insert, documents: [{ _id: 1, v: 'first' }] });
  assert.equal(first.n, 1);
  assert.deepEqual(second, first);
  assert.equal(await db.collection('r').countDocuments(), 1);
  await assert.rejects(
    db.command({ commitTransaction: 1, lsid, txnNumber: Long.fromNumber(9), autocommit: false }),
    (e: MongoServerError) => e.code === 251,
  );
});
