/** Choices that are not CSS values: enumerations shared by the schema, the editor and the widget. */
export const colorSchemes = ['light', 'dark', 'auto'] as const;
/** Which corner the launcher sits in. */
export const positions = ['bottom-right', 'bottom-left'] as const;
/** Launcher outline; decides `--parley-launcher-radius` unless that is set. */
export const launcherShapes = ['circle', 'rounded', 'square'] as const;
/** Built-in launcher icons; `logo` shows the uploaded logo. */
export const launcherIcons = ['chat', 'sparkle', 'help', 'logo'] as const;
/** Panel header style: brand colour bar or plain surface. */
export const headerStyles = ['brand', 'plain'] as const;
/** The ids of the built-in presets. */
export const presetIds = [
  'neutral',
  'corporate-blue',
  'warm',
  'high-contrast',
  'dark',
  'soft',
  'forest',
] as const;

/** A built-in preset's id. */
export type PresetId = (typeof presetIds)[number];

/** The theme document version this kit reads and writes. */
export const themeSchemaVersion = 1;

/** Where the published JSON Schema of version 1 lives (the `$schema` of exported themes). */
export const themeSchemaUrl = 'https://parley.dev/schema/theme.v1.json';
