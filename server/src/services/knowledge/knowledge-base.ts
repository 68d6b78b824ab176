import { type Connection, type Model, Types } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import { ParleyError } from '../../errors';
import type { Logger } from '../../logger';
import { documentModel, type KnowledgeDocument } from '../../models/document';
import { type IngestJob, type IngestJobItem, ingestJobModel } from '../../models/ingest-job';
import { ChunkStore } from './chunk-store';
import { embeddingText } from './chunking';
import { isLocalEmbeddings } from './embedders/index';
import { FileStore } from './file-store';
import { IndexState } from './index-state';
import { JobLease, type JobLeaseTimings } from './ingestion/job-lease';
import {
  type IngestFile,
  type IngestQuota,
  ingestFile,
  type PipelineDeps,
} from './ingestion/pipeline';
import { KnowledgeRetriever } from './retriever';
import type { KnowledgeEmbeddings } from './types';

/** What {@link KnowledgeBase} needs. */
export interface KnowledgeBaseDeps {
  connection: Connection;
  embeddings: KnowledgeEmbeddings;
  logger?: Logger;
  quota?: IngestQuota;
  /** Heartbeat and staleness of ingestion jobs (tests shorten them). */
  leaseTimings?: Partial<JobLeaseTimings>;
  /** How long `close` waits for the file being indexed to stop, in ms. */
  drainMs?: number;
}

type Task =
  | { kind: 'files'; files: IngestFile[] }
  | { kind: 'reindex'; documentIds: Types.ObjectId[] };

/**
 * The knowledge base of every tenant: ingestion jobs (uploads, CLI,
 * re-index) run one at a time in the background with their progress in
 * the database; documents listed and deleted tenant-scoped; retrieval for
 * the chat pipeline. Switching the server's embedder re-indexes each
 * tenant from the stored originals instead of mixing vector spaces.
 */
export class KnowledgeBase {
  readonly retriever: KnowledgeRetriever;
  readonly documents: Model<KnowledgeDocument>;
  readonly jobs: Model<IngestJob>;
  readonly chunks: ChunkStore;
  /** Heartbeats of this process's jobs, and the sweep for jobs of dead processes. */
  readonly lease: JobLease;
  private readonly files: FileStore;
  private readonly index: IndexState;
  private queue: Promise<void> = Promise.resolve();
  private ready: Promise<void> | undefined;
  private closing = false;

  constructor(private readonly deps: KnowledgeBaseDeps) {
    this.documents = documentModel(deps.connection);
    this.jobs = ingestJobModel(deps.connection);
    this.chunks = new ChunkStore(deps.connection, deps.embeddings);
    this.files = new FileStore(deps.connection);
    this.index = new IndexState(deps.connection);
    this.lease = new JobLease({
      jobs: this.jobs,
      documents: this.documents,
      ...(deps.quota ? { quota: deps.quota } : {}),
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(deps.leaseTimings ? { timings: deps.leaseTimings } : {}),
    });
    const chunks = this.chunks;
    this.retriever = new KnowledgeRetriever({
      embeddings: deps.embeddings,
      // Searches wait for the vector index the server creates at start.
      search: {
        search: async (query) => {
          await this.started();
          return chunks.search(query);
        },
      },
      statistics: (tenantId) => this.index.statistics(tenantId),
      // Measured with bench/retrieval for the local embedder only; a real model keeps its own ranking.
      rerank: isLocalEmbeddings(deps.embeddings) ? {} : false,
    });
  }

  /** Starts {@link init} once; later calls share it. Failures are logged and retried on next use. */
  start(): Promise<void> {
    this.ready ??= this.init().catch((error: unknown) => {
      this.ready = undefined;
      this.deps.logger?.error({ err: error }, 'knowledge: could not prepare the vector index');
      throw error;
    });
    return this.ready;
  }

  private async started(): Promise<void> {
    await this.start();
  }

  /**
   * Creates the collections' indexes and the vector index; fails the jobs
   * dead processes left open, then keeps sweeping for them; queues
   * re-indexing of stale tenants.
   */
  async init(): Promise<void> {
    const dimensions = await this.deps.embeddings.resolveDimensions();
    await Promise.all([this.documents.syncIndexes(), this.jobs.syncIndexes()]);
    await this.chunks.ensureSearchIndex(dimensions);
    // A failed sweep must not keep the knowledge base from starting; the next one retries.
    await this.lease.sweep().catch((error: unknown) => {
      this.deps.logger?.warn({ err: error }, 'knowledge: sweep of abandoned jobs failed');
    });
    this.lease.startSweeping();
    for (const tenantId of await this.index.staleTenants(this.deps.embeddings.name)) {
      this.deps.logger?.info(
        { tenantId: String(tenantId), embedder: this.deps.embeddings.name },
        'knowledge: re-indexing for a new embedder',
      );
      await this.reindexTenant(tenantId);
    }
  }

