import { z } from 'zod';
import { tokenSpecs } from '../tokens/registry';
import type { TokenSpec } from '../tokens/spec';
import { themeSchemaUrl } from './options';
import { createThemeSchema } from './theme-schema';

/**
 * The published JSON Schema (draft 2020-12) of theme documents, generated
 * from the zod schema and annotated with each token's default, tier and
 * kind from the registry, so editors can complete and check theme files.
 */
export function themeJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(createThemeSchema(), { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, { properties?: Record<string, Record<string, unknown>> }>;
  } & Record<string, unknown>;
  for (const scope of ['tokens', 'dark'] as const) {
    const fields = schema.properties[scope]?.properties ?? {};
    for (const spec of tokenSpecs as readonly TokenSpec[]) {
      const field = fields[spec.key];
      if (!field) continue;
      if (scope === 'tokens' && spec.default !== undefined) field.default = spec.default;
      field['x-parley-tier'] = spec.tier;
      field['x-parley-kind'] = spec.kind;
    }
  }
  return { ...schema, $id: themeSchemaUrl, title: 'Parley theme (version 1)' };
}
