import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, type TestContext, test } from 'node:test';
import express from 'express';
import { authenticateAdmin, requireAdmin } from '../../src/middleware/admin-auth';
import { errorHandler, notFound } from '../../src/middleware/errors';
import { assetsRouter } from '../../src/routes/assets';
import { themeRouter } from '../../src/routes/theme';
import { audit } from '../../src/services/audit/audit';
import { createAccessServices, installAccess } from '../../src/services/tenants/access';
import { AssetService } from '../../src/services/theme/asset-service';
import { ThemeService } from '../../src/services/theme/theme-service';
import { cleanSvg, png1x1 } from '../services/theme/images';
import { startTestDatabase } from '../support/database';

const publicUrl = 'https://parley.example.com';

/** Asset and theme routes on a real embedded database with the real admin auth. */
async function startAssetApi(t: TestContext) {
  const database = await startTestDatabase(t);
  const access = createAccessServices({ connection: database.connection, publicUrl });
  const assets = new AssetService(database.connection);
  const themes = new ThemeService(database.connection, {
    assetExists: (id, path) => assets.exists(id, path),
  });
  const app = express();
  installAccess(app, access);
  app.use(express.json());
  app.use('/api', authenticateAdmin('s'.repeat(32)));
  app.use(assetsRouter({ assets, requireAdmin, audit, publicUrl }));
  app.use(themeRouter({ themes, requireAdmin, audit }));
  app.use(notFound);
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  t.after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tenant = await access.tenants.create({ name: 'Acme', slug: 'acme' });
  const { secret } = await access.keys.create(tenant._id, {
    kind: 'secret',
    mode: 'test',
    scopes: ['*'],
  });
  const upload = (bytes: Buffer, name = 'logo.png') => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    return fetch(`${url}/api/theme/assets`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${secret}` },
    });
  };
  return { url, upload, secret };
}

// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON.
const body = async (response: Response): Promise<any> => response.json();

describe('logo and avatar uploads', () => {
  test('upload answers 201 with the path; the image is served immutable and sandboxed', async (t) => {
    const { url, upload } = await startAssetApi(t);
    const response = await upload(png1x1, 'logo.svg');
    assert.equal(response.status, 201);
    const view = await body(response);
    assert.equal(view.type, 'png', 'the name does not decide the type');
    assert.equal(view.url, `${publicUrl}${view.path}`);
    const image = await fetch(url + view.path);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.equal(image.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(image.headers.get('x-content-type-options'), 'nosniff');
    assert.match(image.headers.get('content-security-policy')!, /sandbox/);
    assert.deepEqual(Buffer.from(await image.arrayBuffer()), png1x1);
  });

  test('an uploaded SVG is served sanitised', async (t) => {
    const { url, upload } = await startAssetApi(t);
    const evil = cleanSvg.replace('<circle', '<script>alert(1)</script><circle onload="alert(2)"');
    const view = await body(await upload(Buffer.from(evil), 'logo.svg'));
    assert.equal(view.sanitised, true);
    const served = await (await fetch(url + view.path)).text();
    assert.doesNotMatch(served, /script|onload/);
  });

  test('refusals carry the catalogue codes', async (t) => {
    const { upload } = await startAssetApi(t);
    const gif = await upload(Buffer.from('GIF89a\x01\x00\x01\x00'), 'a.png');
    assert.equal(gif.status, 415);
    assert.equal((await body(gif)).error.code, 'PARLEY_ASSET_UNSUPPORTED_TYPE');
    const big = await upload(Buffer.concat([png1x1, Buffer.alloc(1024 * 1024)]));
    assert.equal(big.status, 413);
    assert.equal((await body(big)).error.code, 'PARLEY_ASSET_TOO_LARGE');
  });

  test('needs a multipart file and a caller allowed to edit the theme', async (t) => {
    const { url, secret } = await startAssetApi(t);
    const anonymous = await fetch(`${url}/api/theme/assets`, {
      method: 'POST',
      body: new FormData(),
    });
    assert.equal(anonymous.status, 401);
    const empty = await fetch(`${url}/api/theme/assets`, {
      method: 'POST',
      body: new FormData(),
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(empty.status, 400);
  });

  test('unknown or malformed image addresses are 404', async (t) => {
    const { url } = await startAssetApi(t);
    for (const path of [
      `/assets/${'a'.repeat(24)}/${'b'.repeat(64)}.png`,
      '/assets/x/y.png',
      '/assets/../../etc/passwd',
    ]) {
      const response = await fetch(url + path);
      assert.equal(response.status, 404, path);
    }
  });

  test('a theme may use the uploaded image as its logo', async (t) => {
    const { url, upload, secret } = await startAssetApi(t);
    const view = await body(await upload(png1x1));
    const saved = await fetch(`${url}/api/theme`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, brand: { logoUrl: view.path } }),
    });
    assert.equal(saved.status, 200);
    assert.equal((await body(saved)).brand.logoUrl, view.path);
  });
});