  /** Queues files for ingestion; returns the job at once (progress: {@link job}). */
  async ingest(tenantId: Types.ObjectId | string, files: IngestFile[]): Promise<IngestJob> {
    await this.started();
    const tenant = new Types.ObjectId(tenantId);
    const items = files.map((f) => item(f.filename));
    return this.enqueue(tenant, 'upload', items, { kind: 'files', files });
  }

  /** Ingests files and waits for the job to finish (CLI, demo seed). */
  async ingestAndWait(tenantId: Types.ObjectId | string, files: IngestFile[]): Promise<IngestJob> {
    const job = await this.ingest(tenantId, files);
    await this.idle();
    return (await this.job(tenantId, job._id))!;
  }

  /** Re-indexes one document from its stored original. */
  async reindexDocument(tenantId: Types.ObjectId | string, documentId: string): Promise<IngestJob> {
    const tenant = new Types.ObjectId(tenantId);
    const document = await this.get(tenant, documentId);
    return this.enqueue(tenant, 'reindex', [item(document.source, document._id)], {
      kind: 'reindex',
      documentIds: [document._id],
    });
  }

  /** Re-indexes every document of a tenant (after an embedder change). */
  async reindexTenant(tenantId: Types.ObjectId | string): Promise<IngestJob> {
    const tenant = new Types.ObjectId(tenantId);
    const dimensions = await this.deps.embeddings.resolveDimensions();
    await this.index.ensure(tenant, this.deps.embeddings.name, dimensions);
    await this.index.startReindex(tenant, this.deps.embeddings.name, dimensions);
    const documents = await tenantScope(this.documents, tenant).find({}, { source: 1 }).lean();
    return this.enqueue(
      tenant,
      'reindex',
      documents.map((d) => item(d.source, d._id)),
      {
        kind: 'reindex',
        documentIds: documents.map((d) => d._id),
      },
    );
  }

  /** The tenant's documents, newest first. */
  async list(tenantId: Types.ObjectId | string): Promise<KnowledgeDocument[]> {
    return (await tenantScope(this.documents, tenantId)
      .find({}, null, { sort: { createdAt: -1 } })
      .lean()) as KnowledgeDocument[];
  }

  /** One document of the tenant, or `PARLEY_DOCUMENT_NOT_FOUND`. */
  async get(tenantId: Types.ObjectId | string, documentId: string): Promise<KnowledgeDocument> {
    const document = Types.ObjectId.isValid(documentId)
      ? ((await tenantScope(this.documents, tenantId)
          .findById(new Types.ObjectId(documentId))
          .lean()) as KnowledgeDocument | null)
      : null;
    if (!document) throw new ParleyError('PARLEY_DOCUMENT_NOT_FOUND');
    return document;
  }

  /** Deletes a document with its chunks, vectors, statistics and stored original. */
  async remove(tenantId: Types.ObjectId | string, documentId: string): Promise<void> {
    const tenant = new Types.ObjectId(tenantId);
    const document = await this.get(tenant, documentId);
    const old = await this.chunks.chunksOf(tenant, document._id);
    await this.chunks.removeDocument(tenant, document._id);
    await this.index.applyDelta(
      tenant,
      [],
      old.map((c) => embeddingText({ ...c, headings: c.headings ?? [] })),
    );
    if (document.fileId) await this.files.remove(document.fileId);
    await tenantScope(this.documents, tenant).deleteOne({ _id: document._id });
    if (document.status === 'ready') await this.deps.quota?.removed(tenant, document.bytes);
  }

  /** An ingestion job of the tenant, if it exists. */
  async job(
    tenantId: Types.ObjectId | string,
    jobId: Types.ObjectId | string,
  ): Promise<IngestJob | null> {
    if (!Types.ObjectId.isValid(String(jobId))) return null;
    return (await tenantScope(this.jobs, tenantId)
      .findById(new Types.ObjectId(String(jobId)))
      .lean()) as IngestJob | null;
  }

  /** Resolves when every queued job has finished (tests, CLI). */
  idle(): Promise<void> {
    return this.queue;
  }

