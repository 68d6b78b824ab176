import { embeddingText } from './chunking';
import { lexicalFeatures, TermStatistics } from './term-stats';
import { answerTypesAsked, topicOf } from './text/answer-types';
import { DEFAULT_EXPANSION, type ExpansionWeights, expandQuery } from './text/expansion';
import { LruCache } from './text/lru';

/** A candidate passage from the vector search, before re-ranking. */
export interface RerankCandidate {
  text: string;
  title: string;
  headings: string[];
  /** The vector search score (cosine, higher is better). */
  score: number;
}

/** Tuning of {@link lexicalRerank}; defaults chosen with bench/retrieval. */
export interface RerankOptions {
  /** BM25 term-frequency saturation. */
  k1?: number;
  /** BM25 length normalisation. */
  b?: number;
  /** Weight of the lexical score against the vector score (0…1). */
  lexicalWeight?: number;
  /** Query expansion; `null` for the literal question only. */
  expansion?: ExpansionWeights | null;
}

const BIGRAM_WEIGHT = 0.5;
// Hot passages are re-ranked again and again; their features never change.
const passageFeatures = new LruCache<string, ReturnType<typeof lexicalFeatures>>(20_000);
const ANSWER_TYPE_WEIGHT = 0.5;

/** A re-ranked candidate: its blended `score` and how much of the question it covers. */
export type Reranked<T> = T & {
  /**
   * Share of the question's IDF-weighted content words the passage (title, headings, text)
   * contains, WordNet relatives counting at their expansion weight; 0…1. The retriever's
   * relevance gate: unlike `score`, it does not depend on how the vector space is tuned.
   */
  relevance: number;
};

/**
 * Re-scores vector-search candidates with BM25 over the tenant's own term
 * statistics (exact terms, no hashing noise, IDF that knows which words are
 * rare in this knowledge base) and blends it with the vector score. Returns
 * the candidates with their new `score` and their `relevance`, best first.
 * Without statistics the candidates themselves serve as the corpus.
 */
export function lexicalRerank<T extends RerankCandidate>(
  query: string,
  candidates: T[],
  statistics: TermStatistics | undefined,
  options: RerankOptions = {},
): Reranked<T>[] {
  if (candidates.length === 0) return [];
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const lexicalWeight = options.lexicalWeight ?? 0.6;
  const passages = candidates.map((c) => {
    const text = embeddingText(c);
    return passageFeatures.get(text, () => lexicalFeatures(text));
  });
  let stats = statistics;
  if (!stats || stats.chunks === 0) {
    stats = new TermStatistics();
    for (const passage of passages) stats.update(passage, 1);
  }
  const queryTerms = new Map<string, number>();
  const topic = topicOf(query);
  for (const term of lexicalFeatures(topic).terms.keys()) {
    if (term.startsWith('w:') || term.startsWith('b:')) {
      queryTerms.set(term, term.startsWith('b:') ? BIGRAM_WEIGHT : 1);
    }
  }
  const literal = [...queryTerms.keys()];
  for (const type of answerTypesAsked(query)) queryTerms.set(`t:${type}`, ANSWER_TYPE_WEIGHT);
  const expansion = options.expansion === undefined ? DEFAULT_EXPANSION : options.expansion;
  if (expansion) {
    for (const [stem, weight] of expandQuery(topic, expansion)) {
      if (!queryTerms.has(`w:${stem}`)) queryTerms.set(`w:${stem}`, weight);
    }
  }
  const idf = new Map([...queryTerms.keys()].map((term) => [term, stats.idf(term)]));
  const average = stats.averageLength();
  // The words of the question itself (not bigrams, not answer types) weigh its coverage.
  const words = literal.filter((term) => term.startsWith('w:'));
  const wordWeight = words.reduce((sum, term) => sum + idf.get(term)!, 0);
  const relevance = passages.map(({ terms }) => {
    if (wordWeight === 0) return 0;
    let matched = 0;
    for (const [term, weight] of queryTerms)
      if (term.startsWith('w:') && terms.has(term)) matched += weight * idf.get(term)!;
    return Math.min(1, matched / wordWeight);
  });
  const lexical = passages.map(({ terms, length }) => {
    let score = 0;
    for (const [term, weight] of queryTerms) {
      const tf = terms.get(term);
      if (!tf) continue;
      score +=
        (weight * idf.get(term)! * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / average));
    }
    return score;
  });
  // Normalise by the score of a passage holding every question term (an upper bound), so the
  // blended score is absolute: an off-topic question gets low scores, not a rescaled winner.
  // Only the question's own terms count towards the ceiling: expansions can add to a score but
  // a passage need not contain every synonym to be a perfect match.
  let ceiling = 0;
  for (const term of literal) ceiling += queryTerms.get(term)! * idf.get(term)! * (k1 + 1);
  const blended = candidates.map((candidate, i) => ({
    ...candidate,
    relevance: relevance[i]!,
    score:
      lexicalWeight * (ceiling > 0 ? Math.min(1, lexical[i]! / ceiling) : 0) +
      (1 - lexicalWeight) * candidate.score,
  }));
  return blended.sort((x, y) => y.score - x.score);
}
