import { fromOklch, oklchOf } from '../values/color';
import { contrastRatio } from './wcag';

/** Black-ish and white text candidates for on-colours. */
const light = '#ffffff';
const dark = '#111111';

/**
 * The nearest shade of `foreground` that reaches `ratio` against
 * `background`: same hue and chroma (as far as sRGB allows), lightness moved
 * as little as possible, trying both darker and lighter and keeping the
 * smaller change. Returns the colour unchanged when it already passes.
 */
export function nearestPassingShade(foreground: string, background: string, ratio: number): string {
  if (contrastRatio(foreground, background) >= ratio) return foreground;
  const { l, c, h } = oklchOf(foreground);
  const candidates = [
    searchLightness(l, 0, c, h, background, ratio),
    searchLightness(l, 1, c, h, background, ratio),
  ]
    .filter((found): found is { l: number; hex: string } => found !== null)
    .sort((a, b) => Math.abs(a.l - l) - Math.abs(b.l - l));
  if (candidates[0]) return candidates[0].hex;
  // Neither direction passes with this hue (only for ratios near 21:1): fall back to plain black or white.
  return contrastRatio(light, background) >= contrastRatio('#000000', background)
    ? light
    : '#000000';
}

/**
 * Binary search along lightness from `start` toward `end` (0 or 1) for the
 * first lightness that passes; null when even the end fails. Contrast is
 * monotonic along that path because lightness moves luminance one way.
 */
function searchLightness(
  start: number,
  end: number,
  c: number,
  h: number,
  background: string,
  ratio: number,
): { l: number; hex: string } | null {
  const passes = (l: number) => contrastRatio(fromOklch(l, c, h), background) >= ratio;
  if (!passes(end)) return null;
  let near = start;
  let far = end;
  // 14 halvings resolve lightness to ~1/16000: finer than one 8-bit sRGB step.
  for (let i = 0; i < 14; i++) {
    const mid = (near + far) / 2;
    if (passes(mid)) far = mid;
    else near = mid;
  }
  return { l: far, hex: fromOklch(far, c, h) };
}

/**
 * The readable text colour to put on `background`: white or near-black,
 * whichever contrasts more (ties go to white, which most brands expect on
 * their colour).
 */
export function onColor(background: string): string {
  return contrastRatio(light, background) >= contrastRatio(dark, background) ? light : dark;
}
