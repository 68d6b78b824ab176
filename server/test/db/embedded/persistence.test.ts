import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { Binary, Decimal128, Long, MongoClient, ObjectId } from 'mongodb';
import { DataDirLockedError, startEmbeddedMongo } from '../../../src/db/embedded/index';

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-persist-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function withStore<T>(
  dir: string,
  run: (client: MongoClient) => Promise<T>,
  compactAfterBytes?: number,
): Promise<T> {
  const store = await startEmbeddedMongo({ dir, compactAfterBytes });
  const client = await MongoClient.connect(store.uri);
  try {
    return await run(client);
  } finally {
    await client.close();
    await store.stop();
  }
}

const sample = {
  _id: new ObjectId('64b7f0c2a1b2c3d4e5f60718'),
  long: Long.fromString('9007199254740993'),
  decimal: Decimal128.fromString('12.50'),
  binary: new Binary(Buffer.from('hello'), 4),
  when: new Date('2024-05-01T00:00:00Z'),
  embedding: Array.from({ length: 64 }, (_, i) => i / 7),
  nested: { list: [1, 'two', { three: 3 }], regex: /ab+c/i },
};

test('state survives a restart: documents with every bson type, indexes, search indexes, drops', async (t) => {
  const dir = tempDir(t);
  await withStore(dir, async (client) => {
    const db = client.db('app');
    await db.collection('things').insertOne(sample);
    await db.collection('things').createIndex({ when: 1 }, { unique: true });
    await db.collection('gone').insertOne({ x: 1 });
    await db.collection('gone').drop();
    await db.collection('things').createSearchIndex({
      name: 'v',
      type: 'vectorSearch',
      definition: {
        fields: [{ type: 'vector', path: 'embedding', numDimensions: 64, similarity: 'cosine' }],
      },
    });
    await db.collection('things').insertOne({ temp: true });
    await db.collection('things').deleteOne({ temp: true });
  });
  await withStore(dir, async (client) => {
    const db = client.db('app');
    const doc = await db.collection('things').findOne({ _id: sample._id }, { promoteLongs: false });
    assert.deepEqual(doc, { ...sample, long: sample.long });
    assert.deepEqual(
      (await db.collection('things').indexes()).map((i) => i.name),
      ['_id_', 'when_1'],
    );
    await assert.rejects(db.collection('things').insertOne({ when: sample.when }), /E11000/);
    assert.deepEqual(
      (await db.listCollections().toArray()).map((c) => c.name),
      ['things'],
    );
    const [hit] = await db
      .collection('things')
      .aggregate([
        {
          $vectorSearch: {
            index: 'v',
            path: 'embedding',
            queryVector: sample.embedding,
            limit: 1,
            exact: true,
          },
        },
      ])
      .toArray();
    assert.deepEqual(hit!._id, sample._id);
  });
});

test('compaction writes a snapshot, drops covered journals, and loses nothing', async (t) => {
  const dir = tempDir(t);
  await withStore(
    dir,
    async (client) => {
      const c = client.db('app').collection('rows');
      for (let i = 0; i < 60; i++) await c.insertOne({ i, pad: 'x'.repeat(200) });
      await c.updateMany({ i: { $lt: 10 } }, { $set: { early: true } });
      await c.deleteMany({ i: { $gte: 50 } });
    },
    4096,
  );
  const files = readdirSync(dir).sort();
  assert.ok(
    files.some((f) => f.startsWith('snapshot-')),
    `no snapshot in ${files}`,
  );
  assert.ok(files.filter((f) => f.startsWith('journal-')).length <= 2);
  await withStore(dir, async (client) => {
    const c = client.db('app').collection('rows');
    assert.equal(await c.countDocuments(), 50);
    assert.equal(await c.countDocuments({ early: true }), 10);
  });
});

test('a torn journal tail is cut off on recovery; earlier writes stay', async (t) => {
  const dir = tempDir(t);
  await withStore(dir, async (client) => {
    await client
      .db('app')
      .collection('c')
      .insertMany([{ n: 1 }, { n: 2 }]);
  });
  const journal = join(dir, readdirSync(dir).find((f) => f.startsWith('journal-'))!);
  const size = statSync(journal).size;
  // Half a frame: a length that promises more bytes than follow, as a crash mid-write leaves.
  appendFileSync(
    journal,
    Buffer.from([0xff, 0x00, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78, 0x01, 0x02]),
  );
  await withStore(dir, async (client) => {
    assert.equal(await client.db('app').collection('c').countDocuments(), 2);
    await client.db('app').collection('c').insertOne({ n: 3 });
  });
  assert.ok(statSync(journal).size > size);
  await withStore(dir, async (client) => {
    assert.equal(await client.db('app').collection('c').countDocuments(), 3);
  });
});

test('one store per data directory', async (t) => {
  const dir = tempDir(t);
  const first = await startEmbeddedMongo({ dir });
  t.after(() => first.stop());
  await assert.rejects(startEmbeddedMongo({ dir }), (error: Error) => {
    assert.ok(error instanceof DataDirLockedError);
    assert.match(error.message, /in use by process \d+/);
    return true;
  });
});
