/** Public surface of theme-kit: token schema, validation, CSS generation, presets, contrast. */
export const themeSchemaVersion = 1;
