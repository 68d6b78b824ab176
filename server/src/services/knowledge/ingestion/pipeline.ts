import { createHash } from 'node:crypto';
import type { Model, Types } from 'mongoose';
import { tenantScope } from '../../../db/tenant-scope';
import { ParleyError } from '../../../errors';
import type { KnowledgeDocument } from '../../../models/document';
import type { ChunkStore } from '../chunk-store';
import { type Chunk, chunkDocument, embeddingText } from '../chunking';
import type { FileStore } from '../file-store';
import type { IndexState } from '../index-state';
import { type DocumentFile, parseDocument } from '../parsers/index';
import type { KnowledgeEmbeddings } from '../types';

/** A file to ingest, with an optional public URL for citations. */
export interface IngestFile extends DocumentFile {
  url?: string;
}

/** A claim on the plan quota: `commit` once stored, `release` if not; a second call does nothing. */
export interface QuotaReservation {
  commit(): Promise<void>;
  release(): Promise<void>;
}

/** Plan quota hooks (billing); absent when billing is off. */
export interface IngestQuota {
  /** One more document of `bytes`, before it is ingested; throws when the plan has no room. */
  reserve(tenantId: Types.ObjectId, bytes: number): Promise<QuotaReservation>;
  /**
   * A ready document's new version, before it is swapped in: the storage
   * difference (`toBytes − fromBytes`); throws when a bigger one does not fit.
   */
  resize(tenantId: Types.ObjectId, fromBytes: number, toBytes: number): Promise<QuotaReservation>;
  /** A document that held a place (ready, or being indexed) holds none any more. */
  removed(tenantId: Types.ObjectId, bytes: number): Promise<void>;
}

/** What one file's ingestion ended as. */
export type IngestOutcome =
  | { status: 'ready' | 'unchanged'; documentId: Types.ObjectId }
  | {
      status: 'failed';
      documentId: Types.ObjectId | null;
      error: { code: string; message: string };
    };

/** Everything the pipeline touches. */
export interface PipelineDeps {
  documents: Model<KnowledgeDocument>;
  chunks: ChunkStore;
  files: FileStore;
  index: IndexState;
  embeddings: KnowledgeEmbeddings;
  quota?: IngestQuota;
}

const EMBED_BATCH = 32;

/**
 * Ingests one file for one tenant: parse, chunk, embed in batches
 * (reporting progress), swap the document's chunks (new ones in, then old
 * ones out, so it never disappears from search), update the statistics and
 * keep the original. The same file (checksum) or the same source name
 * uploaded again replaces the existing document instead of duplicating it;
 * a ready document stays as it was (chunks, original, quota place) when
 * its new version fails, and only the outcome reports the failure. Its
 * stored bytes change by the difference in size at the swap, which a
 * bigger version past the plan's storage is refused before.
 */
