// Builds the generated parts of docs/theme.md and the published JSON Schema
// from the token registry, so the docs cannot drift from the code.
import {
  defaultTheme,
  themeJsonSchema,
  themeToTokens,
  tokenPrefix,
  tokenSpecs,
} from '../src/index';
import type { DarkDerivation, Derivation, TokenSpec } from '../src/tokens/spec';

/** Where the generated table sits in docs/theme.md and README.md. */
export const tableStart = '<!-- BEGIN GENERATED: tokens (npm run docs -w theme-kit) -->';
/** End marker of the generated table. */
export const tableEnd = '<!-- END GENERATED: tokens -->';

const code = (text: string) => `\`${text.replace(/\|/g, '\\|')}\``;

function describeRule(rule: Derivation): string {
  switch (rule.rule) {
    case 'alias':
      return `follows ${code(tokenPrefix + rule.of)}`;
    case 'on':
      return `white or near-black, whichever reads better on ${code(tokenPrefix + rule.of)}`;
    case 'quiet':
      return `${code(tokenPrefix + rule.of)} mixed ${Math.round(rule.amount * 100)}% toward the surface`;
    case 'loud':
      return `${code(tokenPrefix + rule.of)} mixed ${Math.round(rule.amount * 100)}% toward the text colour`;
    case 'text-tone':
      return `text mixed ${Math.round(rule.amount * 100)}% toward the surface, at least ${rule.ratio}:1 on it`;
    case 'readable':
      return `${code(tokenPrefix + rule.of)}, adjusted to at least ${rule.ratio}:1 on the surface`;
    case 'palette':
      return `shade ${rule.stop} of ${code(tokenPrefix + rule.of)} (light mode)`;
    case 'launcher-radius':
      return 'from `launcher.shape`: circle 50%, rounded 30%, square 12%';
    case 'header':
      return `from \`panel.header\`: brand colour or plain surface (${rule.part})`;
  }
}

function describeDark(rule: DarkDerivation): string {
  switch (rule.rule) {
    case 'dark-surface':
      return 'deep neutral tinted with the brand hue';
    case 'dark-text':
      return 'soft off-white, at least 7:1 on the dark surface';
    case 'dark-readable':
      return `light value, lightened to at least ${rule.ratio}:1 on the dark surface`;
  }
}

/** The Markdown table of every `--parley-*` variable with its default and meaning. */
export function tokenTableMarkdown(): string {
  const resolved = themeToTokens(defaultTheme());
  const rows = (tokenSpecs as readonly TokenSpec[]).map((spec) => {
    const light = resolved.light[spec.key as keyof typeof resolved.light];
    const dark = resolved.dark[spec.key as keyof typeof resolved.dark];
    const rule = spec.derive ? ` (${describeRule(spec.derive)})` : '';
    const darkCell =
      dark.css === light.css
        ? 'same'
        : `${code(dark.value)}${spec.dark ? ` (${describeDark(spec.dark)})` : ''}`;
    const settable = spec.settable ? '' : ' Generated; not settable.';
    return `| ${code(tokenPrefix + spec.key)} | ${spec.tier} | ${spec.kind} | ${code(light.value)}${rule} | ${darkCell} | ${spec.description}${settable} |`;
  });
  return [
    tableStart,
    '',
    `${tokenSpecs.length} variables. Defaults are those of the neutral preset.`,
    '',
    '| variable | tier | type | default (light) | dark | meaning |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    tableEnd,
  ].join('\n');
}

/** A Markdown document with its generated table replaced by the current one. */
export function withTokenTable(markdown: string): string {
  const start = markdown.indexOf(tableStart);
  const end = markdown.indexOf(tableEnd);
  if (start < 0 || end < start) throw new Error('the document lacks the generated-table markers');
  return markdown.slice(0, start) + tokenTableMarkdown() + markdown.slice(end + tableEnd.length);
}

/** The JSON Schema file's text. */
export function jsonSchemaText(): string {
  return `${JSON.stringify(themeJsonSchema(), null, 2)}\n`;
}
