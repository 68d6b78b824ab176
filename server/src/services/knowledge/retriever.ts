import type { RetrievedSource } from '../llm/types';
import { clip } from './extractive/hygiene';
import { bestSentence } from './extractive/sentences';
import { lexicalRerank, type RerankOptions } from './rerank';
import type { TermStatistics } from './term-stats';
import type { ChunkSearch, KnowledgeEmbeddings, Retriever, StoredChunk } from './types';

/** What {@link KnowledgeRetriever} needs. */
export interface KnowledgeRetrieverDeps {
  embeddings: KnowledgeEmbeddings;
  search: ChunkSearch;
  /** The tenant's term statistics for the lexical re-rank; absent → statistics of the candidates. */
  statistics?: (tenantId: string) => Promise<TermStatistics | undefined>;
  /** Re-rank vector candidates lexically (on for the local embedder, where it measurably helps). */
  rerank?: RerankOptions | false;
  /** Candidates fetched per requested source before re-ranking. */
  candidatesPerResult?: number;
}

const MIN_CANDIDATES = 40;
const SNIPPET_CHARS = 240;

/**
 * Retrieval for the chat pipeline: embeds the question, runs the tenant-
 * filtered vector search, re-ranks the candidates lexically (BM25 with the
 * tenant's statistics, blended with the vector score) and returns the top k
 * as sources with a snippet (the passage's best sentence for the question).
 */
export class KnowledgeRetriever implements Retriever {
  constructor(private readonly deps: KnowledgeRetrieverDeps) {}

  async retrieve({
    tenantId,
    query,
    k,
  }: {
    tenantId: string;
    query: string;
    k: number;
  }): Promise<RetrievedSource[]> {
    const question = query.trim();
    if (!question || k <= 0) return [];
    const { embeddings, search, rerank } = this.deps;
    const vector = await embeddings.embedQuery(question);
    const fetch =
      rerank === false ? k : Math.max(MIN_CANDIDATES, k * (this.deps.candidatesPerResult ?? 8));
    let chunks: StoredChunk[] = await search.search({
      tenantId,
      vector,
      k: fetch,
      embedder: embeddings.name,
    });
    if (rerank !== false && chunks.length > 1) {
      const statistics = await this.deps.statistics?.(tenantId);
      chunks = lexicalRerank(question, chunks, statistics, rerank ?? {});
    }
    return chunks.slice(0, k).map((chunk) => toSource(chunk, question));
  }
}

function toSource(chunk: StoredChunk, question: string): RetrievedSource {
  const snippet = bestSentence(question, chunk) ?? chunk.text;
  return {
    id: chunk.id,
    documentId: chunk.documentId,
    title: chunk.title,
    ...(chunk.url ? { url: chunk.url } : {}),
    ...(chunk.heading ? { heading: chunk.heading } : {}),
    text: chunk.text,
    snippet: clip(snippet, SNIPPET_CHARS),
    score: chunk.score,
  };
}
