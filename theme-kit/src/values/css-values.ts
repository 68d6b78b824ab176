import { accept, type ParseResult, refuse, refuseInjection } from './result';

/** Bounds and units for a length token. Bounds are in px; 1rem = 1em = 16px for checking. */
export interface LengthRule {
  min: number;
  max: number;
  /** Percentages allowed (e.g. a launcher radius), with their own bounds. */
  percent?: { min: number; max: number };
}

const pxPerUnit = { px: 1, rem: 16, em: 16 } as const;

/**
 * Parses a length: `56px`, `3.5rem`, `1.2em`, a bare number (read as px)
 * or, where the rule allows, a percentage. Normalised to the shortest form
 * (`56px`, `0.75rem`), bounded so nobody sets a 10 000px launcher.
 */
export function parseLength(input: unknown, rule: LengthRule): ParseResult {
  if (typeof input === 'number') input = `${input}px`;
  if (typeof input !== 'string') return refuse('must be a length such as "56px" or "3.5rem"');
  const raw = input.trim().toLowerCase();
  // The untrimmed input is checked: a NUL or line separator at either end is not harmless.
  const injected = refuseInjection(input);
  if (injected) return refuse(injected);
  const match = /^(\d{1,5}(?:\.\d{1,4})?|\.\d{1,4})(px|rem|em|%)?$/.exec(raw);
  if (!match) return refuse('must be a number with a unit: px, rem or em');
  const amount = Number(match[1]);
  const unit = (match[2] ?? 'px') as keyof typeof pxPerUnit | '%';
  if (unit === '%') {
    if (!rule.percent) return refuse('must be in px, rem or em, not a percentage');
    if (amount < rule.percent.min || amount > rule.percent.max) {
      return refuse(`must be between ${rule.percent.min}% and ${rule.percent.max}%`);
    }
    return accept(`${amount}%`);
  }
  const px = amount * pxPerUnit[unit];
  if (px < rule.min || px > rule.max) {
    return refuse(`must be between ${rule.min}px and ${rule.max}px`);
  }
  return accept(amount === 0 ? '0' : `${amount}${unit}`);
}

/** Bounds for a unitless number token (scales, line height, z-index). */
export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
}

/** Parses a unitless number (JSON number or numeric text) within bounds. */
export function parseNumber(input: unknown, rule: NumberRule): ParseResult {
  let value: number;
  if (typeof input === 'number') value = input;
  else if (typeof input === 'string' && /^ *-?(\d{1,10}(\.\d{1,4})?|\.\d{1,4}) *$/.test(input)) {
    value = Number(input);
  } else return refuse('must be a number');
  if (!Number.isFinite(value)) return refuse('must be a finite number');
  if (rule.integer && !Number.isInteger(value)) return refuse('must be a whole number');
  if (value < rule.min || value > rule.max) {
    return refuse(`must be between ${rule.min} and ${rule.max}`);
  }
  return accept(String(value));
}

/** Generic families and system keywords that may appear unquoted. */
const genericFamilies = new Set([
  'serif',
  'sans-serif',
  'monospace',
  'cursive',
  'fantasy',
  'system-ui',
  'ui-serif',
  'ui-sans-serif',
  'ui-monospace',
  'ui-rounded',
  'math',
  'emoji',
  'fangsong',
  '-apple-system',
  'blinkmacsystemfont',
]);

/** A family name: letters, digits, spaces, hyphens, underscores and dots; nothing CSS can act on. */
const familyName = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,62}$/u;

/**
 * Parses a `font-family` list and re-serialises it: generic families stay
 * bare, every other name is single-quoted. Names are read, never copied, so
 * quotes and escapes in the input cannot end the declaration early.
 */
export function parseFontFamily(input: unknown): ParseResult {
  if (typeof input !== 'string') return refuse('must be a font-family list as text');
  const raw = input.trim();
  if (raw.length === 0) return refuse('must name at least one font');
  if (raw.length > 300) return refuse('must be at most 300 characters');
  // The untrimmed input is checked: a NUL or line separator at either end is not harmless.
  const injected = refuseInjection(input);
  if (injected) return refuse(injected);
  if (/[()]/.test(raw)) return refuse('must be a list of font names, not a function');
  const families = raw.split(',').map((part) => part.trim());
  if (families.length > 12) return refuse('must list at most 12 fonts');
  const out: string[] = [];
  for (const family of families) {
    const quoted = /^(['"])(.*)\1$/.exec(family);
    const name = (quoted ? quoted[2]! : family).trim().replace(/\s+/g, ' ');
    if (name === '') return refuse('has an empty font name');
    if (!quoted && genericFamilies.has(name.toLowerCase())) {
      const lower = name.toLowerCase();
      out.push(lower === 'blinkmacsystemfont' ? 'BlinkMacSystemFont' : lower);
      continue;
    }
    if (!familyName.test(name)) return refuse(`"${name}" is not a valid font name`);
    if (!quoted && /(^|\s)\d/.test(name)) return refuse(`"${name}" must be quoted`);
    out.push(`'${name}'`);
  }
  return accept(out.join(', '));
}

/** Rules for a short piece of display text (bot name, launcher label). */
export interface TextRule {
  max: number;
}

/**
 * Parses a short label shown as text. It never reaches CSS or HTML
 * unescaped, but control characters, bidirectional overrides and markup
 * brackets are refused anyway: they only ever serve to confuse or spoof.
 */
export function parseText(input: unknown, rule: TextRule): ParseResult {
  if (typeof input !== 'string') return refuse('must be text');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/.test(input)) {
    return refuse('contains invisible or control characters');
  }
  const value = input.trim().replace(/ +/g, ' ');
  if (value === '') return refuse('must not be empty');
  if ([...value].length > rule.max) return refuse(`must be at most ${rule.max} characters`);
  if (/[<>]/.test(value)) return refuse('must not contain < or >');
  return accept(value);
}
