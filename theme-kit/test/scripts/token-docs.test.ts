import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { jsonSchemaText, tokenTableMarkdown, withTokenTable } from '../../scripts/token-docs';
import { tokenNames } from '../../src/tokens/registry';

const stale = 'is stale: run `npm run docs -w theme-kit`';

test('docs/theme.md and README.md carry the current table of every variable', () => {
  for (const file of ['docs/theme.md', 'README.md']) {
    const docs = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8');
    assert.equal(docs, withTokenTable(docs), `${file} ${stale}`);
  }
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
