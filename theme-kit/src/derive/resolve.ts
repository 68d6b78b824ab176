import { type TokenKey, tokenPrefix, tokenSpec, tokenSpecs } from '../tokens/registry';
import type { ColorMode, DerivationSettings, DeriveContext } from './context';
import { applyDarkRule, applyRule } from './rules';

/** One token's value in one mode. */
export interface ResolvedToken {
  /** The concrete value (aliases followed): what contrast checks and the editor use. */
  value: string;
  /** The CSS value to emit: the concrete value or `var(--parley-…)` for an alias. */
  css: string;
  /** Where it came from: set by the theme, a literal default, or derived from other tokens. */
  source: 'theme' | 'default' | 'derived';
}

/** Every token resolved in one mode. */
export type ResolvedTokens = Record<TokenKey, ResolvedToken>;

/** What resolution needs: explicit values per mode and the settings rules read. */
export interface ResolveInput {
  tokens: Partial<Record<string, string>>;
  dark: Partial<Record<string, string>>;
  settings: DerivationSettings;
}

/**
 * Resolves every token in light and dark mode. Values are computed lazily
 * and memoised, so rules may refer to tokens declared after them; a cycle
 * in the registry is a programming error and throws. In dark mode, a colour
 * takes the theme's dark value, else its dark rule, else its light rule
 * re-applied to the dark surface and text.
 */
export function resolveTokens(input: ResolveInput): Record<ColorMode, ResolvedTokens> {
  const memo: Record<ColorMode, Map<string, ResolvedToken>> = { light: new Map(), dark: new Map() };
  const active = new Set<string>();

  const context = (mode: ColorMode): DeriveContext => ({
    mode,
    get: (key) => resolve(mode, key).value,
    light: (key) => resolve('light', key).value,
    settings: input.settings,
  });

  function resolve(mode: ColorMode, key: string): ResolvedToken {
    const cached = memo[mode].get(key);
    if (cached) return cached;
    const id = `${mode}:${key}`;
    if (active.has(id)) throw new Error(`theme-kit: token derivation cycle at ${id}`);
    active.add(id);
    try {
      const token = compute(mode, key);
      memo[mode].set(key, token);
      return token;
    } finally {
      active.delete(id);
    }
  }

  function compute(mode: ColorMode, key: string): ResolvedToken {
    const spec = tokenSpec(key);
    if (!spec) throw new Error(`theme-kit: unknown token ${key}`);
    const modal = spec.settable && spec.kind === 'color';
    if (mode === 'dark' && !modal) return resolve('light', key);
    const explicit = mode === 'dark' ? input.dark[key] : input.tokens[key];
    if (explicit !== undefined) return { value: explicit, css: explicit, source: 'theme' };
    // A component colour the admin picked ("our launcher is red") is meant for
    // both modes; semantic colours depend on the surface and are re-derived.
    if (mode === 'dark' && spec.tier === 'component' && input.tokens[key] !== undefined) {
      return resolve('light', key);
    }
    if (mode === 'dark' && spec.dark) {
      const value = applyDarkRule(spec.dark, key, context('dark'));
      return { value, css: value, source: 'derived' };
    }
    if (spec.derive) {
      const derived = applyRule(spec.derive, context(mode));
      if ('alias' in derived) {
        const target = resolve(mode, derived.alias);
        return {
          value: target.value,
          css: `var(${tokenPrefix}${derived.alias})`,
          source: 'derived',
        };
      }
      return { value: derived.value, css: derived.value, source: 'derived' };
    }
    if (spec.default === undefined) throw new Error(`theme-kit: ${key} has no default`);
    return { value: spec.default, css: spec.default, source: 'default' };
  }

  const all = (mode: ColorMode) =>
    Object.fromEntries(
      tokenSpecs.map((spec) => [spec.key, resolve(mode, spec.key)]),
    ) as ResolvedTokens;
  return { light: all('light'), dark: all('dark') };
}
