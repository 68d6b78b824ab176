import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { billedKnowledgeBase } from '../../../support/knowledge';

/** A Markdown file of exactly `bytes` bytes, readable text throughout. */
function markdown(bytes: number, word: string): Buffer {
  const head = `# Policy\n\n`;
  const body = `${word} applies to everyone. `.repeat(Math.ceil(bytes / 10));
  return Buffer.from((head + body).slice(0, bytes));
}

/** A billed knowledge base and tenant, and an upload of `policy.md` that waits for its job item. */
async function setUp(t: TestContext) {
  const { billing, knowledge, tenant, stored } = await billedKnowledgeBase(t);
  const upload = async (data: Buffer) => {
    const job = await knowledge.ingestAndWait(tenant, [{ filename: 'policy.md', data }]);
    return job.items[0]!;
  };
  return { billing, knowledge, tenant, stored, upload };
}

describe('stored bytes when a ready document is replaced', () => {
  test('a bigger version counts its own bytes, and deleting it gives everything back', async (t) => {
    const { knowledge, tenant, stored, upload } = await setUp(t);
    assert.equal((await upload(markdown(1_000, 'Version one'))).status, 'ready');
    assert.deepEqual(await stored(), { documents: 1, bytes: 1_000 });

    assert.equal((await upload(markdown(3_000, 'Version two'))).status, 'ready');
    const [document, ...others] = await knowledge.list(tenant);
    assert.equal(others.length, 0);
    assert.equal(document!.bytes, 3_000);
    assert.deepEqual(await stored(), { documents: 1, bytes: 3_000 });

    await knowledge.remove(tenant, String(document!._id));
    assert.deepEqual(await stored(), { documents: 0, bytes: 0 });
  });

  test('a smaller version shrinks the stored bytes', async (t) => {
    const { knowledge, tenant, stored, upload } = await setUp(t);
    await upload(markdown(3_000, 'Version one'));
    assert.equal((await upload(markdown(1_000, 'Version two'))).status, 'ready');
    assert.deepEqual(await stored(), { documents: 1, bytes: 1_000 });

    const [document] = await knowledge.list(tenant);
    await knowledge.remove(tenant, String(document!._id));
    assert.deepEqual(await stored(), { documents: 0, bytes: 0 });
  });

  test('a version that would pass the storage limit is refused; the ready one stays', async (t) => {
    const { billing, knowledge, tenant, stored, upload } = await setUp(t);
    await billing.setPlan(tenant, 'free', { storageBytes: 2_500 });
    await upload(markdown(1_000, 'Version one'));
    const [before] = await knowledge.list(tenant);

    const item = await upload(markdown(3_000, 'Version two'));
    assert.equal(item.status, 'failed');
    assert.equal(item.error?.code, 'PARLEY_PLAN_LIMIT_REACHED');
    assert.match(item.error!.message, /2500 bytes of storage/);
    assert.equal(String(item.documentId), String(before!._id), 'the item names the document');

    const [after, ...others] = await knowledge.list(tenant);
    assert.equal(others.length, 0);
    assert.equal(after!.status, 'ready');
    assert.equal(after!.error, null);
    assert.equal(after!.bytes, 1_000);
    assert.equal(after!.checksum, before!.checksum);
    assert.equal(await knowledge.chunks.count(after!.tenantId), before!.chunkCount);
    assert.deepEqual(await stored(), { documents: 1, bytes: 1_000 });

    // Growing within the limit still works.
    assert.equal((await upload(markdown(2_500, 'Version three'))).status, 'ready');
    assert.deepEqual(await stored(), { documents: 1, bytes: 2_500 });
  });
});
