import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isTokenName, validateTheme } from '@parley/theme-kit';
import { Types } from 'mongoose';
import { effectiveVariables, widgetThemePayload } from '../../../src/services/theme/widget-payload';

const publicUrl = 'https://parley.example.com/';

function tenantWith(themeInput: Record<string, unknown> | null, revision = 1) {
  const _id = new Types.ObjectId();
  if (!themeInput) return { _id, theme: null };
  const result = validateTheme({ version: 1, ...themeInput });
  assert.ok(result.ok);
  return {
    _id,
    theme: { revision, theme: result.theme, updatedAt: new Date(1_700_000_000_000 + revision) },
  };
}

describe('widgetThemePayload', () => {
  test('carries themeToCss maps with only schema-defined names', () => {
    const payload = widgetThemePayload(tenantWith({ tokens: { 'color-primary': '#0b3d91' } }), {
      publicUrl,
    });
    assert.equal(payload.version, 1);
    assert.equal(payload.variables['--parley-color-primary'], '#0b3d91');
    for (const name of [...Object.keys(payload.variables), ...Object.keys(payload.dark)]) {
      assert.ok(isTokenName(name), name);
    }
    assert.equal(
      effectiveVariables(payload, 'dark')['--parley-color-surface'],
      payload.dark['--parley-color-surface'],
    );
  });

  test('a tenant without a theme gets the neutral preset at version 0', () => {
    const payload = widgetThemePayload(tenantWith(null), { publicUrl });
    assert.equal(payload.version, 0);
    assert.equal(payload.variables['--parley-color-primary'], '#2563eb');
    assert.equal(payload.colorScheme, 'auto');
    assert.ok(Object.keys(payload.dark).length > 0, 'auto: dark values for dark-mode visitors');
  });

  test('light and dark schemes send no dark map; dark puts its dark values in variables', () => {
    const light = widgetThemePayload(tenantWith({ colorScheme: 'light' }), { publicUrl });
    assert.deepEqual(light.dark, {});
    assert.equal(light.variables['--parley-color-surface'], '#ffffff');
    const dark = widgetThemePayload(tenantWith({ colorScheme: 'dark' }), { publicUrl });
    assert.deepEqual(dark.dark, {});
    assert.notEqual(dark.variables['--parley-color-surface'], '#ffffff');
  });

  test('uploaded images become absolute URLs under the public URL', () => {
    const base = tenantWith(null);
    const path = `/assets/${base._id}/${'a'.repeat(64)}.png`;
    const tenant = {
      ...tenantWith({ brand: { logoUrl: path, botName: 'Benefits Bot' } }),
      _id: base._id,
    };
    const payload = widgetThemePayload(tenant, { publicUrl });
    assert.equal(payload.brand.logoUrl, `https://parley.example.com${path}`);
    assert.equal(payload.brand.botName, 'Benefits Bot');
  });

  test('is memoised per revision, and a new revision is built afresh', () => {
    const tenant = tenantWith({ tokens: { radius: '4px' } }, 3);
    const first = widgetThemePayload(tenant, { publicUrl });
    assert.equal(widgetThemePayload(tenant, { publicUrl }), first);
    const next = { ...tenantWith({ tokens: { radius: '6px' } }, 4), _id: tenant._id };
    const second = widgetThemePayload(next, { publicUrl });
    assert.notEqual(second, first);
    assert.equal(second.variables['--parley-radius'], '6px');
  });

  test('two tenants with the same theme get equal payloads (so equal ETags)', () => {
    const a = widgetThemePayload(tenantWith({ tokens: { radius: '5px' } }, 7), { publicUrl });
    const b = widgetThemePayload(tenantWith({ tokens: { radius: '5px' } }, 7), { publicUrl });
    assert.deepEqual(a, b);
  });
});
