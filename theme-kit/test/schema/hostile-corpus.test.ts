import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { themeToCssText } from '../../src/css';
import { validateTheme } from '../../src/schema/validate';
import { settableTokenKeys } from '../../src/tokens/registry';

/** Values an attacker (or a careless paste) might put in any token. */
const hostile = [
  'red; background: url(https://evil.example/x)',
  'red;}body{display:none',
  '#fff}',
  '{',
  'red !important',
  'url(javascript:alert(1))',
  'javascript:alert(1)',
  'expression(alert(1))',
  'EXPRESSION (alert(1))',
  '@import url(evil.css)',
  '@import "evil.css"',
  '"unbalanced',
  "'unbalanced",
  'rgb(1, 2, 3',
  'rgb(1, 2, 3))',
  '</style><script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '/* comment */ red',
  'red /*',
  '\\72 ed',
  '\\65 xpression(alert(1))',
  'red\n;color:blue',
  'red\u0000',
  'red\u2028',
  'var(--parley-color-primary)',
  'attr(data-x)',
  'env(safe-area-inset-top)',
  'image-set("x.png" 1x)',
  'calc(100vw)',
  'data:text/css,body{}',
  '`red`',
  '   ',
  '',
  'a'.repeat(10_000),
];

const nonStrings: unknown[] = [
  null,
  true,
  [],
  ['red'],
  { toString: 'red' },
  { $gt: '' },
  Number.NaN,
];

describe('hostile value corpus', () => {
  test('every settable token refuses every hostile value, naming the field', () => {
    for (const key of settableTokenKeys) {
      for (const value of [...hostile, ...nonStrings]) {
        const result = validateTheme({ version: 1, tokens: { [key]: value } });
        assert.equal(result.ok, false, `${key} accepted ${JSON.stringify(value)}`);
        assert.ok(!result.ok && result.errors.some((e) => e.path === `tokens.${key}`), key);
      }
    }
  });

  test('text and URL fields refuse markup, control characters and script URLs', () => {
    const bad = [
      { brand: { botName: '<script>alert(1)</script>' } },
      { brand: { botName: 'Bot\u202Eevil' } },
      { brand: { logoUrl: 'javascript:alert(1)' } },
      { brand: { logoUrl: 'https://evil.example/logo.png' } },
      { brand: { avatarUrl: 'data:image/svg+xml,<svg onload=alert(1)>' } },
      { launcher: { label: 'x'.repeat(100) } },
      { font: { url: 'https://evil.example/font.css' } },
      { font: { url: 'http://fonts.googleapis.com/css2?family=Inter' } },
    ];
    for (const fields of bad) {
      assert.equal(validateTheme({ version: 1, ...fields }).ok, false, JSON.stringify(fields));
    }
  });

  test('prototype keys and unknown fields are refused, not merged', () => {
    const input = JSON.parse(
      '{"version":1,"tokens":{"__proto__":{"polluted":true}},"constructor":{"x":1}}',
    );
    const result = validateTheme(input);
    assert.equal(result.ok, false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.ok(!result.ok && result.errors.some((e) => e.path === 'tokens.__proto__'));
    assert.ok(!result.ok && result.errors.some((e) => e.path === 'constructor'));
  });

  test('whatever text a token accepts comes out as one well-formed declaration', () => {
    const bases = [
      '#2563eb',
      'red',
      'rgb(1 2 3)',
      '12px',
      '1.5',
      'Inter, sans-serif',
      "'Segoe UI'",
    ];
    const fragments = [
      ';',
      '}',
      '{',
      '/*',
      '*/',
      '\\',
      '"',
      "'",
      '(',
      ')',
      '<',
      '@',
      '!',
      'url(',
      ' ',
      ',',
    ];
    const value = fc
      .tuple(fc.constantFrom(...bases), fc.constantFrom(...fragments), fc.string({ maxLength: 6 }))
      .map(([base, fragment, tail]) => `${base}${fragment}${tail}`);
    fc.assert(
      fc.property(
        fc.constantFrom(...settableTokenKeys),
        fc.oneof(value, fc.string({ maxLength: 30 })),
        (key, raw) => {
          const result = validateTheme({ version: 1, tokens: { [key]: raw } });
          if (!result.ok) return;
          const lines = themeToCssText(result.theme)
            .split('\n')
            .filter((line) => line.includes('--parley-'));
          for (const line of lines)
            assert.match(line, /^\s*--parley-[a-z0-9-]+: [^;{}<>\\@!`"]+;$/u);
        },
      ),
      { numRuns: 600, seed: 7 },
    );
  });
});
