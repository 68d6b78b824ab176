/**
 * Document text is data, never instructions. Before a passage is quoted in
 * an answer it loses everything that could act on the reader or the widget
 * (links, images, HTML, fake citation markers, invisible characters), and
 * sentences written to steer an assistant are not quoted at all.
 */

// Zero-width and bidirectional controls can hide or reorder text on screen.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Plain, inert text: no Markdown links or images, no HTML, no citation look-alikes. */
export function neutralize(text: string): string {
  return (
    text
      .replace(INVISIBLE, '')
      .replace(CONTROL, ' ')
      // Link targets may hold one level of parentheses: [x](javascript:alert(1)).
      .replace(/!\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
      .replace(/\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
      .replace(/<\/?[a-z][^>]*>/gi, ' ')
      .replace(/\[\s*\^?\d+\s*\]/g, '')
      .replace(/[`*_~]{2,}|`/g, '')
      .replace(/^[#>\s]+/, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const STEERING = [
  /\b(ignore|disregard|forget|override)\b[^.]{0,60}\b(instructions?|prompts?|rules|guidelines|above|previous|prior)\b/i,
  /\b(system prompt|developer message|jailbreak)\b/i,
  /\byou (are|must|should|will) (now )?(an? |the )?(ai|assistant|chatbot|language model|llm)\b/i,
  /\b(as an ai|as a language model)\b/i,
  /^\s*(system|assistant|user)\s*:/i,
  /\b(respond|reply|answer|say) (only )?(with|that)\b[^.]{0,40}\b(instead|regardless|always)\b/i,
];

/** True for a sentence that addresses an AI assistant rather than the reader. */
export function isSteering(sentence: string): boolean {
  return STEERING.some((pattern) => pattern.test(sentence));
}

/** Shortens a sentence to at most `max` characters on a word boundary. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max - 1);
  return `${text.slice(0, cut > max / 2 ? cut : max - 1).trimEnd()}…`;
}
