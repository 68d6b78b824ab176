import { Document as LangChainDocument } from '@langchain/core/documents';
import { MongoDBAtlasVectorSearch } from '@langchain/mongodb';
import { type Connection, type Model, Schema, Types } from 'mongoose';
import { tenantScope } from '../../db/tenant-scope';
import type { Chunk } from './chunking';
import type { ChunkSearch, KnowledgeEmbeddings, StoredChunk } from './types';

/** The one collection holding every tenant's passages and vectors. */
export const CHUNKS_COLLECTION = 'chunks';
/** The Atlas Vector Search index the server creates on {@link CHUNKS_COLLECTION}. */
export const VECTOR_INDEX_NAME = 'parley_chunks_vector';

/**
 * The Atlas Vector Search index definition (documented in docs/knowledge.md
 * for Atlas users). `tenantId` and `embedder` are filter fields so every
 * search is pre-filtered server-side to one tenant and one vector space.
 */
export function vectorIndexDefinition(dimensions: number) {
  return {
    fields: [
      { type: 'vector', path: 'embedding', numDimensions: dimensions, similarity: 'cosine' },
      { type: 'filter', path: 'tenantId' },
      { type: 'filter', path: 'embedder' },
      { type: 'filter', path: 'documentId' },
    ],
  };
}

/** A stored chunk (what `chunks` holds besides the vector). */
export interface ChunkRecord {
  _id: Types.ObjectId;
  tenantId: Types.ObjectId;
  documentId: Types.ObjectId;
  embedder: string;
  index: number;
  text: string;
  title: string;
  heading: string | null;
  headings: string[];
  url: string | null;
  embedding: number[];
}

const chunkSchema = new Schema<ChunkRecord>(
  {
    tenantId: { type: Schema.Types.ObjectId, required: true, index: true },
    documentId: { type: Schema.Types.ObjectId, required: true },
    embedder: { type: String, required: true },
    index: Number,
    text: String,
    title: String,
    heading: { type: String, default: null },
    headings: [String],
    url: { type: String, default: null },
    embedding: [Number],
  },
  { collection: CHUNKS_COLLECTION, versionKey: false },
);
chunkSchema.index({ tenantId: 1, documentId: 1 });

/** The chunk model, for tenant-scoped reads and deletes (writes and search go through LangChain). */
export function chunkModel(connection: Connection): Model<ChunkRecord> {
  return (
    (connection.models.KnowledgeChunk as Model<ChunkRecord> | undefined) ??
    connection.model<ChunkRecord>('KnowledgeChunk', chunkSchema)
  );
}

/**
 * Passages and vectors in MongoDB through `@langchain/mongodb`'s
 * `MongoDBAtlasVectorSearch`: the same code path on Atlas and on the
 * embedded store. Searches always carry the tenant and embedder pre-filter;
 * results are checked against the tenant once more before they leave.
 */
export class ChunkStore implements ChunkSearch {
  private readonly vectors: MongoDBAtlasVectorSearch;
  private readonly model: Model<ChunkRecord>;

  constructor(
    private readonly connection: Connection,
    embeddings: KnowledgeEmbeddings,
  ) {
    this.model = chunkModel(connection);
    this.vectors = new MongoDBAtlasVectorSearch(embeddings, {
      // biome-ignore lint/suspicious/noExplicitAny: mongoose's driver Collection is the same class LangChain expects.
      collection: connection.db!.collection(CHUNKS_COLLECTION) as any,
      indexName: VECTOR_INDEX_NAME,
      textKey: 'text',
      embeddingKey: 'embedding',
    });
  }

