import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { RetrievedSource } from '../llm/types';

/** An embedder the knowledge base can index with: a LangChain `Embeddings` plus its identity. */
export interface KnowledgeEmbeddings extends EmbeddingsInterface {
  /** Identifies the vector space (provider, model, version); stored with each tenant's index. */
  readonly name: string;
  /** Length of every vector it returns (a remote model may be asked once to find out). */
  resolveDimensions(): Promise<number>;
}

/** A stored chunk as the vector search returns it. */
export interface StoredChunk {
  id: string;
  documentId: string;
  text: string;
  title: string;
  heading?: string;
  headings: string[];
  url?: string;
  /** Similarity to the query vector (cosine, higher is better). */
  score: number;
}

/** Nearest-neighbour search over one tenant's chunks; the tenant filter is not optional. */
export interface ChunkSearch {
  search(query: {
    tenantId: string;
    vector: number[];
    k: number;
    embedder: string;
  }): Promise<StoredChunk[]>;
}

/** The retrieval seam the chat pipeline calls (docs/CONTRACTS.md). */
export interface Retriever {
  retrieve(query: { tenantId: string; query: string; k: number }): Promise<RetrievedSource[]>;
}
