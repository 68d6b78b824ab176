import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultTheme, exportTheme, presetTheme } from '@parley/theme-kit';
import { createThemeStore } from '../../../../console/src/features/theme-editor/theme-store';

function store() {
  let clock = 0;
  const s = createThemeStore({
    now: () => (clock += 10_000),
    initial: { theme: defaultTheme(), revision: 3 },
  });
  return s;
}

test('an edit changes the draft, the derived CSS and the dirty flag; undo restores all three', () => {
  const s = store();
  assert.equal(s.dirty.value, false);
  s.setToken('tokens', 'color-primary', '#b91c1c');
  assert.equal(s.dirty.value, true);
  assert.match(s.cssText.value, /--parley-color-primary: #b91c1c;/);
  assert.equal(s.tokens.value!.light['launcher-background'].value, '#b91c1c');
  s.undo();
  assert.equal(s.dirty.value, false);
  assert.match(s.cssText.value, /--parley-color-primary: #2563eb;/);
  s.redo();
  assert.equal(s.draft.value!.tokens['color-primary'], '#b91c1c');
});

test('contrast checks follow the draft and their suggestions fix it', () => {
  const s = store();
  s.setToken('tokens', 'color-primary', '#fde68a');
  const failing = s.failing.value;
  assert.ok(failing.length > 0);
  for (const check of failing) {
    if (check.suggestion)
      s.setToken(
        check.mode === 'dark' ? 'dark' : 'tokens',
        check.suggestion.token,
        check.suggestion.value,
      );
  }
  for (const check of s.failing.value) {
    if (check.suggestion)
      s.setToken(
        check.mode === 'dark' ? 'dark' : 'tokens',
        check.suggestion.token,
        check.suggestion.value,
      );
  }
  assert.deepEqual(s.failing.value, []);
});

test('presets apply as one undoable step and reset goes back to the theme’s preset', () => {
  const s = store();
  s.applyPreset('warm');
  assert.deepEqual(s.draft.value!.tokens, presetTheme('warm')!.tokens);
  s.setToken('tokens', 'radius', '2px');
  s.resetToPreset();
  assert.equal(s.draft.value!.tokens.radius, presetTheme('warm')!.tokens.radius);
  s.undo();
  s.undo();
  assert.equal(s.draft.value!.preset, 'warm');
  s.undo();
  assert.equal(s.draft.value!.preset, 'neutral');
});

test('settings and automatic values', () => {
  const s = store();
  s.setSetting('launcher.shape', 'square');
  assert.equal(s.tokens.value!.light['launcher-radius'].value, '12%');
  s.setToken('tokens', 'color-text-quiet', '#333333');
  s.setToken('tokens', 'color-text-quiet', null);
  assert.equal(s.draft.value!.tokens['color-text-quiet'], undefined);
});

test('JSON import replaces the draft or reports every bad field', () => {
  const s = store();
  assert.equal(
    s.importJson('{"version":1,"tokens":{"radius":"1px;}","color-text":"nope"}}'),
    false,
  );
  assert.deepEqual(s.importErrors.value.map((e) => e.path).sort(), [
    'tokens.color-text',
    'tokens.radius',
  ]);
  assert.equal(s.importJson(exportTheme(presetTheme('forest')!)), true);
  assert.deepEqual(s.importErrors.value, []);
  assert.equal(s.draft.value!.preset, 'forest');
  assert.equal(JSON.parse(s.exportJson()).preset, 'forest');
});
