import type { AnswerChunk, AnswerRequest, Responder } from '../../llm/types';
import { clip } from './hygiene';
import { EXTRACTIVE_MESSAGES, extractiveMessages } from './messages';
import { type ScoredSentence, scoreSentences } from './sentences';

/** Wording and limits of the extractive answer. */
export interface ExtractiveOptions {
  /** Most sentences quoted. */
  maxSentences?: number;
  /** Most characters of quoted text in total. */
  maxChars?: number;
  /** Below this share of the question matched, the documents "do not contain the answer". */
  minCoverage?: number;
}

/** The fixed texts of the extractive answer in English; {@link extractiveMessages} has the others. */
export const EXTRACTIVE_TEXT = EXTRACTIVE_MESSAGES.en;

/**
 * The built-in responder when no language model is configured: it answers
 * by quoting the sentences of the retrieved sources that best match the
 * question, each with its citation marker ([1] is the first source), under
 * a label that says they are quotes. It never generates text of its own
 * beyond that label, so document text cannot steer it; when no sentence
 * matches enough of the question it says so plainly. Its own two sentences
 * follow the request's locale; quotes stay as written.
 */
export class ExtractiveResponder implements Responder {
  readonly name = 'extractive';
  private readonly maxSentences: number;
  private readonly maxChars: number;
  private readonly minCoverage: number;

  constructor(options: ExtractiveOptions = {}) {
    this.maxSentences = options.maxSentences ?? 3;
    this.maxChars = options.maxChars ?? 600;
    this.minCoverage = options.minCoverage ?? 0.2;
  }

  async *stream(request: AnswerRequest): AsyncIterable<AnswerChunk> {
    const answer = this.compose(request);
    let completionTokens = 0;
    for (const delta of pieces(answer)) {
      if (request.signal.aborted) return;
      completionTokens += 1;
      yield { type: 'text', delta };
    }
    yield { type: 'usage', promptTokens: 0, completionTokens };
  }

  /** The whole answer text; `stream` sends it in small pieces. */
  compose(request: Pick<AnswerRequest, 'question' | 'sources' | 'locale'>): string {
    const text = extractiveMessages(request.locale);
    const chosen = this.choose(request);
    if (chosen.length === 0) return text.notFound;
    const lines = chosen.map((s) => {
      const heading = request.sources[s.source]?.heading;
      const context =
        heading && !s.text.toLowerCase().includes(heading.toLowerCase())
          ? `${clip(heading, 60)} — `
          : '';
      return `- ${context}${clip(s.text, 300)} [${s.source + 1}]`;
    });
    return `${text.intro}\n\n${lines.join('\n')}`;
  }

  private choose(request: Pick<AnswerRequest, 'question' | 'sources'>): ScoredSentence[] {
    const scored = scoreSentences(
      request.question,
      request.sources.map((s) => ({ text: s.text, heading: s.heading })),
    ).sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (!best || best.coverage < this.minCoverage) return [];
    const chosen: ScoredSentence[] = [];
    let chars = 0;
    const take = (sentence: ScoredSentence) => {
      if (chosen.some((c) => c.source === sentence.source && c.position === sentence.position))
        return;
      chosen.push(sentence);
      chars += sentence.text.length;
    };
    let quoted = 0;
    for (const sentence of scored) {
      if (quoted >= this.maxSentences || sentence.score < best.score * 0.5) break;
      if (sentence.coverage < this.minCoverage / 2) continue;
      // Other sources must be nearly as good as the best one to be quoted alongside it.
      if (sentence.source !== best.source && sentence.score < best.score * 0.8) continue;
      if (chosen.some((c) => c.text === sentence.text)) continue;
      if (chars + sentence.text.length > this.maxChars && chosen.length > 0) break;
      take(sentence);
      quoted += 1;
      // A short list (tiers, options) is one answer: quote its other items too.
      if (sentence.list !== undefined) {
        const siblings = scored.filter(
          (s) => s.source === sentence.source && s.list === sentence.list,
        );
        const length = siblings.reduce((sum, s) => sum + s.text.length, 0);
        // …but only the items that share a word with the question: "Deductible: $50" answers
        // "what is the dental deductible?", the plan's monthly cost beside it does not.
        if (siblings.length <= 6 && chars + length <= this.maxChars)
          for (const s of siblings) if (s.matchesQuestion) take(s);
      }
    }
    // Reading order: by source as cited, then as written.
    return chosen.sort((a, b) => a.source - b.source || a.position - b.position);
  }
}

/** Splits text into word-sized pieces (whitespace kept), so the widget shows it streaming. */
function* pieces(text: string): Generator<string> {
  const parts = text.match(/\S+\s*/g) ?? [];
  for (let i = 0; i < parts.length; i += 3) yield parts.slice(i, i + 3).join('');
}
