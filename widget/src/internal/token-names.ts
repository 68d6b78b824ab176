/**
 * Which `--parley-*` names a tenant theme may set: theme-kit's token tiers,
 * matched by pattern rather than spelled out, because the full list costs
 * ~140 B gzip in the loader, which every visitor pays before the launcher
 * appears. Palette stops, semantic colours, type, spacing, radius, the
 * stacking level and the component groups (launcher, panel, bubble) pass;
 * anything else is refused: other prefixes, the widget's private
 * `--_parley-*` variables (colour scheme, visual viewport), names outside
 * the tiers, anything that is not lowercase words joined by hyphens.
 * `token-names.test.ts` checks every theme-kit name matches and hostile or
 * unknown names do not.
 */
const pattern =
  /^--parley-(?:palette-(?:primary|accent|neutral)-[1-9]00|(?:color|font|launcher|panel|bubble)(?:-[a-z]+)+|line-height|spacing(?:-scale)?|radius|z-index)$/;

/** Whether `name` is a theme token a tenant may set (see the pattern above). */
export function isTokenName(name: string): boolean {
  return pattern.test(name);
}
