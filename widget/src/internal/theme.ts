import { isTokenName } from './token-names';

/**
 * Applies a tenant theme to an element's shadow root through CSSOM only
 * (no CSS text is built from tenant data, so nothing can break out of a
 * declaration, and it works under a strict CSP). The rules target `:host`,
 * so a host page's own `parley-chat { --parley-… }` rules still win.
 * Names outside theme-kit's token tiers (`isTokenName`) and values the
 * browser rejects are skipped. Returns the names that were applied.
 *
 * `scheme` is the theme's colour scheme: `light` or `dark` is forced (the
 * server already put that mode's values in `variables`), so the widget's
 * built-in defaults and native controls follow it whatever the visitor or
 * the `color-scheme` attribute prefers; `auto` applies `dark` when the
 * visitor prefers dark (or the page sets `color-scheme="dark"`).
 */
export function applyTheme(
  sheet: CSSStyleSheet,
  variables: Record<string, string> = {},
  dark: Record<string, string> = {},
  scheme: 'light' | 'dark' | 'auto' = 'auto',
): string[] {
  while (sheet.cssRules.length) sheet.deleteRule(0);
  const applied: string[] = [];
  const fill = (rule: CSSStyleRule, vars: Record<string, string>) => {
    for (const [name, value] of Object.entries(vars)) {
      if (!isTokenName(name) || /[;{}<>\\]|\/\*|url\(|expression\(/i.test(value)) continue;
      rule.style.setProperty(name, value);
      if (rule.style.getPropertyValue(name)) applied.push(name);
    }
  };
  // `:host([color-scheme])` too, so the attribute's own rule cannot outrank a forced scheme.
  sheet.insertRule(':host, :host([color-scheme]) {}', 0);
  const light = sheet.cssRules[0] as CSSStyleRule;
  fill(light, variables);
  if (scheme !== 'auto') {
    light.style.setProperty('--_parley-scheme', scheme);
    return applied;
  }
  // A theme with colours but no dark variant stays light rather than mixing
  // its light brand colours with the default dark palette.
  if (applied.length && Object.keys(dark).length === 0)
    light.style.setProperty('--_parley-scheme', 'light');
  // Dark values apply when the page asks for it or the user prefers it (unless forced light).
  sheet.insertRule(':host([color-scheme="dark"]) {}', 1);
  fill(sheet.cssRules[1] as CSSStyleRule, dark);
  sheet.insertRule(
    '@media (prefers-color-scheme: dark) { :host(:not([color-scheme="light"])) {} }',
    2,
  );
  const media = sheet.cssRules[2] as CSSMediaRule;
  fill(media.cssRules[0] as CSSStyleRule, dark);
  return applied;
}
