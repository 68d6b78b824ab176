import { stemmer } from 'stemmer';

/**
 * Word-level text normalisation shared by the local embedder, the lexical
 * re-rank and the extractive responder, so that all three agree on what a
 * "word" is.
 */

/** One word of a text: its normalised surface form and its stem. */
export interface Token {
  /** Lower-cased, accent-free form, e.g. `orthodontia`. */
  word: string;
  /** Porter stem of {@link word}, e.g. `orthodont`. */
  stem: string;
  /** True for function words ("the", "how", "my") that carry no topic. */
  stop: boolean;
}

// A short list on purpose: only words that never name a topic. Domain words
// ("plan", "cost", "pay") stay, the learned weights decide how much they count.
const STOPWORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have ' +
    'having he her here hers him his how i if in into is it its itself just me more most my ' +
    'myself no nor not of off on once only or other our ours out over own same she should so ' +
    'some such than that the their theirs them then there these they this those through to too ' +
    'under until up very was we were what when where which while who whom why will with would ' +
    'you your yours yourself s t get got go much many also any all each about'
  ).split(' '),
);

/** True when a normalised word is a function word. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/**
 * Lower-cases, folds accents and typographic variants, and unifies the ways
 * one term is written ("401(k)", "401k", "401 k" all become `401 k`).
 */
export function normalizeText(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[\u2018\u2019\u02bc`]/g, "'")
      // Possessives and contractions: "master's" → "master", "don't" → "dont".
      .replace(/(\p{L})'s\b/gu, '$1')
      .replace(/(\p{L})'(\p{L})/gu, '$1$2')
      // Letters and digits glued together are two terms: "401k", "24/7", "h1b".
      .replace(/(\p{L})(?=\p{N})|(\p{N})(?=\p{L})/gu, '$1$2 ')
  );
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Splits a text into normalised, stemmed words. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const [word] of normalizeText(text).matchAll(WORD)) {
    tokens.push({ word, stem: stemOf(word), stop: STOPWORDS.has(word) });
  }
  return tokens;
}

// Irregular plurals the Porter stemmer leaves alone ("children" would not match "child").
const IRREGULAR: Record<string, string> = {
  children: 'child',
  people: 'person',
  men: 'man',
  women: 'woman',
  teeth: 'tooth',
  feet: 'foot',
  mice: 'mouse',
  geese: 'goose',
  lives: 'life',
  wives: 'wife',
  knives: 'knife',
  leaves: 'leaf',
  halves: 'half',
  selves: 'self',
  analyses: 'analysis',
  criteria: 'criterion',
  indices: 'index',
  spouses: 'spouse',
  dependents: 'dependent',
};

/** The singular of an irregular plural ("children" → "child"), else the word itself. */
export function singular(word: string): string {
  return IRREGULAR[word] ?? word;
}

const stemCache = new Map<string, string>();

/** The Porter stem of a normalised word, memoised (the same words recur constantly). */
export function stemOf(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = /^\p{N}+$/u.test(word) ? word : stemmer(singular(word));
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

/** The distinct content stems of a text (stopwords removed), e.g. for overlap scoring. */
export function contentStems(text: string): Set<string> {
  const stems = new Set<string>();
  for (const token of tokenize(text)) if (!token.stop) stems.add(token.stem);
  return stems;
}
