import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MongoServerError } from 'mongodb';
import { startTestDatabase, waitForSearchIndex } from '../../../support/database';

/** A seeded PRNG (mulberry32) so the data is the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Similarity = 'cosine' | 'euclidean' | 'dotProduct';

/** Atlas's scores, on float32-rounded values as Atlas stores them. */
function reference(similarity: Similarity, q: number[], v: number[]): number {
  const a = q.map(Math.fround);
  const b = v.map(Math.fround);
  let dot = 0;
  let na = 0;
  let nb = 0;
  let dist = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
    dist += (a[i]! - b[i]!) ** 2;
  }
  if (similarity === 'cosine') return (1 + dot / (Math.sqrt(na) * Math.sqrt(nb))) / 2;
  if (similarity === 'dotProduct') return (1 + dot) / 2;
  return 1 / (1 + Math.sqrt(dist));
}

const DIMS = 24;

for (const similarity of ['cosine', 'euclidean', 'dotProduct'] as const) {
  test(`$vectorSearch (${similarity}) matches a brute-force reference: ids and scores to 1e-6`, async (t) => {
    const { connection } = await startTestDatabase(t);
    const db = connection.db!;
    await db.createCollection('v');
    const c = db.collection<{ _id: number; tenant: string; n: number; vec: number[] }>('v');
    await c.createSearchIndex({
      name: 'idx',
      type: 'vectorSearch',
      definition: {
        fields: [
          { type: 'vector', path: 'vec', numDimensions: DIMS, similarity },
          { type: 'filter', path: 'tenant' },
          { type: 'filter', path: 'n' },
        ],
      },
    });
    await waitForSearchIndex(c, 'idx');
    const rand = random(42);
    const unit = (v: number[]) => {
      const norm = Math.hypot(...v);
      return similarity === 'dotProduct' ? v.map((x) => x / norm) : v;
    };
    const docs = Array.from({ length: 1500 }, (_, i) => ({
      _id: i,
      tenant: `t${i % 3}`,
      n: i,
      vec: unit(Array.from({ length: DIMS }, () => rand() * 2 - 1)),
    }));
    // Documents whose vector has the wrong length are not indexed.
    await c.insertMany([...docs, { _id: -1, tenant: 't0', n: -1, vec: [1, 2, 3] }]);

    for (let round = 0; round < 5; round++) {
      const q = unit(Array.from({ length: DIMS }, () => rand() * 2 - 1));
      const filter =
        round % 2 ? { tenant: 't1', n: { $gte: 300 } } : { tenant: { $in: ['t0', 't2'] } };
      const matches = (d: (typeof docs)[number]) =>
        round % 2 ? d.tenant === 't1' && d.n >= 300 : d.tenant === 't0' || d.tenant === 't2';
      const expected = docs
        .filter(matches)
        .map((d) => ({ _id: d._id, score: reference(similarity, q, d.vec) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10);
      const got = await c
        .aggregate([
          {
            $vectorSearch: {
              index: 'idx',
              path: 'vec',
              queryVector: q,
              limit: 10,
              numCandidates: 100,
              filter,
            },
          },
          { $project: { _id: 1, score: { $meta: 'vectorSearchScore' } } },
        ])
        .toArray();
      assert.deepEqual(
        got.map((d) => d._id),
        expected.map((d) => d._id),
      );
      for (const [i, d] of got.entries()) assert.ok(Math.abs(d.score - expected[i]!.score) < 1e-6);
    }

    // Deleting and updating documents keeps the index in step.
    const [best] = await c
      .aggregate([
        {
          $vectorSearch: {
            index: 'idx',
            path: 'vec',
            queryVector: docs[7]!.vec,
            limit: 1,
            exact: true,
          },
        },
      ])
      .toArray();
    assert.equal(best!._id, 7);
    await c.deleteOne({ _id: 7 });
    await c.updateOne({ _id: 8 }, { $set: { vec: docs[7]!.vec } });
    const [next] = await c
      .aggregate([
        {
          $vectorSearch: {
            index: 'idx',
            path: 'vec',
            queryVector: docs[7]!.vec,
            limit: 1,
            exact: true,
          },
        },
      ])
      .toArray();
    assert.equal(next!._id, 8);
  });
}

test('$vectorSearch errors follow Atlas', async (t) => {
  const { connection } = await startTestDatabase(t);
  const db = connection.db!;
  await assert.rejects(
    db
      .collection('missing')
      .createSearchIndex({ name: 'x', type: 'vectorSearch', definition: { fields: [] } }),
    (e: MongoServerError) => e.code === 26,
  );
  await db.createCollection('v');
  const c = db.collection('v');
  await c.createSearchIndex({
    name: 'idx',
    type: 'vectorSearch',
    definition: {
      fields: [{ type: 'vector', path: 'vec', numDimensions: 3, similarity: 'euclidean' }],
    },
  });
  await c.insertOne({ vec: [1, 2, 3], secret: 1 });
  const run = (stage: object, more: object[] = []) =>
    c.aggregate([{ $vectorSearch: stage }, ...more]).toArray();
  const base = { index: 'idx', path: 'vec', queryVector: [1, 2, 3], limit: 1, numCandidates: 10 };
  assert.equal((await run(base)).length, 1);
  assert.deepEqual(await run({ ...base, index: 'nope' }), []);
  await assert.rejects(
    run({ ...base, queryVector: [1, 2] }),
    /indexed with 3 dimensions but queried with 2/,
  );
  await assert.rejects(
    run({ ...base, filter: { secret: 1 } }),
    /Path 'secret' needs to be indexed as filter/,
  );
  await assert.rejects(run({ ...base, exact: true }), /numCandidates.*not allowed/);
  await assert.rejects(run({ ...base, numCandidates: 0 }), /greater than or equal to "limit"/);
  await assert.rejects(run({ ...base, numCandidates: 20_000 }), /at most 10000/);
  await assert.rejects(
    run({ index: 'idx', path: 'vec', query: { text: 'hi' }, limit: 1, numCandidates: 5 }),
    /automatic embedding/,
  );
  await assert.rejects(
    c.aggregate([{ $match: {} }, { $vectorSearch: base }]).toArray(),
    /first stage/,
  );
  await assert.rejects(
    c.aggregate([{ $search: { text: { query: 'x', path: 'y' } } }]).toArray(),
    /\$search/,
  );
  await assert.rejects(run(base, [{ $rerank: { query: { text: 'x' } } }]), /rerank/i);
  await c.dropSearchIndex('idx');
  assert.deepEqual(await c.listSearchIndexes().toArray(), []);
});
