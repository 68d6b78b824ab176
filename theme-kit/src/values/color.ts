import {
  type Color,
  clampChroma,
  converter,
  formatHex,
  formatHex8,
  interpolate,
  parse,
} from 'culori';
import { accept, type ParseResult, refuse, refuseInjection } from './result';

const toRgb = converter('rgb');
const toOklch = converter('oklch');

/** Longest colour text accepted; `color(display-p3 0.1234 0.5678 0.9012 / 0.5)` fits easily. */
const maxColorLength = 80;

/** Keywords culori would read but that mean nothing fixed in a theme. */
const contextual = /^(currentcolor|inherit|initial|unset|revert|revert-layer)$/i;

/** Options for {@link parseColor}. */
export interface ColorOptions {
  /** Accept translucent colours (borders); opaque-only otherwise so contrast is well defined. */
  allowAlpha?: boolean;
}

/**
 * Parses any CSS colour syntax (hex, named, rgb(), hsl(), hwb(), lab(),
 * lch(), oklab(), oklch(), color()) and normalises it to lower-case sRGB hex
 * (`#rrggbb`, or `#rrggbbaa` when translucent). Wide-gamut colours are
 * mapped into sRGB by reducing chroma, which keeps their hue and lightness.
 */
export function parseColor(input: unknown, options: ColorOptions = {}): ParseResult {
  if (typeof input !== 'string') return refuse('must be a colour written as text, like "#2563eb"');
  const raw = input.trim();
  if (raw === '') return refuse('must not be empty');
  if (raw.length > maxColorLength) return refuse(`must be at most ${maxColorLength} characters`);
  // The untrimmed input is checked: a NUL or line separator at either end is not harmless.
  const injected = refuseInjection(input);
  if (injected) return refuse(injected);
  if (contextual.test(raw)) return refuse(`"${raw}" depends on the page; give a fixed colour`);
  if (!/^[#a-z0-9(),.%+\-/\s]+$/i.test(raw)) return refuse('is not a CSS colour');
  const color = safeParse(raw);
  if (!color) return refuse(`"${raw}" is not a CSS colour`);
  const alpha = color.alpha ?? 1;
  if (alpha < 1 && !options.allowAlpha) return refuse('must be opaque (no transparency)');
  return accept(toHex(color));
}

/** culori throws on some malformed functions (e.g. `calc(…)` inside `rgb()`); that is a refusal, not a crash. */
function safeParse(raw: string): Color | undefined {
  try {
    return parse(raw);
  } catch {
    return undefined;
  }
}

/** Formats a culori colour as sRGB hex, gamut-mapped, with alpha only when below 1. */
export function toHex(color: Color): string {
  const mapped = clampChroma(color, 'oklch');
  const alpha = mapped.alpha ?? 1;
  return alpha < 1 ? formatHex8(mapped) : formatHex(mapped);
}

/** Reads a hex colour produced by {@link parseColor} into sRGB channels in 0…1. */
export function rgbOf(hex: string): { r: number; g: number; b: number; alpha: number } {
  const c = toRgb(parse(hex));
  if (!c) throw new Error(`not a colour: ${hex}`);
  return { r: clamp01(c.r), g: clamp01(c.g), b: clamp01(c.b), alpha: c.alpha ?? 1 };
}

/** The colour in OKLCH (perceptual lightness 0…1, chroma, hue in degrees). */
export function oklchOf(hex: string): { l: number; c: number; h: number } {
  const c = toOklch(parse(hex));
  if (!c) throw new Error(`not a colour: ${hex}`);
  return { l: c.l, c: c.c, h: c.h ?? 0 };
}

/** Builds an sRGB hex colour from OKLCH, reducing chroma until it fits sRGB. */
export function fromOklch(l: number, c: number, h: number): string {
  return toHex({ mode: 'oklch', l: Math.min(1, Math.max(0, l)), c: Math.max(0, c), h });
}

/** Mixes two colours in gamma-encoded sRGB, like CSS `color-mix(in srgb)` (no hue shift toward white, visible steps near black): `amount` 0 gives `from`, 1 gives `to`. */
export function mix(from: string, to: string, amount: number): string {
  const t = Math.min(1, Math.max(0, amount));
  return toHex(interpolate([from, to], 'rgb')(t));
}

/** Composites a translucent colour over an opaque backdrop (for contrast maths). */
export function flatten(hex: string, backdrop: string): string {
  const fg = rgbOf(hex);
  if (fg.alpha >= 1) return hex;
  const bg = rgbOf(backdrop);
  const over = (f: number, b: number) => f * fg.alpha + b * (1 - fg.alpha);
  return formatHex({ mode: 'rgb', r: over(fg.r, bg.r), g: over(fg.g, bg.g), b: over(fg.b, bg.b) });
}

function clamp01(n: number): number {
  return Math.min(1, Math.max(0, n));
}
