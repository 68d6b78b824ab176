import { paletteTokens, semanticColorTokens } from './color-tokens';
import { componentTokens, foundationTokens } from './size-tokens';
import type { TokenSpec } from './spec';

/** Every token, in documentation order: the single source for names, types, validation and docs. */
export const tokenSpecs = [
  ...semanticColorTokens,
  ...foundationTokens,
  ...componentTokens,
  ...paletteTokens,
] as const;

type AnySpec = (typeof tokenSpecs)[number];

/** The key of any token (`color-primary`). */
export type TokenKey = AnySpec['key'];

/** Keys a theme may set. */
export type SettableTokenKey = Extract<AnySpec, { settable: true }>['key'];

/** Keys of colours that take a different value in dark mode. */
export type ModeTokenKey = Extract<AnySpec, { settable: true; kind: 'color' }>['key'];

/** A custom property name (`--parley-color-primary`). */
export type TokenName = `--parley-${TokenKey}`;

/** The custom property prefix every token shares. */
export const tokenPrefix = '--parley-';

const byKey = new Map<string, TokenSpec>(tokenSpecs.map((spec) => [spec.key, spec]));

/** The spec of a token by key; undefined for unknown keys. */
export function tokenSpec(key: string): TokenSpec | undefined {
  return byKey.get(key);
}

/** Keys of tokens a theme may set, in order. */
export const settableTokenKeys = tokenSpecs
  .filter((spec) => spec.settable)
  .map((spec) => spec.key) as SettableTokenKey[];

/** Keys of colour tokens that have a dark-mode value, in order. */
export const modeTokenKeys = tokenSpecs
  .filter((spec) => spec.settable && spec.kind === 'color')
  .map((spec) => spec.key) as ModeTokenKey[];

/** Every `--parley-*` custom property the schema defines; the widget checks names against it. */
export const tokenNames: readonly TokenName[] = Object.freeze(
  tokenSpecs.map((spec) => `${tokenPrefix}${spec.key}` as TokenName),
);

const nameSet = new Set<string>(tokenNames);

/** Whether a string is a custom property this schema defines. */
export function isTokenName(name: string): name is TokenName {
  return nameSet.has(name);
}
