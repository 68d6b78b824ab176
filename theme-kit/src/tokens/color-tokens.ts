import type { TokenSpec } from './spec';

const colour = { tier: 'semantic', kind: 'color', settable: true } as const;

/** Semantic colour roles with their emphasis levels (quiet, normal, loud) and on-colours. */
export const semanticColorTokens = [
  {
    ...colour,
    key: 'color-primary',
    group: 'brand',
    default: '#2563eb',
    dark: { rule: 'dark-readable', ratio: 3 },
    description: 'Brand colour: launcher, header, user messages, send button.',
  },
  {
    ...colour,
    key: 'color-on-primary',
    group: 'brand',
    derive: { rule: 'on', of: 'color-primary' },
    description: 'Text and icons drawn on the brand colour.',
  },
  {
    ...colour,
    key: 'color-primary-quiet',
    group: 'brand',
    derive: { rule: 'quiet', of: 'color-primary', amount: 0.88 },
    description: 'Faint brand tint for selected and hovered backgrounds.',
  },
  {
    ...colour,
    key: 'color-primary-loud',
    group: 'brand',
    derive: { rule: 'loud', of: 'color-primary', amount: 0.2 },
    description: 'Stronger brand colour for hover and pressed states.',
  },
  {
    ...colour,
    key: 'color-accent',
    group: 'brand',
    default: '#0f766e',
    dark: { rule: 'dark-readable', ratio: 4.5 },
    description: 'Secondary brand colour: links, source citations, highlights.',
  },
  {
    ...colour,
    key: 'color-on-accent',
    group: 'brand',
    derive: { rule: 'on', of: 'color-accent' },
    description: 'Text and icons drawn on the accent colour.',
  },
  {
    ...colour,
    key: 'color-accent-quiet',
    group: 'brand',
    derive: { rule: 'quiet', of: 'color-accent', amount: 0.88 },
    description: 'Faint accent tint for citation chips and badges.',
  },
  {
    ...colour,
    key: 'color-surface',
    group: 'surface',
    default: '#ffffff',
    dark: { rule: 'dark-surface' },
    description: 'Panel background.',
  },
  {
    ...colour,
    key: 'color-surface-quiet',
    group: 'surface',
    derive: { rule: 'loud', of: 'color-surface', amount: 0.05 },
    description: 'Slightly set-off background: assistant messages, composer.',
  },
  {
    ...colour,
    key: 'color-surface-loud',
    group: 'surface',
    derive: { rule: 'loud', of: 'color-surface', amount: 0.1 },
    description: 'Stronger set-off background: hovered rows, code blocks.',
  },
  {
    ...colour,
    key: 'color-surface-raised',
    group: 'surface',
    derive: { rule: 'alias', of: 'color-surface-quiet' },
    description: 'Raised elements on the panel: answers, inputs, cards.',
  },
  {
    ...colour,
    key: 'color-text',
    group: 'text',
    default: '#111827',
    dark: { rule: 'dark-text' },
    description: 'Body text on the surface.',
  },
  {
    ...colour,
    key: 'color-text-quiet',
    group: 'text',
    derive: { rule: 'text-tone', amount: 0.35, ratio: 4.5 },
    description: 'Secondary text (timestamps, hints), still AA on the surface.',
  },
  {
    ...colour,
    key: 'color-border',
    group: 'surface',
    alpha: true,
    derive: { rule: 'quiet', of: 'color-text', amount: 0.82 },
    description: 'Decorative borders and dividers.',
  },
  {
    ...colour,
    key: 'color-border-quiet',
    group: 'surface',
    alpha: true,
    derive: { rule: 'quiet', of: 'color-text', amount: 0.9 },
    description: 'Faint separators between messages.',
  },
  {
    ...colour,
    key: 'color-border-loud',
    group: 'surface',
    derive: { rule: 'text-tone', amount: 0.6, ratio: 3 },
    description: 'Borders of form controls, 3:1 on the surface (WCAG 1.4.11).',
  },
  {
    ...colour,
    key: 'color-focus',
    group: 'brand',
    derive: { rule: 'readable', of: 'color-primary', ratio: 3 },
    description: 'Keyboard focus ring, 3:1 on the surface.',
  },
  {
    ...colour,
    key: 'color-danger',
    group: 'text',
    default: '#b91c1c',
    dark: { rule: 'dark-readable', ratio: 5.5 },
    description: 'Error text and icons.',
  },
  {
    ...colour,
    key: 'color-danger-quiet',
    group: 'text',
    derive: { rule: 'quiet', of: 'color-danger', amount: 0.9 },
    description: 'Background of error messages.',
  },
] as const satisfies readonly TokenSpec[];

const palette = { tier: 'palette', group: 'palette', kind: 'color', settable: false } as const;
const families = [
  ['primary', 'color-primary', 'brand colour'],
  ['accent', 'color-accent', 'accent colour'],
  ['neutral', 'color-text-quiet', 'neutral grey (from the quiet text colour)'],
] as const;
const stops = [100, 300, 500, 700, 900] as const;

/** Generated palette shades (100 lightest … 900 darkest) for host pages that want to match. */
export const paletteTokens = families.flatMap(([family, of, label]) =>
  stops.map((stop) => ({
    ...palette,
    key: `palette-${family}-${stop}` as const,
    derive: { rule: 'palette', of, stop },
    description: `Palette: ${label}, shade ${stop}${stop === 500 ? ' (the colour itself)' : ''}.`,
  })),
) satisfies readonly TokenSpec[];
