import type { Connection, Model, Types } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import { type KnowledgeIndex, knowledgeIndexModel } from '../../models/knowledge-index';
import { lexicalFeatures, TermStatistics } from './term-stats';

/**
 * A tenant's index record: the embedder its vectors belong to and its
 * term statistics. Statistics change by deltas (chunks in, chunks out)
 * applied with optimistic concurrency, so two ingestions never lose each
 * other's counts; readers cache them per version.
 */
export class IndexState {
  private readonly model: Model<KnowledgeIndex>;
  private readonly cache = new Map<string, { version: number; statistics: TermStatistics }>();

  constructor(connection: Connection) {
    this.model = knowledgeIndexModel(connection);
  }

  /** The tenant's record, created for the given embedder when missing. */
  async ensure(
    tenantId: Types.ObjectId,
    embedder: string,
    dimensions: number,
  ): Promise<KnowledgeIndex> {
    const scope = tenantScope(this.model, tenantId);
    const existing = await scope.findOne({}).lean();
    if (existing) return existing as KnowledgeIndex;
    try {
      return (
        await scope.create({ embedder, dimensions, status: 'ready', version: 0 })
      ).toObject() as KnowledgeIndex;
    } catch {
      // Another request created it first (unique tenantId).
      return (await scope.findOne({}).lean()) as KnowledgeIndex;
    }
  }

  /** Every tenant whose index was built with another embedder than `embedder`. */
  async staleTenants(embedder: string): Promise<Types.ObjectId[]> {
    // Cross-tenant by design: an operator-level scan for re-indexing, reading only tenant ids.
    const stale = await this.model.find({ embedder: { $ne: embedder } }, { tenantId: 1 }).lean();
    return stale.map((s) => s.tenantId);
  }

  /** Marks the tenant as being re-indexed into `embedder`, resetting its statistics. */
  async startReindex(
    tenantId: Types.ObjectId,
    embedder: string,
    dimensions: number,
  ): Promise<void> {
    await tenantScope(this.model, tenantId).updateOne(
      {},
      {
        $set: {
          embedder,
          dimensions,
          status: 'reindexing',
          chunks: 0,
          totalLength: 0,
          termCounts: null,
        },
        $inc: { version: 1 },
      },
    );
  }

  /** Marks a re-index finished. */
  async finishReindex(tenantId: Types.ObjectId): Promise<void> {
    await tenantScope(this.model, tenantId).updateOne(
      {},
      { $set: { status: 'ready' }, $inc: { version: 1 } },
    );
  }

  /** Counts chunk texts in (`added`) and out (`removed`) of the tenant's statistics. */
  async applyDelta(tenantId: Types.ObjectId, added: string[], removed: string[]): Promise<void> {
    if (added.length === 0 && removed.length === 0) return;
    const scope = tenantScope(this.model, tenantId);
    for (let attempt = 0; attempt < 20; attempt++) {
      const record = await scope.findOne({}).lean();
      if (!record) return;
      const statistics = toStatistics(record);
      for (const text of removed) statistics.update(lexicalFeatures(text), -1);
      for (const text of added) statistics.update(lexicalFeatures(text), 1);
      const result = await scope.updateOne(
        { version: record.version },
        {
          $set: {
            chunks: statistics.chunks,
            totalLength: statistics.totalLength,
            termCounts: Buffer.from(statistics.countsBytes()),
          },
          $inc: { version: 1 },
        },
      );
      if (result.modifiedCount === 1) return;
    }
    throw new Error('knowledge index statistics: too many concurrent updates');
  }

  /** The tenant's statistics, from cache while its version is unchanged. */
  async statistics(tenantId: string): Promise<TermStatistics | undefined> {
    const scope = tenantScope(this.model, tenantId);
    const head = await scope.findOne({}, { version: 1 }).lean();
    if (!head) return undefined;
    const cached = this.cache.get(tenantId);
    if (cached && cached.version === head.version) return cached.statistics;
    const record = await scope.findOne({}).lean();
    if (!record) return undefined;
    const statistics = toStatistics(record);
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(tenantId, { version: record.version, statistics });
    return statistics;
  }

  /** The tenant's record, if any. */
  async get(tenantId: Types.ObjectId): Promise<KnowledgeIndex | null> {
    return (await tenantScope(this.model, tenantId).findOne({}).lean()) as KnowledgeIndex | null;
  }
}

function toStatistics(record: {
  chunks: number;
  totalLength: number;
  termCounts: unknown;
}): TermStatistics {
  if (!record.termCounts) return new TermStatistics();
  // A lean read returns a BSON Binary (bytes in `.buffer`); a hydrated one a Buffer.
  const bytes = record.termCounts as { buffer?: Uint8Array } | Uint8Array;
  const raw = bytes instanceof Uint8Array ? bytes : (bytes.buffer ?? new Uint8Array());
  return TermStatistics.from({
    chunks: record.chunks,
    totalLength: record.totalLength,
    counts: raw,
  });
}
