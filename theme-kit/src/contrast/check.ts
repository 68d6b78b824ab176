import type { ColorMode } from '../derive/context';
import type { ResolvedTokens } from '../derive/resolve';
import type { ModeTokenKey, TokenKey } from '../tokens/registry';
import { flatten } from '../values/color';
import { nearestPassingShade } from './suggest';
import { type ContrastUse, contrastRatio, requiredRatio } from './wcag';

/** A colour pair the widget draws, what it is for, and which side to change when it fails. */
interface PairRule {
  foreground: TokenKey;
  background: TokenKey;
  use: ContrastUse;
  label: string;
  /** On-colours are picked for contrast already, so a failure means the background must move. */
  adjust: 'foreground' | 'background';
}

/** Every pair the widget's default styles put together. */
export const contrastPairs: readonly PairRule[] = [
  {
    foreground: 'color-text',
    background: 'color-surface',
    use: 'text',
    label: 'Body text on the panel',
    adjust: 'foreground',
  },
  {
    foreground: 'color-text-quiet',
    background: 'color-surface',
    use: 'text',
    label: 'Secondary text on the panel',
    adjust: 'foreground',
  },
  {
    foreground: 'color-accent',
    background: 'color-surface',
    use: 'text',
    label: 'Links and citations',
    adjust: 'foreground',
  },
  {
    foreground: 'color-primary',
    background: 'color-surface',
    use: 'ui',
    label: 'Brand-coloured buttons against the panel',
    adjust: 'foreground',
  },
  {
    foreground: 'color-focus',
    background: 'color-surface',
    use: 'ui',
    label: 'Focus ring',
    adjust: 'foreground',
  },
  {
    foreground: 'color-border-loud',
    background: 'color-surface',
    use: 'ui',
    label: 'Input borders',
    adjust: 'foreground',
  },
  {
    foreground: 'color-on-primary',
    background: 'color-primary',
    use: 'text',
    label: 'Text on the brand colour',
    adjust: 'background',
  },
  {
    foreground: 'color-on-accent',
    background: 'color-accent',
    use: 'text',
    label: 'Text on the accent colour',
    adjust: 'background',
  },
  {
    foreground: 'color-danger',
    background: 'color-danger-quiet',
    use: 'text',
    label: 'Error messages',
    adjust: 'foreground',
  },
  {
    foreground: 'launcher-color',
    background: 'launcher-background',
    use: 'ui',
    label: 'Launcher icon',
    adjust: 'background',
  },
  {
    foreground: 'panel-header-color',
    background: 'panel-header-background',
    use: 'text',
    label: 'Panel header title',
    adjust: 'background',
  },
  {
    foreground: 'bubble-user-color',
    background: 'bubble-user-background',
    use: 'text',
    label: "Visitor's messages",
    adjust: 'background',
  },
  {
    foreground: 'bubble-assistant-color',
    background: 'bubble-assistant-background',
    use: 'text',
    label: "Assistant's messages",
    adjust: 'foreground',
  },
];

/** One checked pair in one mode. */
export interface ContrastCheck {
  mode: ColorMode;
  foreground: TokenKey;
  background: TokenKey;
  label: string;
  use: ContrastUse;
  /** The ratio, rounded down to two decimals (never shown as passing when it is not). */
  ratio: number;
  required: number;
  passes: boolean;
  /** For a failing pair: the token to set (in `tokens`, or `dark` for dark mode) and the nearest passing value. */
  suggestion?: { token: ModeTokenKey; value: string };
}

/**
 * Checks every colour pair the widget uses, in light and dark mode, against
 * WCAG 2.1 AA, and for each failure suggests the nearest passing shade of the
 * token that really decides it (following aliases, so a failing user bubble
 * points at `color-primary` unless the bubble colour was set itself).
 */
export function checkContrast(tokens: Record<ColorMode, ResolvedTokens>): ContrastCheck[] {
  const checks: ContrastCheck[] = [];
  for (const mode of ['light', 'dark'] as const) {
    const resolved = tokens[mode];
    const surface = resolved['color-surface'].value;
    for (const pair of contrastPairs) {
      const bg = flatten(resolved[pair.background].value, surface);
      const fg = flatten(resolved[pair.foreground].value, bg);
      const exact = contrastRatio(fg, bg);
      const required = requiredRatio(pair.use);
      const check: ContrastCheck = {
        mode,
        foreground: pair.foreground,
        background: pair.background,
        label: pair.label,
        use: pair.use,
        ratio: Math.floor(exact * 100) / 100,
        required,
        passes: exact >= required,
      };
      if (!check.passes) {
        const moving = pair.adjust === 'foreground' ? pair.foreground : pair.background;
        const value =
          pair.adjust === 'foreground'
            ? nearestPassingShade(fg, bg, required)
            : nearestPassingShade(bg, fg, required);
        check.suggestion = { token: owner(resolved, moving) as ModeTokenKey, value };
      }
      checks.push(check);
    }
  }
  return checks;
}

/** Follows `var(--parley-x)` aliases to the token whose value actually decides a colour. */
function owner(resolved: ResolvedTokens, key: TokenKey): TokenKey {
  const alias = /^var\(--parley-([a-z0-9-]+)\)$/.exec(resolved[key].css);
  return alias ? owner(resolved, alias[1] as TokenKey) : key;
}
