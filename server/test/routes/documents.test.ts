import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, type TestContext, test } from 'node:test';
import express from 'express';
import { authenticateAdmin } from '../../src/middleware/admin-auth';
import { errorHandler, notFound } from '../../src/middleware/errors';
import { documentsRouter } from '../../src/routes/documents';
import { LocalHashEmbeddings } from '../../src/services/knowledge/embedders/local';
import { KnowledgeBase } from '../../src/services/knowledge/knowledge-base';
import { createAccessServices, installAccess } from '../../src/services/tenants/access';
import { startTestDatabase } from '../support/database';
import { leaveAbandonedJob, minutesAgo } from '../support/ingest-jobs';
import { readSse } from '../support/sse';

/** The documents API on the embedded store with the real admin auth, called with secret keys. */
async function startDocumentsApi(t: TestContext) {
  const database = await startTestDatabase(t);
  const access = createAccessServices({
    connection: database.connection,
    publicUrl: 'http://127.0.0.1',
  });
  const knowledge = new KnowledgeBase({
    connection: database.connection,
    embeddings: new LocalHashEmbeddings(),
  });
  await knowledge.start();
  const app = express();
  installAccess(app, access);
  app.use(express.json({ limit: '64kb' }));
  app.use('/api', authenticateAdmin('s'.repeat(32)));
  app.use(documentsRouter({ knowledge }));
  app.use(notFound);
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  t.after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await knowledge.idle();
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tenant = await access.tenants.create({ name: 'Acme', slug: 'acme' });
  const other = await access.tenants.create({ name: 'Globex', slug: 'globex' });
  const key = async (tenantId = tenant._id, scopes = ['*']) =>
    (await access.keys.create(tenantId, { kind: 'secret', mode: 'test', scopes })).secret;
  const call = (secret: string, path: string, init: RequestInit = {}) =>
    fetch(url + path, { ...init, headers: { authorization: `Bearer ${secret}`, ...init.headers } });
  return { database, knowledge, tenant, other, key, call };
}

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON.
const json = async (response: Response): Promise<any> => response.json();

