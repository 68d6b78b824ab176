import type { ColorMode } from './derive/context';
import { type ResolvedTokens, resolveTokens } from './derive/resolve';
import type { Theme } from './schema/theme-schema';
import { type TokenName, tokenPrefix, tokenSpecs } from './tokens/registry';

/** The custom properties of a theme: every token for light mode and the colours that change in dark. */
export interface ThemeCss {
  /** Every `--parley-*` property → value (light mode, or dark when the scheme is `dark`). */
  variables: Record<TokenName, string>;
  /** Properties whose value differs in dark mode; applied over `variables` when dark is active. */
  dark: Partial<Record<TokenName, string>>;
}

/** Both modes of a theme resolved to concrete values, for the editor and contrast checks. */
export function themeToTokens(theme: Theme): Record<ColorMode, ResolvedTokens> {
  return resolveTokens({
    tokens: theme.tokens,
    dark: theme.dark,
    settings: { launcherShape: theme.launcher.shape, panelHeader: theme.panel.header },
  });
}

/**
 * The theme as `--parley-*` name → value maps. Values come only from
 * validated, normalised tokens and derivations, so they are safe to pass to
 * `style.setProperty`. With `colorScheme: 'dark'`, `variables` already holds
 * the dark values and `dark` is empty.
 */
export function themeToCss(theme: Theme): ThemeCss {
  const resolved = themeToTokens(theme);
  const lightVars = toVariables(resolved.light);
  const darkVars = toVariables(resolved.dark);
  const changed = Object.fromEntries(
    Object.entries(darkVars).filter(([name, value]) => lightVars[name as TokenName] !== value),
  ) as Partial<Record<TokenName, string>>;
  if (theme.colorScheme === 'dark') return { variables: darkVars, dark: {} };
  return { variables: lightVars, dark: changed };
}

function toVariables(tokens: ResolvedTokens): Record<TokenName, string> {
  return Object.fromEntries(
    tokenSpecs.map((spec) => [`${tokenPrefix}${spec.key}`, assertSafe(tokens[spec.key].css)]),
  ) as Record<TokenName, string>;
}

/** Options for {@link themeToCssText}. */
export interface CssTextOptions {
  /** The rule's selector; `parley-chat` suits a host page stylesheet, `:host` a shadow root. */
  selector?: string;
}

/**
 * The theme as a stylesheet a developer can paste: one rule with every
 * property, plus a `prefers-color-scheme: dark` block when the scheme is
 * `auto`, and a `[data-color-scheme]` hook so a page can force either mode.
 */
export function themeToCssText(theme: Theme, options: CssTextOptions = {}): string {
  const selector = options.selector ?? 'parley-chat';
  if (!/^[a-z][a-z0-9-]*$|^:host$/.test(selector))
    throw new Error(`unsupported selector: ${selector}`);
  const { variables, dark } = themeToCss(theme);
  const block = (sel: string, vars: Partial<Record<string, string>>, indent = '') =>
    `${indent}${sel} {\n${Object.entries(vars)
      .map(([name, value]) => `${indent}  ${name}: ${value};`)
      .join('\n')}\n${indent}}\n`;
  let css = block(selector, variables);
  if (Object.keys(dark).length > 0) {
    const forced =
      selector === ':host'
        ? ":host([data-color-scheme='dark'])"
        : `${selector}[data-color-scheme='dark']`;
    if (theme.colorScheme === 'auto') {
      css += `@media (prefers-color-scheme: dark) {\n${block(selector, dark, '  ')}}\n`;
    }
    css += block(forced, dark);
  }
  return css;
}

/**
 * Defence in depth: every value is produced by a parser or a derivation,
 * but one last check that nothing can close the declaration costs nothing.
 */
function assertSafe(value: string): string {
  if (!/^[\p{L}\p{N} #,.'%()_-]+$/u.test(value) || /url\(|expression\(/i.test(value)) {
    throw new Error(`theme-kit: refusing unsafe CSS value ${JSON.stringify(value)}`);
  }
  return value;
}
