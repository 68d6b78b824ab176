import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Document } from '@langchain/core/documents';
import { Embeddings } from '@langchain/core/embeddings';
import { MongoDBAtlasVectorSearch } from '@langchain/mongodb';
import { ObjectId } from 'mongodb';
import { startTestDatabase, waitForSearchIndex } from '../../support/database';

/** Deterministic bag-of-words embeddings: enough to rank documents sharing words. */
class WordEmbeddings extends Embeddings {
  constructor() {
    super({});
  }
  private vector(text: string): number[] {
    const v = new Array<number>(16).fill(0);
    for (const word of text.toLowerCase().split(/\W+/).filter(Boolean)) {
      let h = 7;
      for (const ch of word) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
      v[h % 16]! += 1;
    }
    return v;
  }
  async embedDocuments(texts: string[]) {
    return texts.map((t) => this.vector(t));
  }
  async embedQuery(text: string) {
    return this.vector(text);
  }
}

test('MongoDBAtlasVectorSearch: addDocuments, tenant pre-filtered search with scores, delete', async (t) => {
  const { connection } = await startTestDatabase(t);
  const db = connection.db!;
  await db.createCollection('chunks');
  const chunks = db.collection('chunks');
  await chunks.createSearchIndex({
    name: 'chunks_vector',
    type: 'vectorSearch',
    definition: {
      fields: [
        { type: 'vector', path: 'embedding', numDimensions: 16, similarity: 'cosine' },
        { type: 'filter', path: 'tenantId' },
      ],
    },
  });
  await waitForSearchIndex(chunks, 'chunks_vector');
  const [listed] = (await chunks.listSearchIndexes('chunks_vector').toArray()) as Record<
    string,
    unknown
  >[];
  assert.equal(listed!.status, 'READY');
  assert.equal(listed!.queryable, true);

  const store = new MongoDBAtlasVectorSearch(new WordEmbeddings(), {
    collection: chunks as never,
    indexName: 'chunks_vector',
  });
  const acme = new ObjectId();
  const globex = new ObjectId();
  const ids = await store.addDocuments(
    [
      new Document({
        pageContent: 'the dental deductible is 50 dollars',
        metadata: { tenantId: acme, title: 'Dental' },
      }),
      new Document({
        pageContent: 'the vision plan covers glasses',
        metadata: { tenantId: acme, title: 'Vision' },
      }),
      new Document({
        pageContent: 'the dental deductible is 90 dollars',
        metadata: { tenantId: globex, title: 'Dental' },
      }),
    ],
    { ids: ['acme-1', 'acme-2', 'globex-1'] },
  );
  assert.deepEqual(ids, ['acme-1', 'acme-2', 'globex-1']);
  // Re-adding with the same ids upserts ($set of _id to its own value).
  await store.addDocuments(
    [
      new Document({
        pageContent: 'the vision plan covers glasses and lenses',
        metadata: { tenantId: acme, title: 'Vision' },
      }),
    ],
    { ids: ['acme-2'] },
  );
  assert.equal(await chunks.countDocuments(), 3);

  const results = await store.similaritySearchWithScore('dental deductible', 2, {
    preFilter: { tenantId: { $eq: acme } },
  });
  assert.deepEqual(
    results.map(([d]) => d.pageContent),
    ['the dental deductible is 50 dollars', 'the vision plan covers glasses and lenses'],
  );
  for (const [doc, score] of results) {
    assert.ok(score > 0 && score <= 1);
    assert.equal(String(doc.metadata.tenantId), String(acme));
    assert.equal(doc.metadata.embedding, undefined);
  }
  assert.ok(results[0]![1] > results[1]![1]);

  await store.delete({ ids: ['acme-1'] });
  const after = await store.similaritySearchWithScore('dental deductible', 4, {
    preFilter: { tenantId: acme },
  });
  assert.deepEqual(
    after.map(([d]) => d.metadata._id),
    ['acme-2'],
  );
});
