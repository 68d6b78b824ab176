import type { z } from 'zod';
import { modeTokenKeys, settableTokenKeys } from '../tokens/registry';
import { createThemeSchema, type Theme, type ValidateOptions } from './theme-schema';

/** One reason a theme was refused: the field (dotted path) and why. */
export interface ThemeFieldError {
  /** Dotted path of the field, e.g. `tokens.color-primary`; empty for the document itself. */
  path: string;
  message: string;
}

/** The outcome of {@link validateTheme}. */
export type ThemeValidation = { ok: true; theme: Theme } | { ok: false; errors: ThemeFieldError[] };

const schemas = new Map<string, ReturnType<typeof createThemeSchema>>();

function schemaFor(options: ValidateOptions) {
  const cacheKey = JSON.stringify([options.fontHosts ?? null, options.imageHosts ?? null]);
  let schema = schemas.get(cacheKey);
  if (!schema) {
    schema = createThemeSchema(options);
    if (schemas.size > 32) schemas.clear();
    schemas.set(cacheKey, schema);
  }
  return schema;
}

/**
 * Validates untrusted theme JSON (already parsed) and returns the typed,
 * normalised theme, or every problem at once, each naming its field. Values
 * are parsed and re-serialised, never copied, so nothing in the input can
 * reach CSS as written.
 */
export function validateTheme(input: unknown, options: ValidateOptions = {}): ThemeValidation {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ path: '', message: 'a theme must be a JSON object' }] };
  }
  const result = schemaFor(options).safeParse(input);
  if (result.success) return { ok: true, theme: result.data };
  return { ok: false, errors: result.error.issues.flatMap(toFieldErrors) };
}

function toFieldErrors(issue: z.core.$ZodIssue): ThemeFieldError[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: path ? `${path}.${key}` : key,
      message: unknownFieldMessage(key, issue.path),
    }));
  }
  // Keep messages written for a field; only reword zod's generic ones.
  if (!issue.message.startsWith('Invalid')) return [{ path, message: issue.message }];
  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'object' ? 'an object' : `a ${issue.expected}`;
    return [{ path, message: `must be ${expected}` }];
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return [
      { path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` },
    ];
  }
  return [{ path, message: issue.message }];
}

function unknownFieldMessage(key: string, parent: PropertyKey[]): string {
  const scope = parent[0];
  if (scope !== 'tokens' && scope !== 'dark') return 'is not a theme field';
  const keys = scope === 'tokens' ? settableTokenKeys : modeTokenKeys;
  const near = keys.find((candidate) => editDistance(candidate, key) <= 2);
  const hint = near ? ` (did you mean "${near}"?)` : '';
  return scope === 'dark' && settableTokenKeys.includes(key as never)
    ? 'only colours have a dark-mode value'
    : `is not a token this theme schema defines${hint}`;
}

/** Levenshtein distance, for "did you mean" hints on misspelt token names. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length]!;
}
