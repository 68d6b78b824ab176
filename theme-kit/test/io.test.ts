import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportTheme, importTheme, maxThemeJsonBytes } from '../src/io';
import { listPresets } from '../src/presets/presets';
import { themeSchemaUrl } from '../src/schema/options';

describe('theme JSON import and export', () => {
  test('every preset survives a round trip', () => {
    for (const preset of listPresets()) {
      const json = exportTheme(preset.theme);
      assert.equal(JSON.parse(json).$schema, themeSchemaUrl);
      const back = importTheme(json);
      assert.ok(back.ok, preset.id);
      assert.deepEqual(
        { ...back.theme, $schema: undefined },
        { ...preset.theme, $schema: undefined },
      );
    }
  });

  test('exports only what the theme sets, so derived tokens stay derived', () => {
    const json = JSON.parse(exportTheme(listPresets()[0]!.theme));
    assert.deepEqual(json.tokens, {});
  });

  test('refuses malformed and oversized JSON with a document-level error', () => {
    const bad = importTheme('{"version": 1,');
    assert.ok(!bad.ok);
    assert.equal(bad.errors[0]!.path, '');
    assert.match(bad.errors[0]!.message, /not valid JSON/);
    const big = importTheme(`{"version":1,"name":"${'x'.repeat(maxThemeJsonBytes)}"}`);
    assert.ok(!big.ok);
    assert.match(big.errors[0]!.message, /at most 64 KB/);
  });

  test('an import with a bad field names it', () => {
    const result = importTheme('{"version":1,"tokens":{"radius":"1px;}"}}');
    assert.ok(!result.ok);
    assert.equal(result.errors[0]!.path, 'tokens.radius');
  });
});