export async function ingestFile(
  deps: PipelineDeps,
  tenantId: Types.ObjectId,
  file: IngestFile,
  options: {
    jobId?: Types.ObjectId;
    force?: boolean;
    onProgress?: (progress: number) => Promise<void>;
  } = {},
): Promise<IngestOutcome> {
  const scope = tenantScope(deps.documents, tenantId);
  const checksum = createHash('sha256').update(file.data).digest('hex');
  const source = file.filename.slice(0, 500);
  const existing = (await scope
    .findOne({ $or: [{ checksum }, { source }] }, null, { sort: { updatedAt: -1 } })
    .lean()) as KnowledgeDocument | null;
  if (
    existing &&
    !options.force &&
    existing.checksum === checksum &&
    existing.status === 'ready' &&
    existing.embedder === deps.embeddings.name
  ) {
    return { status: 'unchanged', documentId: existing._id };
  }
  // A ready document keeps its place, its chunks and its fields until the
  // new version is in: a version that fails leaves it as it was, and the
  // failure is reported on the job's item only.
  const replacing = existing?.status === 'ready' ? existing : null;
  let reservation: QuotaReservation | undefined;
  // Only a ready document holds a quota place; a new one, or one whose
  // earlier upload failed, must take one now. A ready one's new version
  // reserves its change in size just before the swap (below).
  if (!replacing && deps.quota)
    reservation = await deps.quota.reserve(tenantId, file.data.byteLength);
  const fields = {
    source,
    url: file.url ?? null,
    mimeType: file.mimeType ?? null,
    bytes: file.data.byteLength,
    checksum,
    status: 'processing' as const,
    progress: 0,
    error: null,
    jobId: options.jobId ?? null,
  };
  let documentId: Types.ObjectId;
  try {
    if (replacing) documentId = replacing._id;
    else if (existing) {
      documentId = existing._id;
      await scope.updateOne({ _id: documentId }, { $set: fields });
    } else {
      const created = await scope.create({ ...fields, title: titleGuess(source), chunkCount: 0 });
      documentId = (created as unknown as { _id: Types.ObjectId })._id;
    }
  } catch (error) {
    await reservation?.release();
    throw error;
  }
  let prepared: {
    parsed: Awaited<ReturnType<typeof parseDocument>>;
    chunks: Chunk[];
    vectors: number[][];
  };
  try {
    const parsed = await parseDocument(file);
    const chunks = chunkDocument(parsed, file.url ? { url: file.url } : {});
    const vectors = await embedWithProgress(
      deps.embeddings,
      chunks,
      options.onProgress,
      async (progress) => {
        // The document being replaced still shows as ready; the job's item carries the progress.
        if (!replacing) await scope.updateOne({ _id: documentId }, { $set: { progress } });
      },
    );
    prepared = { parsed, chunks, vectors };
  } catch (error) {
    // Nothing of the ready version was touched yet: it stays, place and all.
    if (replacing) return failedOutcome(error, documentId);
    return fail(error, () => reservation?.release());
  }
  if (replacing && deps.quota) {
    try {
      reservation = await deps.quota.resize(tenantId, replacing.bytes, file.data.byteLength);
    } catch (error) {
      // A bigger version past the plan's storage: the ready one stays, untouched.
      return failedOutcome(error, documentId);
    }
  }
  try {
    const { parsed, chunks, vectors } = prepared;
    const old = await deps.chunks.chunksOf(tenantId, documentId);
    await deps.chunks.add(tenantId, documentId, deps.embeddings.name, chunks, vectors);
    await deps.chunks.removeOlder(
      tenantId,
      documentId,
      old.map((c) => c._id),
    );
    await deps.index.applyDelta(
      tenantId,
      chunks.map(embeddingText),
      old.map((c) => embeddingText({ ...c, headings: c.headings ?? [] })),
    );
    const fileId = await deps.files.save(tenantId, source, file.data);
    if (existing?.fileId) await deps.files.remove(existing.fileId);
    await scope.updateOne(
      { _id: documentId },
      {
        $set: {
          ...fields,
          title: parsed.title.slice(0, 300),
          format: parsed.format,
          status: 'ready',
          progress: 1,
          chunkCount: chunks.length,
          embedder: deps.embeddings.name,
          fileId,
        },
      },
    );
    await reservation?.commit();
    return { status: 'ready', documentId };
  } catch (error) {
    // The swap broke off and the previous version may be half gone, so the
    // document fails; a failed document holds no quota place, so the change
    // in size reserved for the new version, then the place the ready version
    // held (its bytes: its fields were not replaced), go back.
    return fail(error, async () => {
      await reservation?.release();
      if (replacing) await deps.quota?.removed(tenantId, replacing.bytes);
    });
  }

  /**
   * Marks the document failed, then gives back the quota place it held, and
   * reports why. A document the job's lease already failed (this process
   * was stalled past it) had its place given back there, so not again.
   */
  async function fail(error: unknown, giveBack: () => Promise<void> | undefined) {
    let failedHere = true;
    try {
      const result = await scope.updateOne(
        { _id: documentId, status: { $ne: 'failed' } },
        { $set: { status: 'failed', error: describeFailure(error), progress: 0 } },
      );
      failedHere = result.matchedCount === 1;
    } finally {
      if (failedHere) await giveBack();
    }
    return failedOutcome(error, documentId);
  }
}

/** What the job and the document say about a file that failed. */
function describeFailure(error: unknown): { code: string; message: string } {
  return error instanceof ParleyError
    ? { code: error.code, message: error.message }
    : { code: 'PARLEY_INTERNAL', message: 'Indexing failed unexpectedly; try again.' };
}

/**
 * The failed outcome of a file: a {@link ParleyError} is the file's own
 * problem and is returned; anything else is rethrown with the failure
 * attached, for the job to log.
 */
function failedOutcome(
  error: unknown,
  documentId: Types.ObjectId,
): Extract<IngestOutcome, { status: 'failed' }> {
  const failure = describeFailure(error);
  if (!(error instanceof ParleyError)) throw Object.assign(error as Error, { documentId, failure });
  return { status: 'failed', documentId, error: failure };
}

async function embedWithProgress(
  embeddings: KnowledgeEmbeddings,
  chunks: Chunk[],
  onProgress: ((progress: number) => Promise<void>) | undefined,
  save: (progress: number) => Promise<void>,
): Promise<number[][]> {
  const vectors: number[][] = [];
  for (let i = 0; i < chunks.length; i += EMBED_BATCH) {
    const batch = chunks.slice(i, i + EMBED_BATCH);
    vectors.push(...(await embeddings.embedDocuments(batch.map(embeddingText))));
    const progress = Math.min(0.99, vectors.length / chunks.length);
    await save(progress);
    await onProgress?.(progress);
    // Let other requests run between batches: the local embedder is CPU-bound.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return vectors;
}

function titleGuess(source: string): string {
  return source.replace(/^.*[\\/]/, '').slice(0, 300) || 'Untitled document';
}
