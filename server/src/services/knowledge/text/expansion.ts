import { isStopword, stemOf, tokenize } from './tokens';
import { PARTS_OF_SPEECH, type Synset, WordNet } from './wordnet';

/**
 * Query expansion through WordNet: each content word of a question brings
 * in, at a fraction of its weight, the synonyms, hypernyms, derived forms
 * and definition words of its most frequent senses. This is how "braces for
 * my kid" reaches "orthodontic … children" without any trained model.
 * Only questions are expanded; documents are indexed as written.
 */
export interface ExpansionWeights {
  /** Senses considered per part of speech, most frequent first. */
  senses: number;
  synonym: number;
  hypernym: number;
  derived: number;
  gloss: number;
}

/** Chosen with bench/retrieval (docs/knowledge.md): a small, consistent gain on both question sets. */
export const DEFAULT_EXPANSION: ExpansionWeights = {
  senses: 2,
  synonym: 0.35,
  hypernym: 0.21,
  derived: 0.21,
  gloss: 0.1,
};

type Relation = 'synonym' | 'hypernym' | 'derived' | 'gloss';
type Relations = Map<string, { relation: Relation; rank: number }[]>;

let shared: WordNet | undefined;
// Unweighted relations per word, so the weights can be tuned without new lookups.
const cache = new Map<string, Relations>();

/** Related stems of one normalised word with their weights (never the word's own stem). */
export function relatedStems(
  word: string,
  weights: ExpansionWeights = DEFAULT_EXPANSION,
): Map<string, number> {
  const key = `${word}\u0000${weights.senses}`;
  let relations = cache.get(key);
  if (!relations) {
    relations = new Map();
    if (word.length >= 3 && !/^\p{N}+$/u.test(word)) {
      shared ??= WordNet.open();
      collect(shared, word, weights.senses, relations);
    }
    if (cache.size > 20_000) cache.clear();
    cache.set(key, relations);
  }
  const out = new Map<string, number>();
  for (const [stem, list] of relations) {
    let best = 0;
    for (const { relation, rank } of list) best = Math.max(best, weights[relation] / (1 + rank));
    if (best > 0) out.set(stem, best);
  }
  return out;
}

function collect(wordnet: WordNet, word: string, senses: number, into: Relations): void {
  const own = stemOf(word);
  const add = (text: string, relation: Relation, rank: number) => {
    for (const token of tokenize(text.replace(/_/g, ' '))) {
      if (token.stop || token.stem === own || token.word.length < 3) continue;
      const list = into.get(token.stem) ?? [];
      list.push({ relation, rank });
      into.set(token.stem, list);
    }
  };
  for (const pos of PARTS_OF_SPEECH) {
    wordnet.senses(word, pos, senses).forEach((synset: Synset, rank) => {
      for (const w of synset.words) add(w, 'synonym', rank);
      add(synset.gloss, 'gloss', rank);
      for (const pointer of synset.pointers) {
        const relation = pointer.symbol.startsWith('@')
          ? 'hypernym'
          : pointer.symbol === '+'
            ? 'derived'
            : undefined;
        if (!relation) continue;
        const target = wordnet.synset(pointer.pos, pointer.offset);
        for (const w of target?.words ?? []) add(w, relation, rank);
      }
    });
  }
}

/**
 * The expansion of a whole question: related stems and their weights,
 * excluding stems the question already contains.
 */
export function expandQuery(
  text: string,
  weights: ExpansionWeights = DEFAULT_EXPANSION,
): Map<string, number> {
  const tokens = tokenize(text).filter((t) => !t.stop);
  const present = new Set(tokens.map((t) => t.stem));
  const out = new Map<string, number>();
  for (const token of tokens) {
    for (const [stem, weight] of relatedStems(token.word, weights)) {
      if (present.has(stem) || isStopword(stem)) continue;
      out.set(stem, Math.max(out.get(stem) ?? 0, weight));
    }
  }
  return out;
}
