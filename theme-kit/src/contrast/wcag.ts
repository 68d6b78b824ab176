import { rgbOf } from '../values/color';

/**
 * WCAG 2.1 thresholds. Normal text needs 4.5:1 (SC 1.4.3, AA); large text
 * (≥ 24px, or ≥ 18.66px bold) and the visual boundaries of controls and
 * focus indicators need 3:1 (SC 1.4.3 and 1.4.11).
 */
export const wcagRatios = { text: 4.5, largeText: 3, ui: 3, textAAA: 7 } as const;

/** What a colour pair is used for, which decides the ratio it needs. */
export type ContrastUse = 'text' | 'large-text' | 'ui';

/** The ratio a pair needs for WCAG 2.1 AA. */
export function requiredRatio(use: ContrastUse): number {
  return use === 'text'
    ? wcagRatios.text
    : use === 'large-text'
      ? wcagRatios.largeText
      : wcagRatios.ui;
}

function linear(channel: number): number {
  // WCAG 2.1 names 0.03928; no 8-bit channel lies between it and sRGB's 0.04045.
  return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of an opaque sRGB colour, 0 (black) … 1 (white), per WCAG 2.1. */
export function relativeLuminance(hex: string): number {
  const { r, g, b } = rgbOf(hex);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The WCAG contrast ratio of two opaque colours, 1 … 21, independent of order. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Whether a pair meets AA for the given use. Ratios are compared unrounded, as WCAG requires. */
export function meetsContrast(foreground: string, background: string, use: ContrastUse): boolean {
  return contrastRatio(foreground, background) >= requiredRatio(use);
}
