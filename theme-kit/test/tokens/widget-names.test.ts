import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { isTokenName } from '../../src/tokens/registry';

const widgetSrc = new URL('../../../widget/src/', import.meta.url);

test('every --parley- variable the widget styles use is defined by the schema', () => {
  const files = readdirSync(widgetSrc, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.styles.ts'));
  assert.ok(files.length > 0, 'found the widget style files');
  const unknown: string[] = [];
  for (const file of files) {
    const css = readFileSync(new URL(file, widgetSrc), 'utf8');
    for (const [name] of css.matchAll(/--parley-[a-z0-9-]*[a-z0-9]/g)) {
      if (!isTokenName(name)) unknown.push(`${file}: ${name}`);
    }
  }
  assert.deepEqual(unknown, []);
});
