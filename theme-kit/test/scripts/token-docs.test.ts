import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { jsonSchemaText, tokenTableMarkdown, withTokenTable } from '../../scripts/token-docs';
import { tokenNames } from '../../src/tokens/registry';

const stale = 'is stale: run `npm run docs -w theme-kit`';

test('docs/theme.md carries the current table of every variable', () => {
  const docs = readFileSync(new URL('../../../docs/theme.md', import.meta.url), 'utf8');
  assert.equal(docs, withTokenTable(docs), `docs/theme.md ${stale}`);
  const table = tokenTableMarkdown();
  for (const name of tokenNames) assert.ok(table.includes(`| \`${name}\` |`), name);
});

test('theme-kit/schema/theme.v1.json is the current JSON Schema', () => {
  // Compared as data: the repository formatter may re-wrap the file.
  const schema = JSON.parse(
    readFileSync(new URL('../../schema/theme.v1.json', import.meta.url), 'utf8'),
  );
  assert.deepEqual(schema, JSON.parse(jsonSchemaText()), `theme.v1.json ${stale}`);
  assert.equal(schema.properties.tokens.additionalProperties, false);
  assert.equal(schema.properties.tokens.properties['color-primary'].default, '#2563eb');
});
