import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { errorCatalogue } from '../src/errors';

test("the error catalogue and the README's error table agree", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const rows = new Map<string, number>();
  for (const match of readme.matchAll(/^\| `(PARLEY_[A-Z_]+)` \| (\d{3}) \|/gm)) {
    rows.set(match[1]!, Number(match[2]));
  }
  const catalogue = new Map(
    Object.entries(errorCatalogue).map(([code, { status }]) => [code, status]),
  );
  assert.deepEqual([...rows.keys()].sort(), [...catalogue.keys()].sort());
  for (const [code, status] of catalogue) assert.equal(rows.get(code), status, `${code} status`);
});
