import { tokenize } from '../text/tokens';

/**
 * The sparse features the local embedder hashes: word stems (topic),
 * bigrams of neighbouring content words (phrases such as "open enrollment")
 * and character n-grams of each word (spelling variants, compounds, typos).
 */
export interface FeatureWeights {
  /** Weight of one occurrence of a content word's stem. */
  word: number;
  /** Weight of one occurrence of a bigram of adjacent content stems. */
  bigram: number;
  /** Total weight of one word's character n-grams, spread over them. */
  chars: number;
  /** The character n-gram lengths. */
  charSizes: readonly number[];
}

/** The weights the local embedder uses, chosen with bench/retrieval (see docs/knowledge.md). */
export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = {
  word: 1,
  bigram: 0.5,
  chars: 0.6,
  charSizes: [3, 4, 5],
};

/** A text's features: the summed weight of their occurrences and how many there were. */
export type FeatureCounts = Map<string, { weight: number; occurrences: number }>;

/** Extracts the weighted feature counts of a text. */
export function extractFeatures(
  text: string,
  weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS,
): FeatureCounts {
  const features: FeatureCounts = new Map();
  const add = (feature: string, weight: number) => {
    const entry = features.get(feature);
    if (entry) {
      entry.weight += weight;
      entry.occurrences += 1;
    } else features.set(feature, { weight, occurrences: 1 });
  };
  const content = tokenize(text).filter((token) => !token.stop);
  for (let i = 0; i < content.length; i++) {
    const token = content[i]!;
    add(`w:${token.stem}`, weights.word);
    const next = content[i + 1];
    if (next && weights.bigram > 0) add(`b:${token.stem} ${next.stem}`, weights.bigram);
    if (weights.chars > 0 && token.word.length >= 4 && !/^\p{N}+$/u.test(token.word)) {
      const grams = charGrams(token.word, weights.charSizes);
      const each = weights.chars / Math.sqrt(grams.length);
      for (const gram of grams) add(`c:${gram}`, each);
    }
  }
  return features;
}

function charGrams(word: string, sizes: readonly number[]): string[] {
  const padded = `<${word}>`;
  const grams: string[] = [];
  for (const n of sizes) {
    for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
  }
  return grams;
}

/** 32-bit FNV-1a with a murmur3 finaliser, so low and high bits both mix well. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hashes features into a dense, L2-normalised vector. Word and bigram
 * features share the first `wordDimensions` slots and character n-grams
 * the rest, so the many n-grams of a long passage never collide with
 * (and drown) the word features that carry most of the meaning. Hashing is
 * signed: colliding features cancel on average instead of adding up.
 * Repeats count sublinearly (1 + ln n); `scale` multiplies a feature's
 * weight (e.g. by its IDF).
 */
export function hashFeatures(
  features: FeatureCounts,
  dimensions: number,
  wordDimensions: number,
  scale?: (feature: string) => number,
): number[] {
  const vector = new Float64Array(dimensions);
  const charDimensions = dimensions - wordDimensions;
  for (const [feature, { weight: total, occurrences }] of features) {
    const h = hash32(feature);
    const sign = h & 0x80000000 ? -1 : 1;
    const weight =
      (total / occurrences) * (1 + Math.log(occurrences)) * (scale ? scale(feature) : 1);
    const slot =
      feature.startsWith('c:') && charDimensions > 0
        ? wordDimensions + (h % charDimensions)
        : h % wordDimensions;
    vector[slot] = vector[slot]! + sign * weight;
  }
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm);
  return Array.from(vector, (v) => (norm > 0 ? v / norm : 0));
}

/** Adds related stems (query expansion) as extra word features of the given weights. */
export function addRelatedStems(features: FeatureCounts, related: Map<string, number>): void {
  for (const [stem, weight] of related) {
    const key = `w:${stem}`;
    if (!features.has(key)) features.set(key, { weight, occurrences: 1 });
  }
}
