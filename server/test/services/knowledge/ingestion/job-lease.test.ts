import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Types } from 'mongoose';
import { ParleyError } from '../../../../src/errors';
import { usageSummary } from '../../../../src/services/billing/views';
import { LocalHashEmbeddings } from '../../../../src/services/knowledge/embedders/local';
import { createKnowledgeBase } from '../../../../src/services/knowledge/index';
import { KnowledgeBase } from '../../../../src/services/knowledge/knowledge-base';
import { startTestDatabase } from '../../../support/database';
import { leaveAbandonedJob, minutesAgo } from '../../../support/ingest-jobs';
import { offlineKnowledgeConfig } from '../../../support/knowledge';
import { billingFixture } from '../../billing/fixture';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** An embedder that holds its first batch until `release` (a file mid-indexing). */
function gatedEmbeddings() {
  const local = new LocalHashEmbeddings();
  let release!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const inside = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const embeddings = Object.assign(Object.create(local) as LocalHashEmbeddings, {
    async embedDocuments(texts: string[]) {
      entered();
      await gate;
      return local.embedDocuments(texts);
    },
  });
  return { embeddings, release, inside };
}

const interrupted = 'PARLEY_INGEST_INTERRUPTED';

describe('ingestion job leases', () => {
  test('a knowledge base starting fails the jobs dead processes left open, and only those', async (t) => {
    const database = await startTestDatabase(t);
    const { connection } = database;
    const [acme, globex] = [new Types.ObjectId(), new Types.ObjectId()];
    const dead = await leaveAbandonedJob(connection, acme, {
      heartbeatAt: minutesAgo(10),
      ready: 'a.md',
      processing: 'b.md',
      queued: 'c.md',
    });
    // Another instance is indexing this one right now: its heartbeat is a few seconds old.
    const alive = await leaveAbandonedJob(connection, acme, {
      heartbeatAt: minutesAgo(0.1),
      processing: 'd.md',
    });
    // Left by a version before heartbeats: only its last update dates it.
    const legacy = await leaveAbandonedJob(connection, globex, {
      heartbeatAt: null,
      processing: 'e.md',
    });

    const kb = new KnowledgeBase({ connection, embeddings: new LocalHashEmbeddings() });
    t.after(() => kb.close());
    await kb.start();

    const deadJob = (await kb.job(acme, dead.jobId))!;
    assert.equal(deadJob.status, 'done');
    assert.equal(deadJob.error?.code, interrupted);
    assert.ok(deadJob.finishedAt);
    assert.deepEqual(
      deadJob.items.map((i) => [i.filename, i.status, i.error?.code ?? null]),
      [
        ['a.md', 'ready', null],
        ['b.md', 'failed', interrupted],
        ['c.md', 'failed', interrupted],
      ],
    );
    assert.equal(String(deadJob.items[1]!.documentId), String(dead.processingId));
    assert.deepEqual([deadJob.done, deadJob.failed], [3, 2]);
    const documents = await kb.list(acme);
    const status = (source: string) => documents.find((d) => d.source === source);
    assert.equal(status('a.md')?.status, 'ready');
    assert.equal(status('b.md')?.status, 'failed');
    assert.equal(status('b.md')?.error?.code, interrupted);

    const aliveJob = (await kb.job(acme, alive.jobId))!;
    assert.equal(aliveJob.status, 'running', 'a job with a fresh heartbeat is left alone');
    assert.equal(aliveJob.error, null);
    assert.equal(aliveJob.items[0]!.status, 'processing');
    assert.equal(status('d.md')?.status, 'processing');

    const legacyJob = (await kb.job(globex, legacy.jobId))!;
    assert.equal(legacyJob.status, 'done');
    assert.equal(legacyJob.items[0]!.error?.code, interrupted);
    assert.equal((await kb.list(globex))[0]!.status, 'failed');

    // The file that was cut short uploads again, into the same document.
    const again = await kb.ingestAndWait(acme, [{ filename: 'b.md', data: utf8('# B\n\nBeta.') }]);
    assert.equal(again.items[0]!.status, 'ready');
    assert.equal(String(again.items[0]!.documentId), String(dead.processingId));
    assert.equal((await kb.list(acme)).filter((d) => d.source === 'b.md').length, 1);
  });

  test('a running job keeps its lease while its process lives, and loses it when it stops', async (t) => {
    const database = await startTestDatabase(t);
    const leaseTimings = { heartbeatMs: 20, staleAfterMs: 200, sweepMs: 25 };
    const gated = gatedEmbeddings();
    // Two instances on one database: A indexes, B sweeps every 25 ms.
    const a = new KnowledgeBase({
      connection: database.connection,
      embeddings: gated.embeddings,
      leaseTimings,
    });
    const b = new KnowledgeBase({
      connection: database.connection,
      embeddings: new LocalHashEmbeddings(),
      leaseTimings,
    });
    t.after(() => Promise.all([a.close(), b.close()]));
    await a.start();
    await b.start();
    const tenantId = new Types.ObjectId();

    const job = await a.ingest(tenantId, [{ filename: 'slow.md', data: utf8('# Slow\n\nText.') }]);
    await gated.inside;
    // Three leases long: B's sweeps run all along and leave it alone.
    await sleep(3 * leaseTimings.staleAfterMs);
    assert.equal((await b.job(tenantId, job._id))!.status, 'running');
    assert.equal(await b.lease.sweep(), 0);

    // A's heartbeat stops as if its process died (its pipeline is still stuck in the embedder).
    a.lease.close();
    await sleep(leaseTimings.staleAfterMs + 4 * leaseTimings.sweepMs);
    const failed = (await b.job(tenantId, job._id))!;
    assert.equal(failed.status, 'done');
    assert.equal(failed.error?.code, interrupted);
    assert.equal(failed.items[0]!.status, 'failed');
    assert.equal((await b.list(tenantId))[0]!.status, 'failed');

    // Were A only stalled, what it writes when it wakes up does not reopen the failed job.
    gated.release();
    await a.idle();
    const after = (await b.job(tenantId, job._id))!;
    assert.equal(after.status, 'done');
    assert.equal(after.items[0]!.error?.code, interrupted);
  });

  test('close (shutdown) stops the file being indexed and ends every held job as interrupted', async (t) => {
    const { billing, newTenant, database } = await billingFixture(t, { stripe: false });
    const gated = gatedEmbeddings();
    const kb = new KnowledgeBase({
      connection: database.connection,
      embeddings: gated.embeddings,
      quota: {
        reserve: (tenantId, bytes) => billing.assertIngestAllowed(tenantId, bytes),
        resize: async (tenantId, from, to) => {
          await billing.ready;
          return billing.quotas.reserveResize(tenantId, from, to);
        },
        removed: (tenantId, bytes) => billing.recordDocumentRemoved(tenantId, bytes),
      },
    });
    await kb.start();
    const tenantId = await newTenant();
    const first = await kb.ingest(tenantId, [
      { filename: 'one.md', data: utf8('# One\n\nFirst.') },
      { filename: 'two.md', data: utf8('# Two\n\nSecond.') },
    ]);
    const second = await kb.ingest(tenantId, [{ filename: 'three.md', data: utf8('# 3\n\nC.') }]);
    await gated.inside;

    const closing = kb.close();
    gated.release();
    await closing;

    for (const jobId of [first._id, second._id]) {
      const job = (await kb.job(tenantId, jobId))!;
      assert.equal(job.status, 'done');
      assert.equal(job.error?.code, interrupted);
      assert.ok(job.items.every((i) => i.status === 'failed' && i.error?.code === interrupted));
    }
    const documents = await kb.list(tenantId);
    assert.deepEqual(
      documents.map((d) => [d.source, d.status, d.error?.code]),
      [['one.md', 'failed', interrupted]],
    );
    // The interrupted file's quota reservation was given back.
    assert.equal((await usageSummary(billing, tenantId, 1)).stored.documents, 0);
  });

  test('a file failing after its lease was lost gives back its place once, not twice', async (t) => {
    const { billing, newTenant, database } = await billingFixture(t, { stripe: false });
    const tenantId = await newTenant();
    const stored = async () => (await usageSummary(billing, tenantId, 1)).stored;
    const quota = {
      reserve: (id: Types.ObjectId, bytes: number) => billing.assertIngestAllowed(id, bytes),
      resize: async (id: Types.ObjectId, from: number, to: number) => {
        await billing.ready;
        return billing.quotas.reserveResize(id, from, to);
      },
      removed: (id: Types.ObjectId, bytes: number) => billing.recordDocumentRemoved(id, bytes),
    };
    const big = utf8(`# Big\n\n${'Plenty of text. '.repeat(20)}`);
    const steady = new KnowledgeBase({
      connection: database.connection,
      embeddings: new LocalHashEmbeddings(),
      quota,
    });
    t.after(() => steady.close());
    await steady.ingestAndWait(tenantId, [{ filename: 'big.md', data: big }]);
    assert.deepEqual(await stored(), { documents: 1, bytes: big.byteLength });

    // A process stalls in the embedder, loses its lease, then its embeddings fail.
    const gated = gatedEmbeddings();
    const failing = Object.assign(Object.create(gated.embeddings) as LocalHashEmbeddings, {
      async embedDocuments(texts: string[]) {
        await gated.embeddings.embedDocuments(texts);
        throw new ParleyError('PARLEY_EMBEDDINGS_FAILED');
      },
    });
    const stalled = new KnowledgeBase({
      connection: database.connection,
      embeddings: failing,
      quota,
    });
    t.after(() => stalled.close());
    const job = await stalled.ingest(tenantId, [{ filename: 'slow.md', data: utf8('# S\n\nS.') }]);
    await gated.inside;
    assert.equal((await stored()).documents, 2);
    assert.equal(await steady.lease.fail(new Types.ObjectId(tenantId), job._id), true);
    assert.deepEqual(await stored(), { documents: 1, bytes: big.byteLength });

    gated.release();
    await stalled.idle();
    const slow = (await stalled.list(tenantId)).find((d) => d.source === 'slow.md');
    assert.equal(slow?.status, 'failed');
    assert.deepEqual(await stored(), { documents: 1, bytes: big.byteLength });
  });

  test('a dead job gives back the plan place of the file it was indexing, so it uploads again', async (t) => {
    const { billing, newTenant, database } = await billingFixture(t, { stripe: false });
    const tenantId = await newTenant();
    await billing.setPlan(tenantId, 'free', { documents: 1 });
    // The dead process had reserved the place for b.md and never settled it.
    await billing.assertIngestAllowed(tenantId, 100);
    const stored = async () => (await usageSummary(billing, tenantId, 1)).stored;
    assert.equal((await stored()).documents, 1);
    await leaveAbandonedJob(database.connection, new Types.ObjectId(tenantId), {
      heartbeatAt: minutesAgo(10),
      processing: 'b.md',
    });

    const knowledge = createKnowledgeBase({
      config: offlineKnowledgeConfig,
      connection: database.connection,
      billing,
    });
    t.after(() => knowledge.close());
    await knowledge.start();
    assert.deepEqual(await stored(), { documents: 0, bytes: 0 });

    const again = await knowledge.ingestAndWait(tenantId, [
      { filename: 'b.md', data: utf8('# B\n\nBeta.') },
    ]);
    assert.equal(again.items[0]!.status, 'ready', 'the one place of the plan is free again');
    assert.equal((await stored()).documents, 1);
  });
});
