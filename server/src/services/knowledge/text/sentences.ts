/**
 * Sentence splitting with the ICU rules in `Intl.Segmenter` (maintained,
 * locale-aware, no dependency), plus a repair for the abbreviations ICU
 * treats as sentence ends ("Dr. Smith", "e.g. dental").
 */

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// Words that end in a period without ending the sentence.
const ABBREVIATION =
  /\b(?:dr|mr|mrs|ms|prof|st|vs|etc|inc|ltd|approx|dept|e\.g|i\.e|cf|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.\s*$/i;

/** Splits text into trimmed sentences; never returns empty strings. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let pending = '';
  for (const { segment } of segmenter.segment(text)) {
    pending += segment;
    if (ABBREVIATION.test(pending)) continue;
    const sentence = pending.trim();
    if (sentence) sentences.push(sentence);
    pending = '';
  }
  const rest = pending.trim();
  if (rest) sentences.push(rest);
  return sentences;
}
