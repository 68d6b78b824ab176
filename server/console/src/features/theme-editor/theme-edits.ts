import {
  type ColorMode,
  type ContrastCheck,
  presetTheme,
  type Theme,
  themeToCss,
  validateTheme,
} from '@parley/theme-kit';

/** Where a colour value lives: the light tokens or the dark overrides. */
export type TokenScope = 'tokens' | 'dark';

/** Settings the editor changes besides tokens, by dotted path. */
export type SettingPath =
  | 'name'
  | 'colorScheme'
  | 'position'
  | 'launcher.shape'
  | 'launcher.icon'
  | 'launcher.label'
  | 'panel.header'
  | 'brand.botName'
  | 'brand.logoUrl'
  | 'brand.avatarUrl'
  | 'font.url';

function revalidate(draft: unknown): Theme {
  const result = validateTheme(draft);
  // Callers pass values their control already parsed, so this only fails on a programming error.
  if (!result.ok)
    throw new Error(`theme edit produced an invalid theme: ${JSON.stringify(result.errors)}`);
  return result.theme;
}

/** The theme with one token set (a parsed value) or cleared (`null`: back to automatic). */
export function withToken(
  theme: Theme,
  scope: TokenScope,
  key: string,
  value: string | null,
): Theme {
  const draft = structuredClone(theme) as Theme & Record<TokenScope, Record<string, string>>;
  if (value === null) delete draft[scope][key];
  else draft[scope][key] = value;
  return revalidate(draft);
}

/** The theme with one setting changed. */
export function withSetting(theme: Theme, path: SettingPath, value: string | null): Theme {
  const draft = structuredClone(theme) as unknown as Record<
    string,
    Record<string, unknown> | unknown
  >;
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) draft[head] = value;
  else (draft[head] as Record<string, unknown>)[tail] = value;
  return revalidate(draft);
}

/** A preset's theme, keeping the current theme's name and uploaded images. */
export function applyPreset(theme: Theme, presetId: string): Theme {
  const preset = presetTheme(presetId);
  if (!preset) return theme;
  return revalidate({ ...preset, name: theme.name, brand: theme.brand });
}

/**
 * The variables one preview frame should show for a mode. The scheme
 * setting decides what visitors get; the preview toggle shows either mode
 * regardless, so both are computed from a light-scheme copy.
 */
export function previewVariables(theme: Theme, mode: ColorMode): Record<string, string> {
  const css = themeToCss({ ...theme, colorScheme: 'light' });
  return mode === 'dark' ? { ...css.variables, ...css.dark } : { ...css.variables };
}

/** The checks to show beside one colour control: those it takes part in or is asked to fix. */
export function checksForToken(
  checks: readonly ContrastCheck[],
  mode: ColorMode,
  key: string,
): ContrastCheck[] {
  return checks.filter(
    (check) =>
      check.mode === mode &&
      !check.passes &&
      (check.foreground === key || check.background === key || check.suggestion?.token === key),
  );
}

/** Whether two themes are the same (validated themes compare as JSON). */
export function sameTheme(a: Theme, b: Theme): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
