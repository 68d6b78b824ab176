import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const src = new URL('../src/', import.meta.url);

test('the core uses neither Node-only nor DOM APIs (the widget and the server both import it)', () => {
  const files = readdirSync(src, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'));
  const offences: string[] = [];
  for (const file of files) {
    const code = readFileSync(new URL(file, src), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    if (/from ['"](node:|fs|path|crypto|buffer|process)/.test(code))
      offences.push(`${file}: Node import`);
    if (/\b(process|Buffer|__dirname|require)\b[.(]/.test(code))
      offences.push(`${file}: Node global`);
    if (/\b(document|window|navigator|localStorage|HTMLElement|getComputedStyle)\b/.test(code))
      offences.push(`${file}: DOM`);
  }
  assert.deepEqual(offences, []);
});
