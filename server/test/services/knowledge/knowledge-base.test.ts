import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { Types } from 'mongoose';
import { LocalHashEmbeddings } from '../../../src/services/knowledge/embedders/local';
import { KnowledgeBase } from '../../../src/services/knowledge/knowledge-base';
import type { KnowledgeEmbeddings } from '../../../src/services/knowledge/types';
import { startTestDatabase } from '../../support/database';
import { makeDocx, makePdf, utf8 } from './fixtures';

async function knowledgeBase(
  t: TestContext,
  embeddings: KnowledgeEmbeddings = new LocalHashEmbeddings(),
) {
  const database = await startTestDatabase(t);
  const kb = new KnowledgeBase({ connection: database.connection, embeddings });
  await kb.start();
  return { kb, database };
}

const tenant = () => new Types.ObjectId();

describe('KnowledgeBase on the embedded store', () => {
  test('ingests every format into searchable chunks, with a job that reports progress', async (t) => {
    const { kb } = await knowledgeBase(t);
    const tenantId = tenant();
    const files = [
      {
        filename: 'dental.md',
        data: utf8('# Dental\n\n## Orthodontia\nBraces are covered at 50% for children under 18.'),
      },
      {
        filename: 'notes.txt',
        data: utf8('Parking\n\nParking is paid before tax, up to $300 a month.'),
      },
      {
        filename: 'eap.html',
        data: utf8('<h1>Wellbeing</h1><p>Counseling hotline: 1-800-555-0110.</p>'),
        url: 'https://intranet.example/eap',
      },
      {
        filename: 'leave.pdf',
        data: await makePdf('Leave', [
          {
            heading: 'Bereavement',
            lines: ['Take up to 7 paid days when a close family member dies.'],
          },
        ]),
      },
      {
        filename: 'growth.docx',
        data: await makeDocx('Growth', [
          {
            heading: 'Learning budget',
            paragraphs: ['Each employee has $1,200 a year for courses.'],
          },
        ]),
      },
    ];
    const job = await kb.ingestAndWait(tenantId, files);
    assert.equal(job.status, 'done');
    assert.equal(job.total, 5);
    assert.equal(job.done, 5);
    assert.equal(job.failed, 0);
    assert.ok(job.items.every((i) => i.status === 'ready' && i.progress === 1 && i.documentId));
    const documents = await kb.list(tenantId);
    assert.equal(documents.length, 5);
    for (const d of documents) {
      assert.equal(d.status, 'ready');
      assert.ok(d.chunkCount >= 1);
      assert.equal(d.embedder, 'local-hash-v1-1024');
      assert.match(d.checksum, /^[0-9a-f]{64}$/);
    }
    const questions: [string, string][] = [
      ['Are braces covered for my kid?', 'Dental'],
      ['How much parking can I pay before tax?', 'Parking'],
      ['What is the counseling phone number?', 'Wellbeing'],
      ['How many days off when a family member dies?', 'Leave'],
      ['How much can I spend on courses?', 'Growth'],
    ];
    for (const [question, title] of questions) {
      const [first] = await kb.retriever.retrieve({
        tenantId: String(tenantId),
        query: question,
        k: 3,
      });
      assert.equal(first?.title.split(' › ')[0], title, question);
    }
    const [eap] = await kb.retriever.retrieve({
      tenantId: String(tenantId),
      query: 'counseling hotline',
      k: 1,
    });
    assert.equal(eap!.url, 'https://intranet.example/eap');
  });

  test('the same file again changes nothing; a new version under the same name replaces the old chunks', async (t) => {
    const { kb } = await knowledgeBase(t);
    const tenantId = tenant();
    const v1 = { filename: 'pto.md', data: utf8('# PTO\n\nYou get 18 vacation days a year.') };
    await kb.ingestAndWait(tenantId, [v1]);
    const again = await kb.ingestAndWait(tenantId, [{ ...v1 }]);
    assert.equal(again.items[0]!.status, 'unchanged');
    assert.equal((await kb.list(tenantId)).length, 1);
    assert.equal(await kb.chunks.count(tenantId), 1);

    const v2 = {
      filename: 'pto.md',
      data: utf8('# PTO\n\nYou get 23 vacation days a year.\n\n## Holidays\nTen public holidays.'),
    };
    const replaced = await kb.ingestAndWait(tenantId, [v2]);
    assert.equal(replaced.items[0]!.status, 'ready');
    const documents = await kb.list(tenantId);
    assert.equal(documents.length, 1);
    assert.equal(documents[0]!.chunkCount, 2);
    assert.equal(await kb.chunks.count(tenantId), 2, 'old chunks are gone');
    const sources = await kb.retriever.retrieve({
      tenantId: String(tenantId),
      query: 'vacation days',
      k: 5,
    });
    assert.ok(sources.every((s) => !s.text.includes('18 vacation')));
  });

  test('a corrupt or unsupported file fails with its code without blocking the others', async (t) => {
    const { kb } = await knowledgeBase(t);
    const tenantId = tenant();
    const job = await kb.ingestAndWait(tenantId, [
      { filename: 'broken.pdf', data: utf8('%PDF-1.7 this is not really a pdf') },
      { filename: 'logo.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]) },
      { filename: 'ok.md', data: utf8('# OK\n\nStill indexed.') },
    ]);
    assert.deepEqual(
      job.items.map((i) => [i.status, i.error?.code ?? null]),
      [
        ['failed', 'PARLEY_DOCUMENT_CORRUPT'],
        ['failed', 'PARLEY_DOCUMENT_UNSUPPORTED_TYPE'],
        ['ready', null],
      ],
    );
    assert.equal(job.failed, 2);
    const byName = new Map((await kb.list(tenantId)).map((d) => [d.source, d]));
    assert.equal(byName.get('broken.pdf')!.status, 'failed');
    assert.equal(byName.get('broken.pdf')!.error!.code, 'PARLEY_DOCUMENT_CORRUPT');
    assert.equal(byName.get('ok.md')!.status, 'ready');
  });

  test('deleting a document deletes its vectors; other tenants cannot see or delete it', async (t) => {
    const { kb } = await knowledgeBase(t);
    const a = tenant();
    const b = tenant();
    await kb.ingestAndWait(a, [
      { filename: 'eap.md', data: utf8('# EAP\n\nCounseling at 1-800-555-0110.') },
    ]);
    const [document] = await kb.list(a);
    await assert.rejects(kb.remove(b, String(document!._id)), {
      code: 'PARLEY_DOCUMENT_NOT_FOUND',
    });
    await assert.rejects(kb.remove(a, 'not-an-id'), { code: 'PARLEY_DOCUMENT_NOT_FOUND' });
    await kb.remove(a, String(document!._id));
    assert.equal(await kb.chunks.count(a), 0);
    assert.deepEqual(await kb.list(a), []);
    assert.deepEqual(
      await kb.retriever.retrieve({ tenantId: String(a), query: 'counseling', k: 3 }),
      [],
    );
  });

  test("randomised: a tenant never retrieves another tenant's chunks", async (t) => {
    const { kb } = await knowledgeBase(t);
    const topics = [
      'dental braces',
      'vacation days',
      'parking tax',
      'counseling hotline',
      'tuition degree',
      'bereavement leave',
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const tenants = [tenant(), tenant(), tenant()];
    const owner = new Map<string, string>();
    for (const [n, id] of tenants.entries()) {
      const files = topics.map((topic, i) => ({
        filename: `t${n}-${i}.md`,
        data: utf8(
          `# ${topic}\n\nTenant ${n} policy on ${topic}: secret-${n}-${i} applies ${Math.floor(random() * 100)} days.`,
        ),
      }));
      await kb.ingestAndWait(id, files);
      for (const d of await kb.list(id)) owner.set(String(d._id), String(id));
    }
    for (let round = 0; round < 60; round++) {
      const asker = tenants[Math.floor(random() * tenants.length)]!;
      const words = topics[Math.floor(random() * topics.length)]!;
      const query =
        random() < 0.3
          ? `secret-${Math.floor(random() * 3)}-${Math.floor(random() * 6)} ${words}`
          : words;
      const sources = await kb.retriever.retrieve({
        tenantId: String(asker),
        query,
        k: 1 + Math.floor(random() * 10),
      });
      assert.ok(sources.length > 0);
      for (const source of sources)
        assert.equal(owner.get(source.documentId), String(asker), `${query} leaked`);
    }
  });

  test('a new embedder re-indexes the tenant from the stored originals instead of mixing vectors', async (t) => {
    const database = await startTestDatabase(t);
    const tenantId = tenant();
    const first = new KnowledgeBase({
      connection: database.connection,
      embeddings: new LocalHashEmbeddings(),
    });
    await first.start();
    await first.ingestAndWait(tenantId, [
      { filename: 'dental.md', data: utf8('# Dental\n\nBraces covered at 50%.') },
    ]);
    const other = new LocalHashEmbeddings({ dimensions: 512 });
    const second = new KnowledgeBase({ connection: database.connection, embeddings: other });
    await second.start();
    await second.idle();
    const [document] = await second.list(tenantId);
    assert.equal(document!.embedder, 'local-hash-v1-512');
    assert.equal(document!.status, 'ready');
    assert.equal(await second.chunks.count(tenantId, 'local-hash-v1-512'), 1);
    assert.equal(await second.chunks.count(tenantId, 'local-hash-v1-1024'), 0);
    const [source] = await second.retriever.retrieve({
      tenantId: String(tenantId),
      query: 'braces',
      k: 1,
    });
    assert.equal(source?.title.split(' › ')[0], 'Dental');
  });
});
