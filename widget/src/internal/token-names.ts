/**
 * The `--parley-*` names a tenant theme may set: theme-kit's `tokenNames`,
 * copied as one compact string because importing theme-kit's registry would
 * add its token specs (~2 KB gzip) to the loader. `token-names.test.ts`
 * fails when the two lists drift apart.
 */
const keys =
  'color-primary color-on-primary color-primary-quiet color-primary-loud color-accent ' +
  'color-on-accent color-accent-quiet color-surface color-surface-quiet color-surface-loud ' +
  'color-surface-raised color-text color-text-quiet color-border color-border-quiet ' +
  'color-border-loud color-focus color-danger color-danger-quiet font-family font-size ' +
  'font-size-scale line-height spacing spacing-scale radius launcher-size launcher-radius ' +
  'launcher-background launcher-color launcher-offset panel-width panel-height panel-radius ' +
  'panel-header-background panel-header-color bubble-user-background bubble-user-color ' +
  'bubble-assistant-background bubble-assistant-color bubble-radius z-index';

// The generated palette stops follow one pattern, so they are built rather than spelled out.
const palette = ['primary', 'accent', 'neutral'].flatMap((hue) =>
  [100, 300, 500, 700, 900].map((stop) => `palette-${hue}-${stop}`),
);

/** Every `--parley-*` custom property theme-kit defines. */
export const tokenNames: readonly string[] = [...keys.split(' '), ...palette].map(
  (key) => `--parley-${key}`,
);
