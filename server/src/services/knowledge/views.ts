import type { KnowledgeDocument } from '../../models/document';
import type { IngestJob } from '../../models/ingest-job';

/** A document as the admin API shows it (no internal ids beyond its own). */
export function documentView(d: KnowledgeDocument) {
  return {
    id: String(d._id),
    title: d.title,
    source: d.source,
    url: d.url,
    format: d.format,
    bytes: d.bytes,
    checksum: d.checksum,
    status: d.status,
    progress: d.progress,
    chunkCount: d.chunkCount,
    embedder: d.embedder,
    error: d.error,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

/** An ingestion job as the admin API and its progress stream show it. */
export function jobView(job: IngestJob) {
  const progress =
    job.total === 0
      ? 1
      : job.items.reduce((sum, item) => sum + (item.progress ?? 0), 0) / job.total;
  return {
    id: String(job._id),
    kind: job.kind,
    status: job.status,
    total: job.total,
    done: job.done,
    failed: job.failed,
    /** 0…1 over every file of the job. */
    progress: Math.min(1, progress),
    items: job.items.map((item) => ({
      documentId: item.documentId ? String(item.documentId) : null,
      filename: item.filename,
      status: item.status,
      progress: item.progress,
      error: item.error,
    })),
    /** Why the job ended before its files did (`PARLEY_INGEST_INTERRUPTED`), else null. */
    error: job.error ?? null,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}
