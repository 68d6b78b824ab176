/** The outcome of parsing one untrusted value: the normalised value or why it was refused. */
export type ParseResult<T = string> = { ok: true; value: T } | { ok: false; reason: string };

/** A successful parse. */
export const accept = <T>(value: T): ParseResult<T> => ({ ok: true, value });

/** A refused value with a reason an admin can act on. */
export const refuse = (reason: string): ParseResult<never> => ({ ok: false, reason });

/**
 * Characters that can end a declaration, open a block, start a comment or an
 * escape, or close a style element. No token value may contain any of them,
 * whatever its kind, so a value can never break out of `--name: value`.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const breakout = /[;{}<>\\`@!]|\/\*|\*\/|[\u0000-\u001f\u007f\u2028\u2029]/;

/** Functions that fetch, evaluate or reference other values: never allowed in a token. */
const forbiddenFunctions =
  /\b(url|expression|image|image-set|element|attr|env|var|src|paint)\s*\(/i;

/** Refuses values that could inject CSS or script before any kind-specific parsing. */
export function refuseInjection(raw: string): string | null {
  if (breakout.test(raw)) return 'contains a character that is not allowed in a theme value';
  if (forbiddenFunctions.test(raw)) return 'contains a CSS function that is not allowed here';
  if (/javascript:|data:|vbscript:/i.test(raw)) return 'contains a URL scheme that is not allowed';
  let depth = 0;
  for (const ch of raw) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return 'has unbalanced parentheses';
  }
  if (depth !== 0) return 'has unbalanced parentheses';
  if ((raw.match(/"/g)?.length ?? 0) % 2 || (raw.match(/'/g)?.length ?? 0) % 2) {
    return 'has unbalanced quotes';
  }
  return null;
}
