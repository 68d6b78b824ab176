import type { ChunkSearch, StoredChunk } from './types';

/** A chunk with its vector, as the in-memory index holds it. */
export interface IndexedChunk extends Omit<StoredChunk, 'score'> {
  tenantId: string;
  embedder: string;
  embedding: number[];
}

/**
 * Exact cosine search in memory, with the same contract as the MongoDB
 * store (tenant and embedder filters applied before scoring). For the
 * retrieval benchmark and for tests that are about ranking, not storage.
 */
export class MemoryChunkIndex implements ChunkSearch {
  private readonly chunks: IndexedChunk[] = [];

  /** Adds chunks; their vectors must be L2-normalised. */
  add(chunks: IndexedChunk[]): void {
    this.chunks.push(...chunks);
  }

  /** How many chunks the index holds. */
  get size(): number {
    return this.chunks.length;
  }

  async search(query: {
    tenantId: string;
    vector: number[];
    k: number;
    embedder: string;
  }): Promise<StoredChunk[]> {
    const scored: StoredChunk[] = [];
    for (const chunk of this.chunks) {
      if (chunk.tenantId !== query.tenantId || chunk.embedder !== query.embedder) continue;
      let dot = 0;
      for (let i = 0; i < query.vector.length; i++) dot += query.vector[i]! * chunk.embedding[i]!;
      const { embedding: _e, tenantId: _t, embedder: _m, ...rest } = chunk;
      scored.push({ ...rest, score: dot });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, query.k);
  }
}
