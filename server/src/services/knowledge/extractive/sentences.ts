import { type AnswerType, answerTypesAsked, answerTypesIn, topicOf } from '../text/answer-types';
import { expandQuery } from '../text/expansion';
import { LruCache } from '../text/lru';
import { splitSentences } from '../text/sentences';
import { contentStems, tokenize } from '../text/tokens';
import { isSteering, neutralize } from './hygiene';

/** A sentence of a source passage, scored against a question. */
export interface ScoredSentence {
  text: string;
  /** Index of the source in the list given to {@link scoreSentences}. */
  source: number;
  /** Position within its source, to restore reading order. */
  position: number;
  score: number;
  /** The list the sentence belongs to (per source), if it is a list item. */
  list?: number;
  /** Share of the question's weight (IDF-weighted) the sentence matches, 0…1. */
  coverage: number;
  /** True when the sentence itself (not only its section heading) holds a word of the question. */
  matchesQuestion: boolean;
}

// Sentence splitting, hygiene and stemming of a passage, cached: sources recur across questions.
const analyses = new LruCache<
  string,
  (PassageUnit & { position: number; stems: Set<string>; types: Set<AnswerType> })[]
>(5_000);

function analysed(text: string) {
  return analyses.get(text, () =>
    passageSentences(text)
      .map((unit, position) => ({ ...unit, position }))
      .filter((unit) => !isSteering(unit.text))
      .map((unit) => ({
        ...unit,
        stems: contentStems(unit.text),
        types: answerTypesIn(unit.text),
      })),
  );
}

/** A passage to pick sentences from. */
export interface SentenceSource {
  text: string;
  heading?: string;
}

/** A quotable unit of a passage: a sentence, list item or table row. */
export interface PassageUnit {
  text: string;
  /** Units of one list share a group number; prose units have none. */
  list?: number;
}

/** Splits a passage into quotable units: list items and table rows whole, prose by sentence. */
export function passageSentences(text: string): PassageUnit[] {
  const units: PassageUnit[] = [];
  let list: number | undefined;
  let lists = 0;
  for (const line of text.split('\n')) {
    const item = /^\s*([-*•]|\d+[.)])\s+/.test(line);
    if (!line.trim()) {
      list = undefined;
      continue;
    }
    if (item && list === undefined) list = lists++;
    if (!item) list = undefined;
    const clean = neutralize(line.replace(/^\s*([-*•]|\d+[.)])\s+/, ''));
    if (!clean) continue;
    for (const sentence of item ? [clean] : splitSentences(clean)) {
      if (/[\p{L}\p{N}]/u.test(sentence))
        units.push(list === undefined ? { text: sentence } : { text: sentence, list });
    }
  }
  return units;
}

/**
 * Scores every sentence of the sources against a question: IDF-weighted
 * overlap of content stems (IDF over these sentences, so words every
 * sentence shares count little), partial credit for WordNet-related words
 * and for the section heading, a bonus when the sentence holds the kind of fact asked for
 * "how much" or "when", and a mild preference for higher-ranked sources.
 * Sentences that address an assistant are skipped.
 */
export function scoreSentences(question: string, sources: SentenceSource[]): ScoredSentence[] {
  const queryStems = contentStems(topicOf(question));
  const related = expandQuery(topicOf(question));
  const units = sources.flatMap((source, s) => {
    const heading = contentStems(source.heading ?? '');
    return analysed(source.text).map((unit) => ({ ...unit, source: s, heading }));
  });
  const df = new Map<string, number>();
  for (const unit of units) for (const stem of unit.stems) df.set(stem, (df.get(stem) ?? 0) + 1);
  // Small numbers in a question are usually parameters ("after 4 years"), not the topic.
  const idf = (stem: string) =>
    Math.log(1 + (units.length + 1) / ((df.get(stem) ?? 0) + 0.5)) *
    (/^\d{1,2}$/.test(stem) ? 0.3 : 1);
  const total = [...queryStems].reduce((sum, stem) => sum + idf(stem), 0) || 1;
  const asked = answerTypesAsked(question);
  return units.map((unit) => {
    let matched = 0;
    let matchesQuestion = false;
    for (const stem of queryStems) {
      if (unit.stems.has(stem)) {
        matched += idf(stem);
        matchesQuestion = true;
      } else if (unit.heading.has(stem)) matched += 0.5 * idf(stem);
    }
    let relatedScore = 0;
    for (const [stem, weight] of related)
      if (unit.stems.has(stem)) relatedScore += weight * idf(stem);
    const coverage = matched / total;
    // A sentence holding the kind of fact asked for (an amount, a phone number…) likely answers.
    const typeBonus = [...unit.types].some((type) => asked.has(type)) ? 0.2 : 0;
    const words = tokenize(unit.text).length;
    // Very short fragments ("Two options are offered.") rarely answer anything.
    const lengthFactor = words < 4 ? 0.6 : 1;
    const sourcePrior = 1 / (1 + 0.15 * unit.source);
    const score = (coverage + relatedScore / total + typeBonus) * lengthFactor * sourcePrior;
    return {
      text: unit.text,
      source: unit.source,
      position: unit.position,
      ...(unit.list === undefined ? {} : { list: unit.list }),
      score,
      coverage,
      matchesQuestion,
    };
  });
}

/** The sentence of one passage that best answers a question, for a short snippet. */
export function bestSentence(question: string, source: SentenceSource): string | undefined {
  const scored = scoreSentences(question, [source]);
  let best: ScoredSentence | undefined;
  for (const s of scored) if (!best || s.score > best.score) best = s;
  return best?.text;
}
