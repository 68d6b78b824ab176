import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assetPathPattern } from '@parley/theme-kit';
import { ParleyError } from '../../../src/errors';
import {
  AssetService,
  assetLimits,
  parseAssetPath,
} from '../../../src/services/theme/asset-service';
import { themeFixture } from './fixture';
import { cleanSvg, jpeg1x1, png1x1, pngOfSize, webp1x1 } from './images';

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ParleyError, String(error));
    return error.code;
  }
  return 'accepted';
}

describe('AssetService', () => {
  test('stores each image under its content hash at a path themes accept', async (t) => {
    const { database, acme } = await themeFixture(t);
    const assets = new AssetService(database.connection);
    for (const [bytes, type] of [
      [png1x1, 'png'],
      [jpeg1x1, 'jpg'],
      [webp1x1, 'webp'],
      [Buffer.from(cleanSvg), 'svg'],
    ] as const) {
      const view = await assets.upload(acme, bytes, 'editor@acme.example');
      assert.equal(view.type, type);
      assert.match(view.path, assetPathPattern);
      const parts = parseAssetPath(view.path)!;
      const stored = await assets.find(parts.tenantId, parts.hash, parts.type);
      assert.ok(stored && Buffer.isBuffer(stored.data));
      assert.equal(await assets.exists(acme, view.path), true);
    }
  });

  test('the same bytes twice are one asset', async (t) => {
    const { database, acme } = await themeFixture(t);
    const assets = new AssetService(database.connection);
    const [a, b] = await Promise.all([
      assets.upload(acme, png1x1, 'x'),
      assets.upload(acme, png1x1, 'y'),
    ]);
    assert.equal(a.path, b.path);
  });

  test('SVGs are stored sanitised, and flagged when something was removed', async (t) => {
    const { database, acme } = await themeFixture(t);
    const assets = new AssetService(database.connection);
    const view = await assets.upload(
      acme,
      Buffer.from(cleanSvg.replace('<circle', '<circle onclick="alert(1)"')),
      'x',
    );
    assert.equal(view.sanitised, true);
    const parts = parseAssetPath(view.path)!;
    const stored = await assets.find(parts.tenantId, parts.hash, 'svg');
    assert.doesNotMatch(stored!.data.toString(), /onclick/);
  });

  test('refuses by content, size and pixel dimensions with stable codes', async (t) => {
    const { database, acme } = await themeFixture(t);
    const assets = new AssetService(database.connection);
    assert.equal(
      await code(assets.upload(acme, Buffer.from('GIF89a'), 'x')),
      'PARLEY_ASSET_UNSUPPORTED_TYPE',
    );
    assert.equal(
      await code(assets.upload(acme, Buffer.from('<html><script>x</script></html>'), 'x')),
      'PARLEY_ASSET_UNSUPPORTED_TYPE',
    );
    assert.equal(await code(assets.upload(acme, Buffer.alloc(0), 'x')), 'PARLEY_ASSET_INVALID');
    assert.equal(
      await code(assets.upload(acme, png1x1.subarray(0, 14), 'x')),
      'PARLEY_ASSET_INVALID',
    );
    assert.equal(
      await code(assets.upload(acme, pngOfSize(20_000, 20_000), 'x')),
      'PARLEY_ASSET_TOO_LARGE',
    );
    assert.equal(await code(assets.upload(acme, pngOfSize(0, 10), 'x')), 'PARLEY_ASSET_INVALID');
    const big = Buffer.concat([png1x1, Buffer.alloc(assetLimits.maxBytes)]);
    assert.equal(await code(assets.upload(acme, big, 'x')), 'PARLEY_ASSET_TOO_LARGE');
    const bigSvg = Buffer.from(
      cleanSvg.replace('</svg>', `<!--${'x'.repeat(assetLimits.maxSvgBytes)}--></svg>`),
    );
    assert.equal(await code(assets.upload(acme, bigSvg, 'x')), 'PARLEY_ASSET_TOO_LARGE');
    assert.equal(
      await code(assets.upload(acme, Buffer.from('<svg><script>alert(1)</script>'), 'x')),
      'PARLEY_ASSET_INVALID',
    );
  });

  test('a tenant cannot read or reference another tenant’s image', async (t) => {
    const { database, acme, globex } = await themeFixture(t);
    const assets = new AssetService(database.connection);
    const view = await assets.upload(acme, png1x1, 'x');
    const parts = parseAssetPath(view.path)!;
    assert.equal(await assets.find(String(globex), parts.hash, parts.type), undefined);
    assert.equal(await assets.exists(globex, view.path), false);
    assert.equal(
      await assets.exists(globex, view.path.replace(String(acme), String(globex))),
      false,
    );
  });
});
