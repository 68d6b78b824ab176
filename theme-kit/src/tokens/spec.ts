import type { LengthRule, NumberRule } from '../values/css-values';

/** The three tiers of STYLE.md plus the `*-scale` multipliers. */
export type TokenTier = 'palette' | 'semantic' | 'component' | 'scale';

/** How admins think about a token; the editor groups its controls this way. */
export type TokenGroup =
  | 'palette'
  | 'brand'
  | 'surface'
  | 'text'
  | 'typography'
  | 'shape'
  | 'launcher'
  | 'panel'
  | 'bubbles'
  | 'layout';

/** How a token's value is written and parsed. */
export type TokenKind = 'color' | 'length' | 'number' | 'font-family';

/**
 * How a token gets its value when the theme does not set it. Rules are data,
 * not functions, so the registry stays free of colour maths (the widget
 * imports token names from it) and the docs can describe each rule.
 */
export type Derivation =
  /** Follows another token (emitted as `var(--parley-<of>)` so host overrides cascade). */
  | { rule: 'alias'; of: string }
  /** White or near-black, whichever reads better on `of`. */
  | { rule: 'on'; of: string }
  /** `of` mixed toward the surface by `amount` (a tint for quiet backgrounds). */
  | { rule: 'quiet'; of: string; amount: number }
  /** `of` mixed toward the text colour by `amount` (hover, pressed, emphasis). */
  | { rule: 'loud'; of: string; amount: number }
  /** Text mixed toward the surface by `amount`, then nudged to reach `ratio` on the surface. */
  | { rule: 'text-tone'; amount: number; ratio: number }
  /** `of`, nudged to reach `ratio` against the surface. */
  | { rule: 'readable'; of: string; ratio: number }
  /** A palette stop generated from the light-mode value of `of`. */
  | { rule: 'palette'; of: string; stop: 100 | 300 | 500 | 700 | 900 }
  /** From the launcher shape setting: circle 50%, rounded 30%, square 12%. */
  | { rule: 'launcher-radius' }
  /** From the panel header setting: brand colour or plain surface. */
  | { rule: 'header'; part: 'background' | 'color' };

/** How an input colour adapts to dark mode when the theme gives no dark value. */
export type DarkDerivation =
  | { rule: 'dark-surface' }
  | { rule: 'dark-text' }
  /** The light value, nudged to reach `ratio` against the dark surface. */
  | { rule: 'dark-readable'; ratio: number };

/** One design token: a `--parley-<key>` custom property. */
export interface TokenSpec {
  /** The name without the `--parley-` prefix, e.g. `color-primary`. */
  key: string;
  tier: TokenTier;
  group: TokenGroup;
  kind: TokenKind;
  /** What the token does, for the docs table and the editor. */
  description: string;
  /** Literal light-mode default; exactly one of `default` and `derive` is set. */
  default?: string;
  derive?: Derivation;
  /** For colour inputs with a literal default: how the dark variant is made. */
  dark?: DarkDerivation;
  /** Palette tokens are generated only; every other token may be set by a theme. */
  settable: boolean;
  length?: LengthRule;
  number?: NumberRule;
  /** Colour may be translucent (borders); others must be opaque. */
  alpha?: boolean;
}
