import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkContrast, defaultTheme, themeToTokens } from '@parley/theme-kit';
import {
  applyPreset,
  checksForToken,
  previewVariables,
  withSetting,
  withToken,
} from '../../../../console/src/features/theme-editor/theme-edits';

test('withToken sets and clears light and dark values, re-validated', () => {
  const t = withToken(defaultTheme(), 'dark', 'color-surface', '#000000');
  assert.equal(t.dark['color-surface'], '#000000');
  assert.equal(withToken(t, 'dark', 'color-surface', null).dark['color-surface'], undefined);
  assert.throws(
    () => withToken(defaultTheme(), 'tokens', 'color-primary', 'red;}'),
    /invalid theme/,
  );
});

test('withSetting changes nested settings', () => {
  const t = withSetting(
    withSetting(defaultTheme(), 'launcher.label', 'Ask HR'),
    'colorScheme',
    'auto',
  );
  assert.equal(t.launcher.label, 'Ask HR');
  assert.equal(t.colorScheme, 'auto');
});

test('applyPreset keeps the name and uploaded images', () => {
  const logo = `/assets/${'a'.repeat(24)}/${'b'.repeat(64)}.png`;
  const mine = withSetting(withSetting(defaultTheme(), 'name', 'Acme'), 'brand.logoUrl', logo);
  const warm = applyPreset(mine, 'warm');
  assert.equal(warm.preset, 'warm');
  assert.equal(warm.name, 'Acme');
  assert.equal(warm.brand.logoUrl, logo);
});

test('previewVariables gives each mode its full set, whatever scheme visitors get', () => {
  const dark = withSetting(defaultTheme(), 'colorScheme', 'dark');
  const light = previewVariables(dark, 'light');
  const night = previewVariables(dark, 'dark');
  assert.equal(light['--parley-color-surface'], '#ffffff');
  assert.notEqual(night['--parley-color-surface'], '#ffffff');
  assert.equal(Object.keys(light).length, Object.keys(night).length);
});

test('checksForToken picks the failing pairs a colour is part of', () => {
  const t = withToken(defaultTheme(), 'tokens', 'color-primary', '#fde68a');
  const checks = checkContrast(themeToTokens(t));
  const mine = checksForToken(checks, 'light', 'color-primary');
  assert.ok(mine.length > 0);
  assert.ok(mine.every((c) => !c.passes && c.mode === 'light'));
  assert.deepEqual(checksForToken(checks, 'light', 'radius'), []);
});
