/** Public surface of theme-kit: token schema, validation, CSS generation, presets, contrast. */

export { type ContrastCheck, checkContrast, contrastPairs } from './contrast/check';
export { nearestPassingShade, onColor } from './contrast/suggest';
export {
  type ContrastUse,
  contrastRatio,
  meetsContrast,
  relativeLuminance,
  requiredRatio,
  wcagRatios,
} from './contrast/wcag';
export {
  type CssTextOptions,
  type ThemeCss,
  themeToCss,
  themeToCssText,
  themeToTokens,
} from './css';
export type { ColorMode } from './derive/context';
export type { ResolvedToken, ResolvedTokens } from './derive/resolve';
export { exportTheme, importTheme, maxThemeJsonBytes } from './io';
export { defaultTheme, listPresets, type Preset, presetTheme } from './presets/presets';
export { themeJsonSchema } from './schema/json-schema';
export {
  colorSchemes,
  headerStyles,
  launcherIcons,
  launcherShapes,
  type PresetId,
  positions,
  presetIds,
  themeSchemaUrl,
  themeSchemaVersion,
} from './schema/options';
export type {
  Theme,
  ThemeDarkTokens,
  ThemeInput,
  ThemeTokens,
  ValidateOptions,
} from './schema/theme-schema';
export { type ThemeFieldError, type ThemeValidation, validateTheme } from './schema/validate';
export {
  isTokenName,
  type ModeTokenKey,
  modeTokenKeys,
  type SettableTokenKey,
  settableTokenKeys,
  type TokenKey,
  type TokenName,
  tokenNames,
  tokenPrefix,
  tokenSpec,
  tokenSpecs,
} from './tokens/registry';
export type { Derivation, TokenGroup, TokenKind, TokenSpec, TokenTier } from './tokens/spec';
export { parseColor } from './values/color';
export { parseFontFamily, parseLength, parseNumber, parseText } from './values/css-values';
export type { ParseResult } from './values/result';
export { assetPathPattern, defaultFontHosts, parseUrl } from './values/url';
