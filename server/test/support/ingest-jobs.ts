import type { Connection, Types } from 'mongoose';
import { tenantScope } from '../../src/db/tenant-scope';
import { documentModel } from '../../src/models/document';
import { type IngestJobItem, ingestJobModel } from '../../src/models/ingest-job';

/** The moment `n` minutes ago. */
export const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

const item = (filename: string, status: IngestJobItem['status'], documentId?: Types.ObjectId) => ({
  filename,
  status,
  progress: status === 'ready' ? 1 : 0,
  documentId: documentId ?? null,
  error: null,
});

/**
 * Leaves an ingestion job as a process leaves it when it dies while
 * indexing `processing`: the job `running` with its last heartbeat at
 * `heartbeatAt` (null: a job from before heartbeats, last updated 30 min
 * ago), the file being indexed as a `processing` document of 100 bytes,
 * an optional earlier file `ready` and a later one `queued`.
 */
export async function leaveAbandonedJob(
  connection: Connection,
  tenantId: Types.ObjectId,
  job: { heartbeatAt: Date | null; ready?: string; processing: string; queued?: string },
): Promise<{ jobId: Types.ObjectId; processingId: Types.ObjectId }> {
  const documents = tenantScope(documentModel(connection), tenantId);
  const jobs = tenantScope(ingestJobModel(connection), tenantId);
  const doc = (source: string, status: 'ready' | 'processing', jobId: Types.ObjectId) =>
    documents.create({
      title: source,
      source,
      bytes: 100,
      checksum: `checksum-of-${source}`,
      status,
      progress: status === 'ready' ? 1 : 0.4,
      jobId,
    });
  const created = await jobs.create({ kind: 'upload', status: 'running', items: [], total: 0 });
  const jobId = created._id as Types.ObjectId;
  const ready = job.ready ? await doc(job.ready, 'ready', jobId) : undefined;
  const processing = await doc(job.processing, 'processing', jobId);
  const items = [
    ...(job.ready ? [item(job.ready, 'ready', ready!._id as Types.ObjectId)] : []),
    item(job.processing, 'processing'),
    ...(job.queued ? [item(job.queued, 'queued')] : []),
  ];
  const fields = {
    items,
    total: items.length,
    done: job.ready ? 1 : 0,
    ...(job.heartbeatAt ? { heartbeatAt: job.heartbeatAt } : { updatedAt: minutesAgo(30) }),
  };
  // Written as the dead process left it: this write sets no timestamp of its own.
  await jobs.updateOne({ _id: jobId }, { $set: fields }, { timestamps: false });
  return { jobId, processingId: processing._id as Types.ObjectId };
}
