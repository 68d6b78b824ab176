import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkContrast } from '../../src/contrast/check';
import { themeToCss, themeToTokens } from '../../src/css';
import { defaultTheme, listPresets, presetTheme } from '../../src/presets/presets';
import { presetIds } from '../../src/schema/options';

describe('presets', () => {
  test('there are at least six, one per id, each named and described', () => {
    const presets = listPresets();
    assert.ok(presets.length >= 6);
    assert.deepEqual(
      presets.map((p) => p.id),
      [...presetIds],
    );
    for (const p of presets) {
      assert.ok(p.name && p.description.length > 10, p.id);
      assert.equal(p.theme.preset, p.id);
    }
    for (const id of ['neutral', 'corporate-blue', 'warm', 'high-contrast', 'dark', 'soft']) {
      assert.ok(presetTheme(id), id);
    }
  });

  test('every preset passes every contrast check in light and dark mode', () => {
    for (const p of listPresets()) {
      const failing = checkContrast(themeToTokens(p.theme)).filter((c) => !c.passes);
      assert.deepEqual(failing, [], p.id);
    }
  });

  test('high contrast reaches AAA (7:1) for body text in both modes', () => {
    const checks = checkContrast(themeToTokens(presetTheme('high-contrast')!));
    for (const check of checks.filter((c) => c.foreground === 'color-text'))
      assert.ok(check.ratio >= 7);
  });

  test('presets look different from each other', () => {
    const looks = new Set(listPresets().map((p) => JSON.stringify(themeToCss(p.theme))));
    assert.equal(looks.size, listPresets().length);
  });

  test('presetTheme returns a copy; unknown ids give undefined', () => {
    const a = presetTheme('warm')!;
    (a.tokens as Record<string, string>)['color-primary'] = '#000000';
    assert.notEqual(presetTheme('warm')!.tokens['color-primary'], '#000000');
    assert.equal(presetTheme('__proto__'), undefined);
    assert.equal(defaultTheme().preset, 'neutral');
  });
});
