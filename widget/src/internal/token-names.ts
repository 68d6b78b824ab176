/**
 * The `--parley-*` names a tenant theme may set. theme-kit's `tokenNames`
 * export is the source of truth; until it lands this local list stands in
 * (kept to the names the widget's CSS reads).
 */
export const tokenNames: readonly string[] = [
  '--parley-color-primary',
  '--parley-color-on-primary',
  '--parley-color-surface',
  '--parley-color-surface-raised',
  '--parley-color-text',
  '--parley-color-text-quiet',
  '--parley-color-border',
  '--parley-color-danger',
  '--parley-font-family',
  '--parley-font-size',
  '--parley-radius',
  '--parley-launcher-size',
  '--parley-panel-width',
  '--parley-panel-height',
  '--parley-z-index',
];
