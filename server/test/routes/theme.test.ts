import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, type TestContext, test } from 'node:test';
import express from 'express';
import { authenticateAdmin, requireAdmin } from '../../src/middleware/admin-auth';
import { errorHandler, notFound } from '../../src/middleware/errors';
import { auditLogModel } from '../../src/models/audit-log';
import { themeRouter } from '../../src/routes/theme';
import { audit } from '../../src/services/audit/audit';
import { createAccessServices, installAccess } from '../../src/services/tenants/access';
import { ThemeService } from '../../src/services/theme/theme-service';
import { startTestDatabase } from '../support/database';

/** The theme routes on a real embedded database with the real admin auth, called with secret keys. */
async function startThemeApi(t: TestContext) {
  const database = await startTestDatabase(t);
  const access = createAccessServices({
    connection: database.connection,
    publicUrl: 'http://127.0.0.1',
  });
  const app = express();
  installAccess(app, access);
  app.use(express.json({ limit: '64kb' }));
  app.use(authenticateAdmin('s'.repeat(32)));
  app.use(themeRouter({ themes: new ThemeService(database.connection), requireAdmin, audit }));
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
  const other = await access.tenants.create({ name: 'Globex', slug: 'globex' });
  const key = async (tenantId = tenant._id, scopes = ['*']) =>
    (await access.keys.create(tenantId, { kind: 'secret', mode: 'test', scopes })).secret;
  const call = (secret: string, path: string, init: RequestInit = {}) =>
    fetch(url + path, {
      ...init,
      headers: {
        authorization: `Bearer ${secret}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
  return { database, tenant, other, key, call };
}

/** A response's JSON body, loosely typed for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON.
const body = async (response: Response): Promise<any> => response.json();

/** GET with If-None-Match over plain node:http (no fetch cache headers added). */
function conditionalStatus(url: string, secret: string, etag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { headers: { authorization: `Bearer ${secret}`, 'if-none-match': etag } },
      (res) => {
        res.resume();
        resolve(res.statusCode!);
      },
    );
    req.on('error', reject);
  });
}

const put = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'PUT',
  body: JSON.stringify(body),
  headers,
});

describe('/api/theme', () => {
  test('GET returns the theme JSON that PUT takes back, with the revision as ETag', async (t) => {
    const { call, key } = await startThemeApi(t);
    const sk = await key();
    const initial = await call(sk, '/api/theme');
    assert.equal(initial.status, 200);
    assert.equal(initial.headers.get('etag'), '"r0"');
    const theme = await body(initial);
    assert.equal(theme.preset, 'neutral');

    theme.tokens['color-primary'] = 'oklch(0.5 0.2 30)';
    const saved = await call(sk, '/api/theme', put(theme, { 'if-match': '"r0"' }));
    assert.equal(saved.status, 200);
    assert.equal(saved.headers.get('etag'), '"r1"');
    assert.match((await body(saved)).tokens['color-primary'], /^#[0-9a-f]{6}$/);

    // fetch() marks requests with If-None-Match as `Cache-Control: no-cache`; a browser's
    // own revalidation does not, so ask the way a browser cache would.
    assert.equal(await conditionalStatus(saved.url, sk, '"r1"'), 304);
    assert.equal(await conditionalStatus(saved.url, sk, '"r0"'), 200);
  });

  test('PUT refuses bad themes with 400 and per-field issues', async (t) => {
    const { call, key } = await startThemeApi(t);
    const response = await call(
      await key(),
      '/api/theme',
      put({
        version: 1,
        tokens: { 'color-text': 'expression(alert(1))' },
        launcher: { shape: 'star' },
      }),
    );
    assert.equal(response.status, 400);
    const { error } = await body(response);
    assert.equal(error.code, 'PARLEY_VALIDATION_FAILED');
    assert.deepEqual(error.details.issues.map((i: { path: string }) => i.path).sort(), [
      'launcher.shape',
      'tokens.color-text',
    ]);
  });

  test('PUT with a stale If-Match is refused with 412', async (t) => {
    const { call, key } = await startThemeApi(t);
    const sk = await key();
    await call(sk, '/api/theme', put({ version: 1, tokens: { radius: '4px' } }));
    const stale = await call(
      sk,
      '/api/theme',
      put({ version: 1, tokens: { radius: '8px' } }, { 'if-match': '"r0"' }),
    );
    assert.equal(stale.status, 412);
    assert.equal((await body(stale)).error.code, 'PARLEY_THEME_CONFLICT');
    const garbled = await call(sk, '/api/theme', put({ version: 1 }, { 'if-match': 'yesterday' }));
    assert.equal(garbled.status, 412);
  });

  test('needs a caller with the theme permission', async (t) => {
    const { call, key } = await startThemeApi(t);
    assert.equal((await fetch((await call(await key(), '/api/theme')).url)).status, 401);
    const readOnly = await key(undefined, ['theme:read']);
    assert.equal((await call(readOnly, '/api/theme')).status, 200);
    const denied = await call(readOnly, '/api/theme', put({ version: 1 }));
    assert.equal(denied.status, 403);
    assert.equal((await body(denied)).error.code, 'PARLEY_AUTH_FORBIDDEN');
  });

  test('history, one revision, and restore', async (t) => {
    const { call, key } = await startThemeApi(t);
    const sk = await key();
    await call(
      sk,
      '/api/theme',
      put({ version: 1, name: 'Blue', tokens: { 'color-primary': '#0b3d91' } }),
    );
    await call(
      sk,
      '/api/theme',
      put({ version: 1, name: 'Red', tokens: { 'color-primary': '#b91c1c' } }),
    );
    const history = await body(await call(sk, '/api/theme/versions?limit=10'));
    assert.deepEqual(
      history.revisions.map((r: { name: string }) => r.name),
      ['Red', 'Blue'],
    );
    assert.equal(history.revisions[0].author.type, 'secret-key');
    const one = await body(await call(sk, '/api/theme/versions/1'));
    assert.equal(one.theme.tokens['color-primary'], '#0b3d91');
    const restored = await call(sk, '/api/theme/versions/1/restore', {
      method: 'POST',
      headers: { 'if-match': '"r2"' },
    });
    assert.equal(restored.status, 200);
    assert.equal(restored.headers.get('etag'), '"r3"');
    assert.equal((await body(restored)).name, 'Blue');
    assert.equal((await call(sk, '/api/theme/versions/9')).status, 404);
    assert.equal((await call(sk, '/api/theme/versions/abc')).status, 404);
  });

  test('another tenant’s key sees only its own theme', async (t) => {
    const { call, key, other } = await startThemeApi(t);
    await call(await key(), '/api/theme', put({ version: 1, name: 'Acme look' }));
    const theirs = await key(other._id);
    assert.equal((await body(await call(theirs, '/api/theme'))).name, 'Neutral');
    assert.equal((await call(theirs, '/api/theme/versions/1')).status, 404);
  });

  test('saves are audited, unchanged saves are not', async (t) => {
    const { call, key, database, tenant } = await startThemeApi(t);
    const sk = await key();
    await call(sk, '/api/theme', put({ version: 1, tokens: { radius: '4px' } }));
    await call(sk, '/api/theme', put({ version: 1, tokens: { radius: '4px' } }));
    const entries = await auditLogModel(database.connection)
      .find({ tenantId: tenant._id, action: /^theme\./ })
      .lean();
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0]!.after, { revision: 1, restoredFrom: null });
  });

  test('GET /api/theme/css gives developers the stylesheet', async (t) => {
    const { call, key } = await startThemeApi(t);
    const response = await call(await key(), '/api/theme/css?selector=:host');
    assert.match(response.headers.get('content-type')!, /^text\/css/);
    assert.match(await response.text(), /^:host \{\n {2}--parley-color-primary: #2563eb;/);
  });
});
