import { nearestPassingShade, onColor } from '../contrast/suggest';
import { contrastRatio, relativeLuminance } from '../contrast/wcag';
import { fromOklch, mix, oklchOf } from '../values/color';
import type { DeriveContext } from './context';

/** Palette stops generated for each colour family: 100 is lightest, 900 darkest, 500 the base. */
export const paletteStops = [100, 300, 500, 700, 900] as const;

/** One palette stop of a base colour: tints toward white above 500, shades toward black below. */
export function paletteShade(base: string, stop: (typeof paletteStops)[number]): string {
  if (stop === 500) return base;
  // Tints go most of the way to white; shades stop well short of black, where hue is lost.
  return stop < 500
    ? mix(base, '#ffffff', ((500 - stop) / 400) * 0.9)
    : mix(base, '#000000', ((stop - 500) / 400) * 0.6);
}

/** A quiet (low-emphasis) version of a colour: mostly surface, a hint of the colour. */
export function quiet(ctx: DeriveContext, key: string, amount = 0.86): string {
  return mix(ctx.get(key), ctx.get('color-surface'), amount);
}

/** A loud (high-emphasis) version: pushed toward the text colour (darker in light mode, lighter in dark). */
export function loud(ctx: DeriveContext, key: string, amount = 0.2): string {
  return mix(ctx.get(key), ctx.get('color-text'), amount);
}

/** The readable text colour on another token's colour. */
export function on(ctx: DeriveContext, key: string): string {
  return onColor(ctx.get(key));
}

/** A colour mixed from text toward surface, then nudged until it reaches `ratio` on surface. */
export function textTone(ctx: DeriveContext, amount: number, ratio: number): string {
  const surface = ctx.get('color-surface');
  return nearestPassingShade(mix(ctx.get('color-text'), surface, amount), surface, ratio);
}

/** A colour's nearest shade that reaches `ratio` against the surface (UI boundaries, links). */
export function readableOnSurface(ctx: DeriveContext, color: string, ratio: number): string {
  return nearestPassingShade(color, ctx.get('color-surface'), ratio);
}

/** The hue of the primary colour, used to tint neutrals so they belong to the brand. */
function brandHue(ctx: DeriveContext): { h: number; c: number } {
  const { c, h } = oklchOf(ctx.light('color-primary'));
  return { h, c };
}

/** Dark surface: keeps an already dark light-mode surface, else a deep neutral tinted by the brand. */
export function darkSurface(ctx: DeriveContext): string {
  const lightSurface = ctx.light('color-surface');
  if (relativeLuminance(lightSurface) < 0.1) return lightSurface;
  const { h, c } = brandHue(ctx);
  return fromOklch(0.21, Math.min(c, 0.02), h);
}

/** Dark text: keeps light-mode text that is already light, else a soft off-white with the brand tint. */
export function darkText(ctx: DeriveContext): string {
  const lightText = ctx.light('color-text');
  const surface = ctx.get('color-surface');
  if (contrastRatio(lightText, surface) >= 7) return lightText;
  const { h, c } = brandHue(ctx);
  return nearestPassingShade(fromOklch(0.94, Math.min(c, 0.012), h), surface, 7);
}

/** A brand colour carried into dark mode, lightened only as far as it needs to stand out (3:1). */
export function darkBrand(ctx: DeriveContext, key: string, ratio = 3): string {
  return readableOnSurface(ctx, ctx.light(key), ratio);
}
