/** Light or dark: the two colour variants every theme has. */
export type ColorMode = 'light' | 'dark';

/** Theme settings that are not CSS values but decide some derived tokens. */
export interface DerivationSettings {
  launcherShape: 'circle' | 'rounded' | 'square';
  panelHeader: 'brand' | 'plain';
}

/** What a derivation rule can see: the mode, other tokens' resolved values and the settings. */
export interface DeriveContext {
  mode: ColorMode;
  /** The resolved, concrete value of another token in the same mode. */
  get(key: string): string;
  /** The resolved value of a token in light mode (dark defaults start from it). */
  light(key: string): string;
  settings: DerivationSettings;
}
