import { extractFeatures, hash32 } from './embedders/features';
import { answerTypesIn } from './text/answer-types';

const BUCKETS = 1 << 17;
const SECOND_SEED = 0x9747b28c;
const LEXICAL = { word: 1, bigram: 1, chars: 0, charSizes: [] } as const;

/**
 * The lexical features of a passage that statistics and the re-rank use:
 * word stems, bigrams and the answer types it contains (`t:phone`, …).
 */
export function lexicalFeatures(text: string): { terms: Map<string, number>; length: number } {
  const terms = new Map<string, number>();
  let length = 0;
  for (const [feature, { occurrences }] of extractFeatures(text, LEXICAL)) {
    terms.set(feature, occurrences);
    if (feature.startsWith('w:')) length += occurrences;
  }
  for (const type of answerTypesIn(text)) terms.set(`t:${type}`, 1);
  return { terms, length };
}

/**
 * A tenant's corpus statistics for IDF and length normalisation: how many
 * chunks there are, their total length, and in how many chunks each term
 * occurs. Document frequencies live in a count-min sketch (two hashed
 * tables, the smaller count wins), so the size is fixed (512 KB) whatever
 * the vocabulary, and adding or removing a chunk is a cheap delta.
 */
export class TermStatistics {
  chunks: number;
  totalLength: number;
  private readonly counts: Uint16Array;

  constructor(chunks = 0, totalLength = 0, counts = new Uint16Array(BUCKETS * 2)) {
    this.chunks = chunks;
    this.totalLength = totalLength;
    this.counts = counts;
  }

  /** Restores statistics saved with {@link toJSON}-style fields. */
  static from(saved: { chunks: number; totalLength: number; counts: Uint8Array }): TermStatistics {
    const bytes = new Uint8Array(saved.counts); // copy: the counts must be 2-byte aligned
    if (bytes.byteLength !== BUCKETS * 4) return new TermStatistics();
    return new TermStatistics(saved.chunks, saved.totalLength, new Uint16Array(bytes.buffer));
  }

  /** The counts as bytes, for storage. */
  countsBytes(): Uint8Array {
    return new Uint8Array(this.counts.buffer, this.counts.byteOffset, this.counts.byteLength);
  }

  /** Counts one chunk's terms in (`sign` 1) or out (`sign` -1). */
  update(features: { terms: Map<string, number>; length: number }, sign: 1 | -1): void {
    this.chunks = Math.max(0, this.chunks + sign);
    this.totalLength = Math.max(0, this.totalLength + sign * features.length);
    for (const term of features.terms.keys()) {
      for (const slot of slots(term)) {
        // Saturating: a term in more than 65,535 chunks has an IDF of about zero anyway.
        const next = this.counts[slot]! + sign;
        this.counts[slot] = Math.min(0xffff, Math.max(0, next));
      }
    }
  }

  /** In how many chunks a term occurs (an upper bound, exact unless two terms collide twice). */
  documentFrequency(term: string): number {
    const [a, b] = slots(term);
    return Math.min(this.counts[a]!, this.counts[b]!);
  }

  /** BM25's inverse document frequency, always positive. */
  idf(term: string): number {
    const df = Math.min(this.documentFrequency(term), this.chunks);
    return Math.log(1 + (this.chunks - df + 0.5) / (df + 0.5));
  }

  /** Mean chunk length in words (1 when empty, so normalisation stays defined). */
  averageLength(): number {
    return this.chunks > 0 ? Math.max(1, this.totalLength / this.chunks) : 1;
  }
}

function slots(term: string): [number, number] {
  return [hash32(term) % BUCKETS, BUCKETS + (hash32(term, SECOND_SEED) % BUCKETS)];
}