  /**
   * Shutdown, before the database closes: the file being indexed stops at
   * its next embedding batch and every job this process holds ends as
   * `PARLEY_INGEST_INTERRUPTED`, so nothing is left running. A file that
   * does not stop within `drainMs` (a parser busy with a huge PDF) is left
   * to the lease: another process, or this one after a restart, fails it.
   */
  async close(): Promise<void> {
    this.closing = true;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.deps.drainMs ?? 10_000);
    });
    await Promise.race([this.queue, limit]);
    clearTimeout(timer);
    this.lease.close();
  }

  private async enqueue(
    tenantId: Types.ObjectId,
    kind: IngestJob['kind'],
    items: IngestJobItem[],
    task: Task,
  ): Promise<IngestJob> {
    const job = (
      await tenantScope(this.jobs, tenantId).create({
        kind,
        status: 'queued',
        items,
        total: items.length,
        heartbeatAt: new Date(),
      })
    ).toObject() as IngestJob;
    // Held from now: a job waiting behind others in this process's queue is alive too.
    this.lease.hold(tenantId, job._id);
    this.queue = this.queue.then(() =>
      this.run(tenantId, job._id, task)
        .catch((error: unknown) => {
          this.deps.logger?.error(
            { err: error, jobId: String(job._id) },
            'knowledge: ingestion job failed',
          );
        })
        .finally(() => this.lease.release(job._id)),
    );
    return job;
  }

  private async run(tenantId: Types.ObjectId, jobId: Types.ObjectId, task: Task): Promise<void> {
    if (this.closing) {
      await this.lease.fail(tenantId, jobId);
      return;
    }
    const jobs = tenantScope(this.jobs, tenantId);
    // Writes match only a job still open here: a sweep that found this
    // process's heartbeat stale (blocked or cut off for minutes) has failed
    // the job, and it stays failed.
    const live = { _id: jobId, status: 'running' };
    const started = await jobs.updateOne(
      { _id: jobId, status: 'queued' },
      { $set: { status: 'running' } },
    );
    if (started.matchedCount === 0) return;
    const record = await this.index.ensure(
      tenantId,
      this.deps.embeddings.name,
      await this.deps.embeddings.resolveDimensions(),
    );
    if (task.kind === 'files' && record.embedder !== this.deps.embeddings.name)
      await this.reindexTenant(tenantId);
    const pipeline: PipelineDeps = {
      documents: this.documents,
      chunks: this.chunks,
      files: this.files,
      index: this.index,
      embeddings: this.deps.embeddings,
      ...(this.deps.quota ? { quota: this.deps.quota } : {}),
    };
    const total = task.kind === 'files' ? task.files.length : task.documentIds.length;
    let interrupted = false;
    for (let i = 0; i < total; i++) {
      if (this.closing) {
        // Shutting down: the files not started yet end with the job, as interrupted.
        await this.lease.fail(tenantId, jobId);
        return;
      }
      const at = `items.${i}`;
      const marked = await jobs.updateOne(live, { $set: { [`${at}.status`]: 'processing' } });
      if (marked.matchedCount === 0) return;
      const onProgress = async (progress: number) => {
        // Between embedding batches: the pipeline fails the file and releases its quota.
        if (this.closing) throw new ParleyError('PARLEY_INGEST_INTERRUPTED');
        await jobs.updateOne(live, { $set: { [`${at}.progress`]: progress } });
      };
      let outcome: Awaited<ReturnType<typeof ingestFile>>;
      try {
        const file =
          task.kind === 'files'
            ? task.files[i]!
            : await this.original(tenantId, task.documentIds[i]!);
        outcome = await ingestFile(pipeline, tenantId, file, {
          jobId,
          force: task.kind === 'reindex',
          onProgress,
        });
      } catch (error) {
        // A failed file never blocks the others.
        const failure =
          (error as { failure?: { code: string; message: string } }).failure ??
          (error instanceof ParleyError
            ? { code: error.code, message: error.message }
            : { code: 'PARLEY_INTERNAL', message: 'Indexing failed unexpectedly; try again.' });
        this.deps.logger?.warn({ err: error, jobId: String(jobId) }, 'knowledge: file failed');
        outcome = {
          status: 'failed',
          documentId: (error as { documentId?: Types.ObjectId }).documentId ?? null,
          error: failure,
        };
      }
      if (outcome.status === 'failed' && outcome.error.code === 'PARLEY_INGEST_INTERRUPTED')
        interrupted = true;
      await jobs.updateOne(live, {
        $set: {
          [`${at}.status`]: outcome.status,
          [`${at}.progress`]: 1,
          [`${at}.documentId`]: outcome.documentId,
          [`${at}.error`]: outcome.status === 'failed' ? outcome.error : null,
        },
        $inc: { done: 1, failed: outcome.status === 'failed' ? 1 : 0 },
      });
    }
    // The last file was the one cut short: the job still says why it ended.
    if (interrupted) {
      await this.lease.fail(tenantId, jobId);
      return;
    }
    if (task.kind === 'reindex') await this.index.finishReindex(tenantId);
    await jobs.updateOne(live, { $set: { status: 'done', finishedAt: new Date() } });
  }

  /** A document's stored original, as a file to ingest again. */
  private async original(
    tenantId: Types.ObjectId,
    documentId: Types.ObjectId,
  ): Promise<IngestFile> {
    const document = await this.get(tenantId, String(documentId));
    const data = document.fileId ? await this.files.read(tenantId, document.fileId) : undefined;
    if (!data) {
      throw new ParleyError('PARLEY_DOCUMENT_NOT_FOUND', {
        message: 'The original file is no longer stored; upload it again.',
      });
    }
    return {
      filename: document.source,
      data,
      ...(document.mimeType ? { mimeType: document.mimeType } : {}),
      ...(document.url ? { url: document.url } : {}),
    };
  }
}

function item(filename: string, documentId: Types.ObjectId | null = null): IngestJobItem {
  return {
    documentId,
    filename: filename.slice(0, 500),
    status: 'queued',
    progress: 0,
    error: null,
  };
}