function form(
  files: [string, string | Uint8Array, string?][],
  fields: Record<string, string> = {},
) {
  const data = new FormData();
  for (const [name, content, type] of files)
    data.append('files', new Blob([content], { type: type ?? 'text/markdown' }), name);
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

describe('/api/documents', () => {
  test('upload → 202 with a job whose SSE progress ends in done; then list, read, re-index, delete', async (t) => {
    const api = await startDocumentsApi(t);
    const secret = await api.key();
    const upload = await api.call(secret, '/api/documents', {
      method: 'POST',
      body: form([['dental.md', '# Dental\n\nBraces are covered at 50% for children.']], {
        url: 'https://intranet.example/dental',
      }),
    });
    assert.equal(upload.status, 202);
    const { job } = await json(upload);
    assert.equal(job.total, 1);
    assert.deepEqual(
      job.items.map((i: { filename: string }) => i.filename),
      ['dental.md'],
    );

    const events = await readSse(await api.call(secret, `/api/documents/jobs/${job.id}/events`));
    assert.ok(events.length >= 2);
    assert.ok(events.slice(0, -1).every((e) => e.event === 'progress'));
    const done = JSON.parse(events.at(-1)!.data);
    assert.equal(events.at(-1)!.event, 'done');
    assert.equal(done.status, 'done');
    assert.equal(done.progress, 1);
    assert.equal(done.items[0].status, 'ready');

    const list = await json(await api.call(secret, '/api/documents'));
    assert.equal(list.items.length, 1);
    const document = list.items[0];
    assert.equal(document.title, 'Dental');
    assert.equal(document.url, 'https://intranet.example/dental');
    assert.equal(document.status, 'ready');
    assert.equal(document.chunkCount, 1);
    const read = await json(await api.call(secret, `/api/documents/${document.id}`));
    assert.equal(read.document.id, document.id);

    const reindex = await api.call(secret, `/api/documents/${document.id}/reindex`, {
      method: 'POST',
    });
    assert.equal(reindex.status, 202);
    const reindexJob = (await json(reindex)).job;
    await api.knowledge.idle();
    const finished = await json(await api.call(secret, `/api/documents/jobs/${reindexJob.id}`));
    assert.equal(finished.job.items[0].status, 'ready');

    const removed = await api.call(secret, `/api/documents/${document.id}`, { method: 'DELETE' });
    assert.equal(removed.status, 204);
    assert.deepEqual((await json(await api.call(secret, '/api/documents'))).items, []);
    assert.equal((await api.call(secret, `/api/documents/${document.id}`)).status, 404);
  });

  test('several files in one upload, one of them corrupt: the others are indexed', async (t) => {
    const api = await startDocumentsApi(t);
    const secret = await api.key();
    const upload = await api.call(secret, '/api/documents', {
      method: 'POST',
      body: form([
        ['a.md', '# A\n\nAlpha.'],
        ['bad.pdf', 'not a pdf', 'application/pdf'],
        ['c.txt', 'Gamma text.', 'text/plain'],
      ]),
    });
    const { job } = await json(upload);
    await api.knowledge.idle();
    const { job: done } = await json(await api.call(secret, `/api/documents/jobs/${job.id}`));
    assert.deepEqual(
      done.items.map((i: { status: string }) => i.status),
      ['ready', 'failed', 'ready'],
    );
    assert.equal(done.items[1].error.code, 'PARLEY_DOCUMENT_CORRUPT');
  });

  test('a job whose process died: its progress stream ends with the failure, and the file uploads again', async (t) => {
    const api = await startDocumentsApi(t);
    const secret = await api.key();
    const dead = await leaveAbandonedJob(api.database.connection, api.tenant._id, {
      heartbeatAt: minutesAgo(10),
      ready: 'a.md',
      processing: 'b.md',
    });
    // The console follows the job as it was left: running, with no end in sight.
    const following = readSse(await api.call(secret, `/api/documents/jobs/${dead.jobId}/events`));
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The sweep every instance runs (at start, then every minute) finds it.
    assert.equal(await api.knowledge.lease.sweep(), 1);
    const events = await following;
    assert.equal(JSON.parse(events[0]!.data).status, 'running');
    assert.equal(events.at(-1)!.event, 'done');
    const ended = JSON.parse(events.at(-1)!.data);
    const reason = {
      code: 'PARLEY_INGEST_INTERRUPTED',
      message: 'Indexing stopped because the server doing it went away; upload the file again.',
    };
    assert.deepEqual(ended.error, reason);
    assert.deepEqual(
      ended.items.map((i: { status: string; error: unknown }) => [i.status, i.error]),
      [
        ['ready', null],
        ['failed', reason],
      ],
    );
    assert.equal(ended.items[1].documentId, String(dead.processingId));
    const { job } = await json(await api.call(secret, `/api/documents/jobs/${dead.jobId}`));
    assert.deepEqual(job, ended);
    const { document } = await json(await api.call(secret, `/api/documents/${dead.processingId}`));
    assert.equal(document.status, 'failed');
    assert.deepEqual(document.error, reason);

    const upload = await api.call(secret, '/api/documents', {
      method: 'POST',
      body: form([['b.md', '# B\n\nBeta.']]),
    });
    assert.equal(upload.status, 202);
    await api.knowledge.idle();
    const again = await json(await api.call(secret, `/api/documents/${dead.processingId}`));
    assert.equal(again.document.status, 'ready');
    assert.equal(again.document.error, null);
  });

  test('bad requests get clear codes', async (t) => {
    const api = await startDocumentsApi(t);
    const secret = await api.key();
    const empty = await api.call(secret, '/api/documents', {
      method: 'POST',
      body: new FormData(),
    });
    assert.equal(empty.status, 400);
    assert.equal((await json(empty)).error.code, 'PARLEY_VALIDATION_FAILED');
    const wrongField = new FormData();
    wrongField.append('file', new Blob(['x']), 'x.md');
    const wrong = await api.call(secret, '/api/documents', { method: 'POST', body: wrongField });
    assert.equal((await json(wrong)).error.code, 'PARLEY_BAD_REQUEST');
    assert.equal(
      (await json(await api.call(secret, '/api/documents/jobs/nope'))).error.code,
      'PARLEY_INGEST_JOB_NOT_FOUND',
    );
    assert.equal(
      (await json(await api.call(secret, '/api/documents/nope'))).error.code,
      'PARLEY_DOCUMENT_NOT_FOUND',
    );
    assert.equal(
      (await fetch(`${(await api.call(secret, '/api/documents')).url}`)).status,
      401,
      'no credentials',
    );
  });

  test('another tenant cannot see, follow, re-index or delete documents and jobs', async (t) => {
    const api = await startDocumentsApi(t);
    const mine = await api.key();
    const theirs = await api.key(api.other._id);
    const { job } = await json(
      await api.call(mine, '/api/documents', {
        method: 'POST',
        body: form([['p.md', '# P\n\nPrivate.']]),
      }),
    );
    await api.knowledge.idle();
    const [document] = (await json(await api.call(mine, '/api/documents'))).items;
    assert.deepEqual((await json(await api.call(theirs, '/api/documents'))).items, []);
    for (const [method, path] of [
      ['GET', `/api/documents/${document.id}`],
      ['DELETE', `/api/documents/${document.id}`],
      ['POST', `/api/documents/${document.id}/reindex`],
      ['GET', `/api/documents/jobs/${job.id}`],
      ['GET', `/api/documents/jobs/${job.id}/events`],
    ]) {
      const response = await api.call(theirs, path!, { method });
      assert.equal(response.status, 404, `${method} ${path}`);
    }
    assert.equal((await json(await api.call(mine, '/api/documents'))).items.length, 1);
  });

  test('read-only keys can list but not upload', async (t) => {
    const api = await startDocumentsApi(t);
    const reader = await api.key(api.tenant._id, ['documents:read']);
    assert.equal((await api.call(reader, '/api/documents')).status, 200);
    const upload = await api.call(reader, '/api/documents', {
      method: 'POST',
      body: form([['a.md', 'x']]),
    });
    assert.equal(upload.status, 403);
  });
});
