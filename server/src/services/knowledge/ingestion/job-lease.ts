import type { Model, Types } from 'mongoose';
import { tenantScope } from '../../../db/tenant-scope';
import { errorCatalogue } from '../../../errors';
import type { Logger } from '../../../logger';
import type { KnowledgeDocument } from '../../../models/document';
import type { IngestJob, IngestJobItem } from '../../../models/ingest-job';
import type { IngestQuota } from './pipeline';

/** Timing of the leases that tell a live ingestion job from an abandoned one, in ms. */
export interface JobLeaseTimings {
  /** How often a process refreshes `heartbeatAt` on the jobs it holds (queued or running). */
  heartbeatMs: number;
  /** A queued or running job whose heartbeat is older than this was left by a process that is gone. */
  staleAfterMs: number;
  /** How often each process looks for such jobs, besides once when it starts. */
  sweepMs: number;
}

/**
 * Defaults: a heartbeat every 15 s and a lease of 2 min, so a process that
 * is busy (a large PDF parsed on the main thread) or a database that is slow
 * for a minute never loses a live job; an abandoned one fails within 3 min.
 */
export const defaultJobLeaseTimings: JobLeaseTimings = {
  heartbeatMs: 15_000,
  staleAfterMs: 120_000,
  sweepMs: 60_000,
};

/** The reason a file or job ended without finishing: the process running it went away. */
export const interruptedFailure = {
  code: 'PARLEY_INGEST_INTERRUPTED',
  message: errorCatalogue.PARLEY_INGEST_INTERRUPTED.message,
} as const;

const openJob = ['queued', 'running'];
const openDocument = ['queued', 'processing'];
const isOpenItem = (item: IngestJobItem) =>
  item.status === 'queued' || item.status === 'processing';

/** What {@link JobLease} works on. */
export interface JobLeaseDeps {
  jobs: Model<IngestJob>;
  documents: Model<KnowledgeDocument>;
  /** Gives back the plan quota place a failed document no longer holds. */
  quota?: IngestQuota;
  logger?: Logger;
  timings?: Partial<JobLeaseTimings>;
}

/**
 * Leases on ingestion jobs. A job runs in the process that queued it, so
 * that process refreshes the job's `heartbeatAt` while it holds it; any
 * process (several instances share one database) fails the jobs whose
 * heartbeat went stale, with their unfinished files and documents, as
 * `PARLEY_INGEST_INTERRUPTED`. Jobs of live processes keep a fresh
 * heartbeat and are never touched.
 */
export class JobLease {
  readonly timings: JobLeaseTimings;
  /** Job id → tenant id of the jobs this process holds. */
  private readonly held = new Map<string, Types.ObjectId>();
  private beating: NodeJS.Timeout | undefined;
  private sweeping: NodeJS.Timeout | undefined;

  constructor(private readonly deps: JobLeaseDeps) {
    this.timings = { ...defaultJobLeaseTimings, ...deps.timings };
  }

  /** Keeps a job's heartbeat fresh from when it is queued until {@link release}. */
  hold(tenantId: Types.ObjectId, jobId: Types.ObjectId): void {
    this.held.set(String(jobId), tenantId);
    this.beating ??= setInterval(() => void this.beat(), this.timings.heartbeatMs).unref();
  }

  /** Stops refreshing a job that ended. */
  release(jobId: Types.ObjectId): void {
    this.held.delete(String(jobId));
    if (this.held.size === 0) {
      clearInterval(this.beating);
      this.beating = undefined;
    }
  }

  /** Refreshes the heartbeat of every held job: one update per tenant. */
  async beat(now = new Date()): Promise<void> {
    if (!this.connected()) return;
    const byTenant = new Map<string, { tenantId: Types.ObjectId; ids: string[] }>();
    for (const [jobId, tenantId] of this.held) {
      const group = byTenant.get(String(tenantId)) ?? { tenantId, ids: [] };
      group.ids.push(jobId);
      byTenant.set(String(tenantId), group);
    }
    try {
      for (const { tenantId, ids } of byTenant.values()) {
        await tenantScope(this.deps.jobs, tenantId).updateMany(
          { _id: { $in: ids }, status: { $in: openJob } },
          { $set: { heartbeatAt: now } },
        );
      }
    } catch (error) {
      this.deps.logger?.warn({ err: error }, 'knowledge: ingestion heartbeat failed');
    }
  }

