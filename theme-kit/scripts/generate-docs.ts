// Regenerates the token table in docs/theme.md and README.md, and theme-kit/schema/theme.v1.json.
// Usage: npm run docs -w theme-kit   (a test fails when either is stale)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { jsonSchemaText, withTokenTable } from './token-docs';

const tables = [
  new URL('../../docs/theme.md', import.meta.url),
  new URL('../../README.md', import.meta.url),
];
const schemaDir = new URL('../schema/', import.meta.url);

for (const file of tables) writeFileSync(file, withTokenTable(readFileSync(file, 'utf8')));
mkdirSync(schemaDir, { recursive: true });
writeFileSync(new URL('theme.v1.json', schemaDir), jsonSchemaText());
console.log('wrote docs/theme.md, README.md and theme-kit/schema/theme.v1.json');
