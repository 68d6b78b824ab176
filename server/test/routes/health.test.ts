import assert from 'node:assert/strict';
import { test } from 'node:test';
import { version } from '../../src/version';
import { startApp } from '../support/start-app';

test('GET /health answers ok with the version', async (t) => {
  const { url } = await startApp(t);
  const res = await fetch(`${url}/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok', version });
  assert.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
});

test('GET /ready is 200 when every check passes and 503 when one fails', async (t) => {
  const ok = await startApp(t, { readinessChecks: [{ name: 'database', check: async () => {} }] });
  const okRes = await fetch(`${ok.url}/ready`);
  assert.equal(okRes.status, 200);
  assert.deepEqual(await okRes.json(), { status: 'ok', checks: { database: 'ok' } });

  const down = await startApp(t, {
    readinessChecks: [{ name: 'database', check: async () => Promise.reject(new Error('down')) }],
  });
  const downRes = await fetch(`${down.url}/ready`);
  assert.equal(downRes.status, 503);
  assert.deepEqual(await downRes.json(), {
    status: 'unavailable',
    checks: { database: 'unavailable' },
  });
});

test('unknown routes get a catalogue 404', async (t) => {
  const { url } = await startApp(t);
  const res = await fetch(`${url}/nope`);
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), {
    error: { code: 'PARLEY_NOT_FOUND', message: 'Nothing was found at this address.' },
  });
});

test('a well-formed incoming request id is kept', async (t) => {
  const { url } = await startApp(t);
  const res = await fetch(`${url}/health`, { headers: { 'X-Request-Id': 'edge-123' } });
  assert.equal(res.headers.get('x-request-id'), 'edge-123');
});
