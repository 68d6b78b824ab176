import type { PresetId } from '../schema/options';

/** A preset as written: a theme document without the boilerplate. */
export interface PresetDefinition {
  id: PresetId;
  name: string;
  /** One line for the editor's preset picker. */
  description: string;
  theme: Record<string, unknown>;
}

/**
 * The built-in presets. Each passes every contrast check in both modes
 * (a test holds them to it), so "reset to preset" is always a safe start.
 */
export const presetDefinitions: readonly PresetDefinition[] = [
  {
    id: 'neutral',
    name: 'Neutral',
    description: 'Clean white panel with a calm blue; the default.',
    theme: {},
  },
  {
    id: 'corporate-blue',
    name: 'Corporate blue',
    description: 'Navy header, crisp corners, business-like.',
    theme: {
      tokens: {
        'color-primary': '#0b3d91',
        'color-accent': '#0061b0',
        'color-text': '#0f172a',
        'font-family':
          "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', 'Arial', sans-serif",
        radius: '6px',
      },
      launcher: { shape: 'rounded' },
    },
  },
  {
    id: 'warm',
    name: 'Warm',
    description: 'Cream panel, terracotta accents, generous curves.',
    theme: {
      tokens: {
        'color-primary': '#b4441b',
        'color-accent': '#8a5a00',
        'color-surface': '#fffaf3',
        'color-text': '#2b211c',
        radius: '16px',
        'font-family': "ui-rounded, system-ui, -apple-system, 'Segoe UI', sans-serif",
      },
      launcher: { shape: 'rounded' },
    },
  },
  {
    id: 'high-contrast',
    name: 'High contrast',
    description: 'Black on white (yellow on black in dark mode), larger text, AAA body text.',
    theme: {
      colorScheme: 'auto',
      tokens: {
        'color-primary': '#000000',
        'color-accent': '#0000c8',
        'color-surface': '#ffffff',
        'color-text': '#000000',
        'color-text-quiet': '#333333',
        'color-border': '#000000',
        'color-border-loud': '#000000',
        'color-focus': '#c00000',
        'font-size': '16px',
        radius: '4px',
      },
      dark: {
        'color-primary': '#ffff00',
        'color-accent': '#8ab4ff',
        'color-surface': '#000000',
        'color-text': '#ffffff',
        'color-text-quiet': '#e0e0e0',
        'color-border': '#ffffff',
        'color-border-loud': '#ffffff',
        'color-focus': '#ffff00',
      },
      launcher: { shape: 'square' },
    },
  },
  {
    id: 'dark',
    name: 'Dark',
    description: 'Night-blue panel with an indigo brand, dark everywhere.',
    theme: {
      colorScheme: 'dark',
      tokens: { 'color-primary': '#4f46e5', 'color-accent': '#0f766e' },
      dark: {
        'color-primary': '#5b5bd6',
        'color-accent': '#2dd4bf',
        'color-surface': '#0f172a',
        'color-text': '#e2e8f0',
      },
    },
  },
  {
    id: 'soft',
    name: 'Soft',
    description: 'Lavender tints, plain header, round and roomy.',
    theme: {
      tokens: {
        'color-primary': '#6a55d4',
        'color-accent': '#a1457a',
        'color-surface': '#fcfbff',
        'color-text': '#2e2a47',
        radius: '20px',
        'spacing-scale': 1.15,
      },
      panel: { header: 'plain' },
    },
  },
  {
    id: 'forest',
    name: 'Forest',
    description: 'Deep green with an amber accent, for a natural feel.',
    theme: {
      tokens: {
        'color-primary': '#166534',
        'color-accent': '#8a5300',
        'color-surface': '#fbfdf8',
        'color-text': '#1a2a1e',
        radius: '10px',
      },
    },
  },
];
