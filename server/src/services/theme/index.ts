/** The theme service: tenants' themes with history, logos and avatars, and the widget's theme block. */
export {
  AssetService,
  type AssetView,
  assetLimits,
  assetPath,
  parseAssetPath,
} from './asset-service';
export { type CurrentTheme, currentThemeOf, parseIfMatch, revisionEtag } from './current-theme';
export {
  type AssetCheck,
  type RevisionSummary,
  type SaveResult,
  ThemeService,
  type ThemeServiceOptions,
  themeValidationError,
} from './theme-service';
export {
  effectiveVariables,
  type WidgetThemeOptions,
  type WidgetThemePayload,
  widgetThemePayload,
} from './widget-payload';
