import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import express from 'express';
import { errorHandler } from '../../src/middleware/errors';
import { consoleRouter } from '../../src/routes/console';

async function serve(t: import('node:test').TestContext, dir: string) {
  const app = express().use(consoleRouter({ dir })).use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('/admin serves the console with a strict CSP, deep links and immutable assets', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-console-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Console</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'export {};');
  const url = await serve(t, dir);

  for (const path of ['/admin', '/admin/', '/admin/keys', '/admin/reset-password']) {
    const res = await fetch(`${url}${path}`);
    assert.equal(res.status, 200, path);
    assert.match(await res.text(), /<title>Console<\/title>/);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.ok(!csp.includes('unsafe-inline'));
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
  }
  const asset = await fetch(`${url}/admin/assets/index-abc123.js`);
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
  const missing = await fetch(`${url}/admin/assets/missing.js`);
  assert.equal(missing.status, 404);
  assert.equal(
    ((await missing.json()) as { error: { code: string } }).error.code,
    'PARLEY_NOT_FOUND',
  );
});

test('/admin explains how to build the console when it is missing', async (t) => {
  const url = await serve(t, join(tmpdir(), 'parley-console-does-not-exist'));
  const res = await fetch(`${url}/admin`);
  assert.equal(res.status, 503);
  assert.match(await res.text(), /npm run build/);
});
