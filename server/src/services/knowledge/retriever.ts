import type { RetrievedSource } from '../llm/types';
import { clip } from './extractive/hygiene';
import { bestSentence } from './extractive/sentences';
import { lexicalRerank, type RerankOptions } from './rerank';
import { groupBySection, groupText, type SectionGroup, sectionLabels } from './sections';
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
  /**
   * With the re-rank on, passages covering less of the question than this (see
   * `Reranked.relevance`) are not sources: an off-topic question gets none. Chosen with
   * bench/retrieval (docs/knowledge.md); 0 turns the gate off.
   */
  minRelevance?: number;
}

/** Default {@link KnowledgeRetrieverDeps.minRelevance}. */
export const DEFAULT_MIN_RELEVANCE = 0.14;

const MIN_CANDIDATES = 40;
const SNIPPET_CHARS = 240;

/**
 * Retrieval for the chat pipeline: embeds the question, runs the tenant-
 * filtered vector search, re-ranks the candidates lexically (BM25 with the
 * tenant's statistics, blended with the vector score), drops passages that
 * cover too little of the question, and returns the top k document sections
 * as sources, each labelled "Title › Section" with a snippet (the section's
 * best sentence for the question).
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
    if (rerank !== false && chunks.length > 0) {
      const statistics = await this.deps.statistics?.(tenantId);
      const minRelevance = this.deps.minRelevance ?? DEFAULT_MIN_RELEVANCE;
      // Without a relevant passage there is nothing to cite: listing the nearest unrelated
      // passages would present them as the basis of an answer that does not exist.
      chunks = lexicalRerank(question, chunks, statistics, rerank ?? {}).filter(
        (chunk) => chunk.relevance >= minRelevance,
      );
    }
    const groups = groupBySection(chunks, k);
    const labels = sectionLabels(groups);
    return groups.map((group, i) => toSource(group, labels[i]!, question));
  }
}

function toSource(group: SectionGroup, label: string, question: string): RetrievedSource {
  const { best } = group;
  const text = groupText(group);
  const snippet = bestSentence(question, { text, heading: best.heading }) ?? text;
  return {
    id: best.id,
    documentId: best.documentId,
    // The title is what the widget shows for a citation, so it carries the section too.
    title: label,
    ...(best.url ? { url: best.url } : {}),
    ...(best.heading ? { heading: best.heading } : {}),
    text,
    snippet: clip(snippet, SNIPPET_CHARS),
    score: best.score,
  };
}
