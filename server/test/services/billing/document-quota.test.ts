import assert from 'node:assert/strict';
import { test } from 'node:test';
import { usageSummary } from '../../../src/services/billing/views';
import { createKnowledgeBase } from '../../../src/services/knowledge/index';
import { offlineKnowledgeConfig } from '../../support/knowledge';
import { billingFixture } from './fixture';

/** No embeddings provider: the built-in local embedder. */
const md = (filename: string, text: string) => ({
  filename,
  mimeType: 'text/markdown',
  data: Buffer.from(text),
});
const brokenPdf = (filename: string) => ({
  filename,
  mimeType: 'application/pdf',
  data: Buffer.from(`not a pdf: ${filename}`),
});

test('failed uploads stay listed but do not count toward the document limit', async (t) => {
  const { billing, newTenant, database } = await billingFixture(t, { stripe: false });
  const knowledge = createKnowledgeBase({
    config: offlineKnowledgeConfig,
    connection: database.connection,
    billing,
  });
  t.after(() => knowledge.idle());
  const tenant = await newTenant();
  await billing.setPlan(tenant, 'free', { documents: 2 });
  const stored = async () => (await usageSummary(billing, tenant, 1)).stored;

  const job = await knowledge.ingestAndWait(tenant, [
    md('a.md', '# A\n\nAlpha.'),
    brokenPdf('b.pdf'),
    brokenPdf('c.pdf'),
  ]);
  assert.deepEqual(
    job.items.map((i) => i.status),
    ['ready', 'failed', 'failed'],
  );
  assert.equal((await knowledge.list(tenant)).length, 3, 'failed uploads stay in the list');
  assert.deepEqual(await stored(), { documents: 1, bytes: Buffer.byteLength('# A\n\nAlpha.') });

  // The second slot is still free: two failures took nothing.
  const second = await knowledge.ingestAndWait(tenant, [md('d.md', '# D\n\nDelta.')]);
  assert.equal(second.items[0]?.status, 'ready');
  assert.equal((await stored()).documents, 2);

  // Deleting a failed upload gives back nothing it never took.
  const failed = (await knowledge.list(tenant)).filter((d) => d.status === 'failed');
  for (const document of failed) await knowledge.remove(tenant, String(document._id));
  assert.equal((await stored()).documents, 2);
});

test('a failed upload fixed and uploaded again under the same name is counted once', async (t) => {
  const { billing, newTenant, database } = await billingFixture(t, { stripe: false });
  const knowledge = createKnowledgeBase({
    config: offlineKnowledgeConfig,
    connection: database.connection,
    billing,
  });
  t.after(() => knowledge.idle());
  const tenant = await newTenant();
  const stored = async () => (await usageSummary(billing, tenant, 1)).stored;

  const first = await knowledge.ingestAndWait(tenant, [md('policy.md', '   ')]);
  assert.equal(first.items[0]?.status, 'failed');
  assert.equal((await stored()).documents, 0);
  const retry = await knowledge.ingestAndWait(tenant, [md('policy.md', '# Policy\n\nFixed.')]);
  assert.equal(retry.items[0]?.status, 'ready');
  assert.equal((await knowledge.list(tenant)).length, 1);
  assert.equal((await stored()).documents, 1, 'the now-ready document counts');
  await knowledge.remove(tenant, String((await knowledge.list(tenant))[0]!._id));
  assert.deepEqual(await stored(), { documents: 0, bytes: 0 });
});
