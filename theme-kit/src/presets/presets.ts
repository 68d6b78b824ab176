import { type PresetId, presetIds, themeSchemaVersion } from '../schema/options';
import type { Theme } from '../schema/theme-schema';
import { validateTheme } from '../schema/validate';
import { presetDefinitions } from './definitions';

/** A built-in preset, validated. */
export interface Preset {
  id: PresetId;
  name: string;
  description: string;
  theme: Theme;
}

let cache: readonly Preset[] | undefined;

/** Every built-in preset, validated once on first use. */
export function listPresets(): readonly Preset[] {
  cache ??= presetDefinitions.map((definition) => {
    const result = validateTheme({
      version: themeSchemaVersion,
      name: definition.name,
      preset: definition.id,
      ...definition.theme,
    });
    if (!result.ok) {
      throw new Error(
        `theme-kit: preset ${definition.id} is invalid: ${JSON.stringify(result.errors)}`,
      );
    }
    return {
      id: definition.id,
      name: definition.name,
      description: definition.description,
      theme: result.theme,
    };
  });
  return cache;
}

/** A preset's theme (a fresh copy, safe to edit), or undefined for an unknown id. */
export function presetTheme(id: string): Theme | undefined {
  if (!presetIds.includes(id as PresetId)) return undefined;
  const preset = listPresets().find((p) => p.id === id);
  return preset ? structuredClone(preset.theme) : undefined;
}

/** The theme a tenant has before anyone edits it: the neutral preset. */
export function defaultTheme(): Theme {
  return presetTheme('neutral')!;
}
