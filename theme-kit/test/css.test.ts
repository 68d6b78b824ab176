import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { themeToCss, themeToCssText, themeToTokens } from '../src/css';
import { listPresets, presetTheme } from '../src/presets/presets';
import { validateTheme } from '../src/schema/validate';
import { tokenNames } from '../src/tokens/registry';
import { matchSnapshot } from './support/snapshot';

function theme(input: Record<string, unknown>) {
  const result = validateTheme({ version: 1, ...input });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  return result.theme;
}

describe('themeToCss', () => {
  test('defines every token name, and nothing else', () => {
    const { variables } = themeToCss(theme({}));
    assert.deepEqual(Object.keys(variables).sort(), [...tokenNames].sort());
  });

  test('pure aliases stay var() references so host overrides cascade', () => {
    const { variables } = themeToCss(theme({}));
    assert.equal(variables['--parley-launcher-background'], 'var(--parley-color-primary)');
    assert.equal(variables['--parley-bubble-radius'], 'var(--parley-radius)');
  });

  test('on-colours follow the brand colour: white on navy, near-black on yellow', () => {
    assert.equal(
      themeToCss(theme({ tokens: { 'color-primary': '#0b3d91' } })).variables[
        '--parley-color-on-primary'
      ],
      '#ffffff',
    );
    assert.equal(
      themeToCss(theme({ tokens: { 'color-primary': '#facc15' } })).variables[
        '--parley-color-on-primary'
      ],
      '#111111',
    );
  });

  test('an explicit value wins over the derivation', () => {
    const { variables } = themeToCss(
      theme({ tokens: { 'launcher-background': '#ff0000', 'color-on-primary': '#fefefe' } }),
    );
    assert.equal(variables['--parley-launcher-background'], '#ff0000');
    assert.equal(variables['--parley-color-on-primary'], '#fefefe');
  });

  test('settings drive their tokens: launcher shape and header style', () => {
    const { variables } = themeToCss(
      theme({ launcher: { shape: 'square' }, panel: { header: 'plain' } }),
    );
    assert.equal(variables['--parley-launcher-radius'], '12%');
    assert.equal(variables['--parley-panel-header-background'], 'var(--parley-color-surface)');
    assert.equal(variables['--parley-panel-header-color'], 'var(--parley-color-text)');
  });

  test('dark holds only the colours that change; dark scheme folds them into variables', () => {
    const light = themeToCss(theme({}));
    assert.ok(Object.keys(light.dark).length > 5);
    for (const name of Object.keys(light.dark)) assert.match(name, /^--parley-color-/);
    const dark = themeToCss(theme({ colorScheme: 'dark' }));
    assert.deepEqual(dark.dark, {});
    assert.equal(dark.variables['--parley-color-surface'], light.dark['--parley-color-surface']);
  });

  test('dark values given by the theme are used as they are', () => {
    const { dark } = themeToCss(
      theme({ dark: { 'color-surface': '#000000', 'color-text': '#ffffff' } }),
    );
    assert.equal(dark['--parley-color-surface'], '#000000');
    assert.equal(dark['--parley-color-text'], '#ffffff');
  });

  test('a component colour picked in light mode stays in dark mode', () => {
    const { dark } = themeToCss(theme({ tokens: { 'launcher-background': '#ff0000' } }));
    assert.equal(dark['--parley-launcher-background'], undefined);
  });

  test('themeToTokens resolves aliases to concrete values for contrast and the editor', () => {
    const tokens = themeToTokens(theme({ tokens: { 'color-primary': '#123456' } }));
    assert.equal(tokens.light['bubble-user-background'].value, '#123456');
    assert.equal(tokens.light['bubble-user-background'].source, 'derived');
    assert.equal(tokens.light['color-primary'].source, 'theme');
    assert.equal(tokens.light.radius.source, 'default');
  });
});

describe('themeToCssText', () => {
  test('snapshots of every preset', () => {
    for (const preset of listPresets())
      matchSnapshot(`${preset.id}.css.snap`, themeToCssText(preset.theme));
  });

  test('auto scheme adds a prefers-color-scheme block; :host selector for shadow roots', () => {
    const css = themeToCssText(theme({ colorScheme: 'auto' }), { selector: ':host' });
    assert.match(css, /^:host \{\n {2}--parley-color-primary: #2563eb;/);
    assert.match(css, /@media \(prefers-color-scheme: dark\) \{\n {2}:host \{/);
    assert.match(css, /:host\(\[data-color-scheme='dark'\]\) \{/);
  });

  test('refuses selectors it was not built for', () => {
    assert.throws(
      () => themeToCssText(presetTheme('neutral')!, { selector: 'body{}' }),
      /unsupported selector/,
    );
  });
});
