import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Types } from 'mongoose';
import { LocalHashEmbeddings } from '../../../../src/services/knowledge/embedders/local';
import { FileStore } from '../../../../src/services/knowledge/file-store';
import { IndexState } from '../../../../src/services/knowledge/index-state';
import { ingestFile } from '../../../../src/services/knowledge/ingestion/pipeline';
import { billedKnowledgeBase } from '../../../support/knowledge';
import { makePdf, utf8 } from '../fixtures';

/** No embeddings provider: the built-in local embedder. */

describe('a new version of a ready document', () => {
  test('that fails to parse leaves the ready version, its passages and its quota place as they were', async (t) => {
    const { knowledge, tenant, stored } = await billedKnowledgeBase(t);
    const tenantId = new Types.ObjectId(tenant);
    const pdf = await makePdf('Leave policy', [
      { heading: 'Annual leave', lines: ['Everyone gets twenty-five days of annual leave.'] },
    ]);

    const first = await knowledge.ingestAndWait(tenant, [
      { filename: 'policy.pdf', mimeType: 'application/pdf', data: pdf },
    ]);
    assert.equal(first.items[0]!.status, 'ready');
    const [ready] = await knowledge.list(tenant);
    const passages = await knowledge.chunks.count(tenantId);
    assert.ok(passages > 0);
    assert.deepEqual(await stored(), { documents: 1, bytes: pdf.byteLength });

    // The same name again, cut short in transit: no longer a readable PDF.
    const corrupt = pdf.slice(0, 120);
    const second = await knowledge.ingestAndWait(tenant, [
      { filename: 'policy.pdf', mimeType: 'application/pdf', data: corrupt },
    ]);
    const item = second.items[0]!;
    assert.equal(item.status, 'failed');
    assert.equal(item.error?.code, 'PARLEY_DOCUMENT_CORRUPT');
    assert.equal(String(item.documentId), String(ready!._id), 'the item names the document');
    assert.equal(second.failed, 1);

    const [after, ...others] = await knowledge.list(tenant);
    assert.equal(others.length, 0);
    assert.equal(after!.status, 'ready');
    assert.equal(after!.error, null);
    assert.equal(after!.bytes, pdf.byteLength);
    assert.equal(after!.checksum, ready!.checksum);
    assert.equal(after!.chunkCount, ready!.chunkCount);
    assert.equal(await knowledge.chunks.count(tenantId), passages, 'still answers from it');
    assert.deepEqual(await stored(), { documents: 1, bytes: pdf.byteLength });

    await knowledge.remove(tenant, String(after!._id));
    assert.deepEqual(await stored(), { documents: 0, bytes: 0 });
    assert.equal(await knowledge.chunks.count(tenantId), 0);
  });

  test('whose swap breaks off fails the document and gives back the place the ready one held', async (t) => {
    const { billing, database, knowledge, tenant, stored } = await billedKnowledgeBase(t);
    await knowledge.start();
    const tenantId = new Types.ObjectId(tenant);
    const v1 = utf8('# Policy\n\nVersion one.');
    await knowledge.ingestAndWait(tenant, [{ filename: 'policy.md', data: v1 }]);
    assert.deepEqual(await stored(), { documents: 1, bytes: v1.byteLength });

    // The storage fails once the new passages are in and the old ones gone.
    const files = Object.assign(Object.create(new FileStore(database.connection)) as FileStore, {
      save: async () => {
        throw new Error('storage unavailable');
      },
    });
    await assert.rejects(
      ingestFile(
        {
          documents: knowledge.documents,
          chunks: knowledge.chunks,
          files,
          index: new IndexState(database.connection),
          embeddings: new LocalHashEmbeddings(),
          quota: {
            reserve: (id, bytes) => billing.assertIngestAllowed(id, bytes),
            resize: async (id, from, to) => {
              await billing.ready;
              return billing.quotas.reserveResize(id, from, to);
            },
            removed: (id, bytes) => billing.recordDocumentRemoved(id, bytes),
          },
        },
        tenantId,
        { filename: 'policy.md', data: utf8('# Policy\n\nVersion two, much longer than one.') },
      ),
      /storage unavailable/,
    );
    const [document] = await knowledge.list(tenant);
    assert.equal(document!.status, 'failed');
    assert.equal(document!.error?.code, 'PARLEY_INTERNAL');
    assert.deepEqual(await stored(), { documents: 0, bytes: 0 }, 'a failed document holds none');
    await knowledge.remove(tenant, String(document!._id));
    assert.deepEqual(await stored(), { documents: 0, bytes: 0 });
  });
});