  /** Creates the vector index, or updates it when the vector size changed. */
  async ensureSearchIndex(dimensions: number): Promise<void> {
    await this.model.createCollection().catch(() => undefined);
    await this.model.syncIndexes();
    const collection = this.connection.db!.collection(CHUNKS_COLLECTION);
    const definition = vectorIndexDefinition(dimensions);
    const [existing] = await collection.listSearchIndexes(VECTOR_INDEX_NAME).toArray();
    if (!existing) {
      await collection.createSearchIndex({
        name: VECTOR_INDEX_NAME,
        type: 'vectorSearch',
        definition,
      });
      return;
    }
    const listed = existing as { latestDefinition?: unknown; definition?: unknown };
    const current = (listed.latestDefinition ?? listed.definition) as
      | ReturnType<typeof vectorIndexDefinition>
      | undefined;
    const vector = current?.fields?.find((f) => f.type === 'vector');
    const filters = new Set(current?.fields?.filter((f) => f.type === 'filter').map((f) => f.path));
    if (
      vector?.numDimensions !== dimensions ||
      definition.fields.some((f) => f.type === 'filter' && !filters.has(f.path))
    ) {
      await collection.updateSearchIndex(VECTOR_INDEX_NAME, definition);
    }
  }

  /** Stores one document's chunks with their vectors. */
  async add(
    tenantId: Types.ObjectId,
    documentId: Types.ObjectId,
    embedder: string,
    chunks: Chunk[],
    vectors: number[][],
  ): Promise<void> {
    if (chunks.length === 0) return;
    const documents = chunks.map(
      (chunk) =>
        new LangChainDocument({
          pageContent: chunk.text,
          metadata: {
            tenantId,
            documentId,
            embedder,
            index: chunk.index,
            title: chunk.title,
            heading: chunk.heading ?? null,
            headings: chunk.headings,
            url: chunk.url ?? null,
          },
        }),
    );
    await this.vectors.addVectors(vectors, documents);
  }

  /** One document's chunks (text and context only), in order. */
  async chunksOf(tenantId: Types.ObjectId, documentId: Types.ObjectId) {
    return tenantScope(this.model, tenantId)
      .find({ documentId }, { text: 1, title: 1, headings: 1, heading: 1, url: 1, index: 1 })
      .sort({ index: 1 })
      .lean();
  }

  /** Deletes the listed (previous) chunks of a document once its new ones are in. */
  async removeOlder(
    tenantId: Types.ObjectId,
    documentId: Types.ObjectId,
    ids: Types.ObjectId[],
  ): Promise<void> {
    if (ids.length === 0) return;
    await tenantScope(this.model, tenantId).deleteMany({ documentId, _id: { $in: ids } });
  }

  /** Deletes one document's chunks and vectors. */
  async removeDocument(tenantId: Types.ObjectId, documentId: Types.ObjectId): Promise<number> {
    const { deletedCount } = await tenantScope(this.model, tenantId).deleteMany({ documentId });
    return deletedCount ?? 0;
  }

  /** How many chunks of a tenant carry vectors of the given embedder. */
  async count(tenantId: Types.ObjectId, embedder?: string): Promise<number> {
    return tenantScope(this.model, tenantId).countDocuments(embedder ? { embedder } : {});
  }

  async search(query: {
    tenantId: string;
    vector: number[];
    k: number;
    embedder: string;
  }): Promise<StoredChunk[]> {
    const tenantId = new Types.ObjectId(query.tenantId);
    const results = await this.vectors.similaritySearchVectorWithScore(query.vector, query.k, {
      preFilter: { tenantId: { $eq: tenantId }, embedder: { $eq: query.embedder } },
    });
    const out: StoredChunk[] = [];
    for (const [document, score] of results) {
      const m = document.metadata as Record<string, unknown>;
      // Defence in depth: the pre-filter already guarantees this.
      if (String(m.tenantId) !== query.tenantId) continue;
      out.push({
        id: String(m._id),
        documentId: String(m.documentId),
        text: document.pageContent,
        title: String(m.title ?? ''),
        ...(m.heading ? { heading: String(m.heading) } : {}),
        headings: Array.isArray(m.headings) ? m.headings.map(String) : [],
        ...(m.url ? { url: String(m.url) } : {}),
        // Atlas reports cosine as (1 + cos) / 2; the re-rank blends raw cosine.
        score: 2 * score - 1,
      });
    }
    return out;
  }
}
