import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateTheme } from '../../src/schema/validate';

describe('validateTheme', () => {
  test('a minimal document gets every setting’s default and keeps only what it sets', () => {
    const result = validateTheme({ version: 1, tokens: { 'color-primary': 'rgb(255 0 0)' } });
    assert.ok(result.ok);
    assert.deepEqual(result.theme, {
      version: 1,
      name: null,
      preset: null,
      colorScheme: 'auto',
      position: 'bottom-right',
      tokens: { 'color-primary': '#ff0000' },
      dark: {},
      launcher: { shape: 'circle', icon: 'chat', label: null },
      panel: { header: 'brand' },
      brand: { botName: null, logoUrl: null, avatarUrl: null },
      font: { url: null },
    });
  });

  test('normalises every kind of value', () => {
    const result = validateTheme({
      version: 1,
      tokens: {
        radius: 8,
        'font-size-scale': '1.25',
        'font-family': 'Inter, sans-serif',
        'color-border': 'rgb(0 0 0 / 25%)',
      },
      brand: { botName: '  Benefits   Bot ' },
      font: { url: 'https://fonts.googleapis.com/css2?family=Inter' },
    });
    assert.ok(result.ok);
    assert.deepEqual(result.theme.tokens, {
      radius: '8px',
      'font-size-scale': '1.25',
      'font-family': "'Inter', sans-serif",
      'color-border': '#00000040',
    });
    assert.equal(result.theme.brand.botName, 'Benefits Bot');
  });

  test('reports every bad field at once, each with its path and reason', () => {
    const result = validateTheme({
      version: 2,
      colorScheme: 'sepia',
      tokens: { 'color-primary': 'blurple', 'launcher-size': '4px', 'palette-primary-100': '#fff' },
      dark: { radius: '2px' },
      launcher: { shape: 'circle', extra: true },
      brand: 'Acme',
    });
    assert.ok(!result.ok);
    const byPath = Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
    assert.match(byPath.version!, /must be 1/);
    assert.match(byPath.colorScheme!, /"light", "dark", "auto"/);
    assert.match(byPath['tokens.color-primary']!, /not a CSS colour/);
    assert.match(byPath['tokens.launcher-size']!, /between 40px and 96px/);
    assert.match(byPath['tokens.palette-primary-100']!, /not a token/);
    assert.match(byPath['dark.radius']!, /only colours/);
    assert.match(byPath['launcher.extra']!, /not a theme field/);
    assert.match(byPath.brand!, /must be an object/);
  });

  test('suggests the intended token for a misspelt name', () => {
    const result = validateTheme({ version: 1, tokens: { 'color-primray': '#fff' } });
    assert.ok(!result.ok);
    assert.match(result.errors[0]!.message, /did you mean "color-primary"/);
  });

  test('refuses documents that are not objects', () => {
    for (const input of [null, 'theme', 42, [], undefined]) {
      const result = validateTheme(input);
      assert.ok(!result.ok);
      assert.deepEqual(result.errors, [{ path: '', message: 'a theme must be a JSON object' }]);
    }
  });

  test('URL rules come from the caller', () => {
    const logo = 'https://cdn.acme.example/logo.png';
    assert.equal(validateTheme({ version: 1, brand: { logoUrl: logo } }).ok, false);
    const allowed = validateTheme(
      { version: 1, brand: { logoUrl: logo } },
      { imageHosts: ['cdn.acme.example'] },
    );
    assert.ok(allowed.ok && allowed.theme.brand.logoUrl === logo);
    const fontUrl = 'https://fonts.acme.example/inter.css';
    assert.equal(
      validateTheme({ version: 1, font: { url: fontUrl } }, { fontHosts: ['fonts.acme.example'] })
        .ok,
      true,
    );
  });

  test('a validated theme validates again to itself', () => {
    const first = validateTheme({
      version: 1,
      name: 'Acme',
      tokens: { 'color-primary': 'hsl(20 80% 40%)', spacing: '0.5rem' },
      dark: { 'color-surface': '#101010' },
    });
    assert.ok(first.ok);
    const second = validateTheme(JSON.parse(JSON.stringify(first.theme)));
    assert.deepEqual(second, first);
  });
});
