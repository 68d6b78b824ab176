import { onColor } from '../contrast/suggest';
import type { DarkDerivation, Derivation } from '../tokens/spec';
import { flatten } from '../values/color';
import type { DeriveContext } from './context';
import {
  darkSurface,
  darkText,
  loud,
  paletteShade,
  quiet,
  readableOnSurface,
  textTone,
} from './shades';

/** A derived value: a reference to another token (kept as `var()` in CSS) or a concrete value. */
export type Derived = { alias: string } | { value: string };

const launcherRadius = { circle: '50%', rounded: '30%', square: '12%' } as const;

/** Applies one derivation rule in a context. */
export function applyRule(rule: Derivation, ctx: DeriveContext): Derived {
  switch (rule.rule) {
    case 'alias':
      return { alias: rule.of };
    case 'on':
      return { value: onColor(flatten(ctx.get(rule.of), ctx.get('color-surface'))) };
    case 'quiet':
      return { value: quiet(ctx, rule.of, rule.amount) };
    case 'loud':
      return { value: loud(ctx, rule.of, rule.amount) };
    case 'text-tone':
      return { value: textTone(ctx, rule.amount, rule.ratio) };
    case 'readable':
      return { value: readableOnSurface(ctx, ctx.get(rule.of), rule.ratio) };
    case 'palette':
      return { value: paletteShade(ctx.light(rule.of), rule.stop) };
    case 'launcher-radius':
      return { value: launcherRadius[ctx.settings.launcherShape] };
    case 'header':
      if (ctx.settings.panelHeader === 'plain') {
        return { alias: rule.part === 'background' ? 'color-surface' : 'color-text' };
      }
      return rule.part === 'background'
        ? { alias: 'color-primary' }
        : { value: onColor(ctx.get('panel-header-background')) };
  }
}

/** Applies a dark-mode rule for an input colour that the theme gave no dark value. */
export function applyDarkRule(rule: DarkDerivation, key: string, ctx: DeriveContext): string {
  switch (rule.rule) {
    case 'dark-surface':
      return darkSurface(ctx);
    case 'dark-text':
      return darkText(ctx);
    case 'dark-readable':
      return readableOnSurface(ctx, ctx.light(key), rule.ratio);
  }
}