  /** Sweeps for abandoned jobs every `sweepMs` until {@link close}. */
  startSweeping(): void {
    this.sweeping ??= setInterval(() => {
      if (!this.connected()) return;
      this.sweep().catch((error: unknown) =>
        this.deps.logger?.warn({ err: error }, 'knowledge: sweep of abandoned jobs failed'),
      );
    }, this.timings.sweepMs).unref();
  }

  /**
   * Fails every queued or running job whose heartbeat is older than
   * `staleAfterMs` (jobs from before heartbeats existed: their last
   * update). Returns how many it failed.
   */
  async sweep(now = new Date()): Promise<number> {
    const staleBefore = new Date(now.getTime() - this.timings.staleAfterMs);
    // Cross-tenant by design, and only on the job collection: a dead process
    // may have left jobs of any tenant. Each job is then failed, documents
    // included, through its own tenant's scope.
    const abandoned = await this.deps.jobs
      .find(
        {
          status: { $in: openJob },
          $or: [
            { heartbeatAt: { $lt: staleBefore } },
            { heartbeatAt: null, updatedAt: { $lt: staleBefore } },
          ],
        },
        { tenantId: 1 },
      )
      .lean();
    let failed = 0;
    for (const job of abandoned) {
      if (await this.fail(job.tenantId, job._id, staleBefore)) failed++;
    }
    if (failed) this.deps.logger?.warn({ failed }, 'knowledge: failed abandoned ingestion jobs');
    return failed;
  }

  /**
   * Ends a job as interrupted: its unfinished files and their documents are
   * failed with {@link interruptedFailure}. With `staleBefore`, only while
   * its heartbeat is still older than that (a live holder wins the race).
   * False when the job was already over or came back to life.
   */
  async fail(
    tenantId: Types.ObjectId,
    jobId: Types.ObjectId,
    staleBefore?: Date,
  ): Promise<boolean> {
    const jobs = tenantScope(this.deps.jobs, tenantId);
    const documents = tenantScope(this.deps.documents, tenantId);
    const job = (await jobs.findById(jobId).lean()) as IngestJob | null;
    if (!job || !openJob.includes(job.status)) return false;
    if (staleBefore && (job.heartbeatAt ?? job.updatedAt) >= staleBefore) return false;
    const open = await documents.find({ jobId, status: { $in: openDocument } }).lean();
    const documentOf = (item: IngestJobItem) =>
      item.documentId ?? open.find((d) => d.source === item.filename)?._id ?? null;
    const unfinished = job.items.filter(isOpenItem).length;
    const items = job.items.map((item) =>
      isOpenItem(item)
        ? {
            ...item,
            status: 'failed' as const,
            documentId: documentOf(item),
            error: interruptedFailure,
          }
        : item,
    );
    // `updatedAt` moves on every write to the job (heartbeats included): if
    // its holder wrote since it was read, it is alive and this matches nothing.
    const claimed = await jobs.updateOne(
      staleBefore
        ? { _id: jobId, status: job.status, updatedAt: job.updatedAt }
        : { _id: jobId, status: { $in: openJob } },
      {
        $set: {
          status: 'done',
          items,
          done: job.total,
          failed: job.failed + unfinished,
          error: interruptedFailure,
          finishedAt: new Date(),
        },
      },
    );
    if (claimed.modifiedCount !== 1) return false;
    for (const document of open) {
      const result = await documents.updateOne(
        { _id: document._id, jobId, status: { $in: openDocument } },
        { $set: { status: 'failed', error: interruptedFailure, progress: 0 } },
      );
      // A document being indexed took a quota place (or held one as ready);
      // as a failed document it holds none, so a re-upload can take it again.
      if (result.modifiedCount === 1) await this.deps.quota?.removed(tenantId, document.bytes);
    }
    return true;
  }

  /** Stops the heartbeat and the sweeps (shutdown, tests). */
  close(): void {
    clearInterval(this.beating);
    clearInterval(this.sweeping);
    this.beating = undefined;
    this.sweeping = undefined;
    this.held.clear();
  }

  private connected(): boolean {
    // After the database closed (shutdown, a test's end) a query would only wait and fail.
    return this.deps.jobs.db.readyState === 1;
  }
}
