import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkContrast } from '../../src/contrast/check';
import { themeToTokens } from '../../src/css';
import type { Theme } from '../../src/schema/theme-schema';
import { validateTheme } from '../../src/schema/validate';

function theme(input: Record<string, unknown>): Theme {
  const result = validateTheme({ version: 1, ...input });
  assert.ok(result.ok);
  return result.theme;
}

/** Applies each suggestion to the theme (light to `tokens`, dark to `dark`). */
function applySuggestions(t: Theme): Theme {
  const next = structuredClone(t) as Theme & {
    tokens: Record<string, string>;
    dark: Record<string, string>;
  };
  for (const check of checkContrast(themeToTokens(t))) {
    if (!check.suggestion) continue;
    (check.mode === 'light' ? next.tokens : next.dark)[check.suggestion.token] =
      check.suggestion.value;
  }
  return next;
}

describe('checkContrast', () => {
  test('the default theme passes every pair in both modes', () => {
    const failing = checkContrast(themeToTokens(theme({}))).filter((c) => !c.passes);
    assert.deepEqual(failing, []);
  });

  test('a pale brand colour fails as a UI colour on white and gets a darker suggestion', () => {
    const checks = checkContrast(themeToTokens(theme({ tokens: { 'color-primary': '#fde68a' } })));
    const ui = checks.find((c) => c.mode === 'light' && c.foreground === 'color-primary')!;
    assert.equal(ui.passes, false);
    assert.equal(ui.required, 3);
    assert.ok(ui.ratio < 3);
    assert.equal(ui.suggestion?.token, 'color-primary');
  });

  test('failures on aliased tokens point at the token that decides them', () => {
    const checks = checkContrast(
      themeToTokens(
        theme({ tokens: { 'color-primary': '#999999', 'color-on-primary': '#ffffff' } }),
      ),
    );
    const bubble = checks.find((c) => c.mode === 'light' && c.foreground === 'bubble-user-color')!;
    assert.equal(bubble.passes, true, 'bubble text is derived for contrast, not aliased');
    const onPrimary = checks.find(
      (c) => c.mode === 'light' && c.foreground === 'color-on-primary',
    )!;
    assert.equal(onPrimary.passes, false);
    assert.equal(onPrimary.suggestion?.token, 'color-primary');
  });

  test('applying the suggestions makes a failing theme pass', () => {
    const bad = theme({
      tokens: { 'color-primary': '#fde68a', 'color-text': '#9ca3af', 'color-accent': '#67e8f9' },
      dark: { 'color-text': '#374151', 'color-surface': '#111111' },
    });
    assert.ok(checkContrast(themeToTokens(bad)).some((c) => !c.passes));
    let fixed = bad;
    for (let round = 0; round < 3; round++) fixed = applySuggestions(fixed);
    const stillFailing = checkContrast(themeToTokens(fixed)).filter((c) => !c.passes);
    assert.deepEqual(stillFailing, []);
  });

  test('ratios are rounded down so a pair never shows 4.5 while failing', () => {
    const checks = checkContrast(themeToTokens(theme({ tokens: { 'color-text': '#777777' } })));
    const body = checks.find((c) => c.mode === 'light' && c.foreground === 'color-text')!;
    assert.equal(body.ratio, 4.47);
    assert.equal(body.passes, false);
  });
});
