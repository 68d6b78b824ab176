import { type Connection, type Model, Schema, type Types } from 'mongoose';

/**
 * A tenant's knowledge index: which embedder (and vector size) its chunks
 * were embedded with, and its term statistics for the lexical re-rank.
 * When the server's embedder differs from `embedder`, the tenant is
 * re-indexed instead of mixing vectors from two models.
 */
export interface KnowledgeIndex {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  embedder: string;
  dimensions: number;
  status: 'ready' | 'reindexing';
  /** Chunks counted in the statistics and their total length in words. */
  chunks: number;
  totalLength: number;
  /** Count-min sketch of term document frequencies (`TermStatistics`). */
  termCounts: Buffer | null;
  /** Bumped on every change, for optimistic concurrency and caches. */
  version: number;
  updatedAt: Date;
}

/** The `knowledgeIndexes` collection's schema. */
export const knowledgeIndexSchema = new Schema<KnowledgeIndex>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, unique: true },
    embedder: { type: String, required: true },
    dimensions: { type: Number, required: true },
    status: { type: String, required: true, enum: ['ready', 'reindexing'] },
    chunks: { type: Number, default: 0 },
    totalLength: { type: Number, default: 0 },
    termCounts: { type: Buffer, default: null },
    version: { type: Number, default: 0 },
  },
  { collection: 'knowledgeIndexes', timestamps: { createdAt: false, updatedAt: true } },
);

/** The KnowledgeIndex model on a connection. */
export function knowledgeIndexModel(connection: Connection): Model<KnowledgeIndex> {
  return (
    (connection.models.KnowledgeIndex as Model<KnowledgeIndex> | undefined) ??
    connection.model<KnowledgeIndex>('KnowledgeIndex', knowledgeIndexSchema)
  );
}
