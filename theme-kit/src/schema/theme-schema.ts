import { z } from 'zod';
import {
  type ModeTokenKey,
  modeTokenKeys,
  type SettableTokenKey,
  settableTokenKeys,
  tokenSpec,
} from '../tokens/registry';
import type { TokenSpec } from '../tokens/spec';
import { parseColor } from '../values/color';
import { parseFontFamily, parseLength, parseNumber, parseText } from '../values/css-values';
import type { ParseResult } from '../values/result';
import { defaultFontHosts, parseUrl } from '../values/url';
import {
  colorSchemes,
  headerStyles,
  launcherIcons,
  launcherShapes,
  positions,
  presetIds,
} from './options';

/** Where URLs in a theme may point; the server passes its own lists. */
export interface ValidateOptions {
  /** Hosts font stylesheets may come from (default: Google Fonts, Bunny Fonts, Adobe Fonts). */
  fontHosts?: readonly string[];
  /** Hosts logos and avatars may come from besides uploads (default: none, uploads only). */
  imageHosts?: readonly string[];
}

/** Wraps a value parser as a zod field; its refusal reason becomes the field's error. */
function parsed(
  parse: (input: unknown) => ParseResult,
  jsonType: string | string[],
  description: string,
) {
  return z
    .unknown()
    .transform((input, ctx) => {
      const result = parse(input);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.reason });
      return z.NEVER;
    })
    .meta({ type: jsonType, description });
}

/** The parser for one token's values, chosen by its kind. */
export function tokenParser(spec: TokenSpec): (input: unknown) => ParseResult {
  switch (spec.kind) {
    case 'color':
      return (input) => parseColor(input, { allowAlpha: spec.alpha === true });
    case 'length':
      return (input) => parseLength(input, spec.length!);
    case 'number':
      return (input) => parseNumber(input, spec.number!);
    case 'font-family':
      return parseFontFamily;
  }
}

function tokenField(key: string) {
  const spec = tokenSpec(key)!;
  const jsonType =
    spec.kind === 'length' || spec.kind === 'number' ? ['string', 'number'] : 'string';
  return parsed(tokenParser(spec), jsonType, spec.description).optional();
}

const text = (max: number, description: string) =>
  parsed((input) => parseText(input, { max }), 'string', description)
    .nullable()
    .default(null);

/** Builds the zod schema of a theme document (version 1) for a set of URL rules. */
export function createThemeSchema(options: ValidateOptions = {}) {
  const fontHosts = options.fontHosts ?? defaultFontHosts;
  const imageHosts = options.imageHosts ?? [];
  const image = (label: string) =>
    parsed(
      (input) => parseUrl(input, { hosts: imageHosts, assetPaths: true, label }),
      'string',
      `${label} (https or uploaded)`,
    )
      .nullable()
      .default(null);
  const tokens = Object.fromEntries(
    settableTokenKeys.map((key) => [key, tokenField(key)]),
  ) as Record<SettableTokenKey, ReturnType<typeof tokenField>>;
  const dark = Object.fromEntries(modeTokenKeys.map((key) => [key, tokenField(key)])) as Record<
    ModeTokenKey,
    ReturnType<typeof tokenField>
  >;
  return (
    z
      .strictObject({
        $schema: z.string().max(200).optional(),
        version: z.literal(1, { error: 'must be 1 (the theme schema version this kit reads)' }),
        name: text(60, 'Display name of the theme.'),
        preset: z
          .enum(presetIds)
          .nullable()
          .default(null)
          .meta({ description: 'The preset it started from.' }),
        colorScheme: z.enum(colorSchemes).default('auto').meta({
          description: 'light, dark, or auto (follows the visitor’s system setting).',
        }),
        position: z.enum(positions).default('bottom-right'),
        tokens: z
          .strictObject(tokens)
          .default({})
          .meta({ description: 'Light-mode token values.' }),
        dark: z.strictObject(dark).default({}).meta({ description: 'Dark-mode colour overrides.' }),
        launcher: z
          .strictObject({
            shape: z.enum(launcherShapes).default('circle'),
            icon: z.enum(launcherIcons).default('chat'),
            label: text(24, 'Text beside the launcher icon; none shows the icon only.'),
          })
          .prefault({}),
        panel: z.strictObject({ header: z.enum(headerStyles).default('brand') }).prefault({}),
        brand: z
          .strictObject({
            botName: text(40, 'Name shown in the panel header.'),
            logoUrl: image('Logo'),
            avatarUrl: image('Assistant avatar'),
          })
          .prefault({}),
        font: z
          .strictObject({
            url: parsed(
              (input) => parseUrl(input, { hosts: fontHosts, label: 'font stylesheet' }),
              'string',
              'Web font stylesheet (allow-listed https host).',
            )
              .nullable()
              .default(null),
          })
          .prefault({}),
      })
      // `$schema` only helps editors; dropping it keeps stored themes free of `$` keys (MongoDB).
      .transform(({ $schema: _schema, ...theme }) => theme)
  );
}

/** The schema's output: a validated, normalised theme. */
export type Theme = z.output<ReturnType<typeof createThemeSchema>>;

/** What a theme document may contain before validation (for typed literals like presets). */
export type ThemeInput = z.input<ReturnType<typeof createThemeSchema>>;

/** The explicit token values a theme sets. */
export type ThemeTokens = Theme['tokens'];

/** Dark-mode colour overrides. */
export type ThemeDarkTokens = Theme['dark'];
