import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { topicOf } from '../text/answer-types';
import { DEFAULT_EXPANSION, type ExpansionWeights, expandQuery } from '../text/expansion';
import {
  addRelatedStems,
  DEFAULT_FEATURE_WEIGHTS,
  extractFeatures,
  type FeatureWeights,
  hash32,
  hashFeatures,
} from './features';

/** Options of {@link LocalHashEmbeddings}; the defaults are the tuned ones. */
export interface LocalHashEmbeddingsOptions extends EmbeddingsParams {
  dimensions?: number;
  /** Share of the dimensions given to word and bigram features (the rest hold character n-grams). */
  wordShare?: number;
  weights?: FeatureWeights;
  /** WordNet expansion of queries; `null` turns it off. */
  expansion?: ExpansionWeights | null;
}

/**
 * The built-in embedder: feature hashing of normalised word stems, bigrams
 * and character n-grams (see `features.ts`), with WordNet expansion of
 * queries. Needs no download and no network, runs in microseconds, and is
 * deterministic, so vectors stay valid across restarts and machines.
 * Its {@link name} changes whenever the features change, which makes every
 * tenant's index re-embed instead of mixing incompatible vectors.
 */
export class LocalHashEmbeddings extends Embeddings {
  /** Identifies the vector space; stored with every tenant index. */
  readonly name: string;
  readonly dimensions: number;
  private readonly wordDimensions: number;
  private readonly weights: FeatureWeights;
  private readonly expansion: ExpansionWeights | null;

  constructor(options: LocalHashEmbeddingsOptions = {}) {
    super(options);
    this.dimensions = options.dimensions ?? 1024;
    this.wordDimensions = Math.round(this.dimensions * (options.wordShare ?? 0.75));
    this.weights = options.weights ?? DEFAULT_FEATURE_WEIGHTS;
    this.expansion = options.expansion === undefined ? DEFAULT_EXPANSION : options.expansion;
    const tuned =
      options.wordShare !== undefined || options.weights !== undefined
        ? `-${hash32(JSON.stringify([this.wordDimensions, this.weights])).toString(36)}`
        : '';
    this.name = `local-hash-v1-${this.dimensions}${tuned}`;
  }

  /** The vector length, known up front. */
  async resolveDimensions(): Promise<number> {
    return this.dimensions;
  }

  /** Embeds passages as written (no expansion: documents say what they say). */
  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embedSync(text, false));
  }

  /** Embeds a question, expanded with related words so paraphrases still match. */
  async embedQuery(text: string): Promise<number[]> {
    return this.embedSync(text, true);
  }

  /** The synchronous core, for callers that embed many texts in a loop. */
  embedSync(text: string, query: boolean): number[] {
    const topic = query ? topicOf(text) : text;
    const features = extractFeatures(topic, this.weights);
    if (query && this.expansion) addRelatedStems(features, expandQuery(topic, this.expansion));
    return hashFeatures(features, this.dimensions, this.wordDimensions);
  }
}
