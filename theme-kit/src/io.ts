import { themeSchemaUrl } from './schema/options';
import type { Theme, ValidateOptions } from './schema/theme-schema';
import { type ThemeValidation, validateTheme } from './schema/validate';

/** Largest theme JSON accepted on import; a full theme is about 4 KB. */
export const maxThemeJsonBytes = 64 * 1024;

/**
 * The theme as a JSON document for download or version control: pretty,
 * with `$schema` so editors can validate it, and only what the theme sets
 * (derived tokens stay derived when it is imported again).
 */
export function exportTheme(theme: Theme): string {
  return `${JSON.stringify({ $schema: themeSchemaUrl, ...theme }, null, 2)}\n`;
}

/** Reads theme JSON text (an export, or hand-written) and validates it. */
export function importTheme(json: string, options: ValidateOptions = {}): ThemeValidation {
  if (json.length > maxThemeJsonBytes) {
    return {
      ok: false,
      errors: [{ path: '', message: `must be at most ${maxThemeJsonBytes / 1024} KB` }],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return {
      ok: false,
      errors: [{ path: '', message: `is not valid JSON (${(error as Error).message})` }],
    };
  }
  return validateTheme(data, options);
}
