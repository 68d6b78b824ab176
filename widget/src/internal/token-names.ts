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
  'bubble-assistant-background bubble-assistant-color bubble-radius z-index ' +
  'palette-primary-100 palette-primary-300 palette-primary-500 palette-primary-700 ' +
  'palette-primary-900 palette-accent-100 palette-accent-300 palette-accent-500 ' +
  'palette-accent-700 palette-accent-900 palette-neutral-100 palette-neutral-300 ' +
  'palette-neutral-500 palette-neutral-700 palette-neutral-900';

/** Every `--parley-*` custom property theme-kit defines. */
export const tokenNames: readonly string[] = keys.split(' ').map((key) => `--parley-${key}`);
