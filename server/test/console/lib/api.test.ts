import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError, createApiClient, errorMessage } from '../../../console/src/lib/api';

function fakeFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

test('the console API client sends the CSRF token only on changes', async () => {
  const fake = fakeFetch(200, { ok: true });
  const api = createApiClient({ fetch: fake.fetch, csrfToken: () => 'tok' });
  await api('GET', '/api/tenant');
  await api('PATCH', '/api/tenant', { name: 'A' });
  const [get, patch] = fake.calls;
  assert.equal((get!.init.headers as Record<string, string>)['x-csrf-token'], undefined);
  assert.equal((patch!.init.headers as Record<string, string>)['x-csrf-token'], 'tok');
  assert.equal(patch!.init.body, '{"name":"A"}');
  assert.equal(patch!.init.credentials, 'same-origin');
});

test('errors carry the catalogue code and per-field messages; 401 signs out', async () => {
  let signedOut = false;
  const fake = fakeFetch(400, {
    error: {
      code: 'PARLEY_VALIDATION_FAILED',
      message: 'Invalid name',
      details: {
        issues: [
          { path: 'name', message: 'too long' },
          { path: 'name', message: 'second' },
        ],
      },
    },
  });
  const api = createApiClient({
    fetch: fake.fetch,
    csrfToken: () => null,
    onUnauthorized: () => (signedOut = true),
  });
  const error = await api('PATCH', '/api/tenant', {}).catch((e: unknown) => e);
  assert.ok(error instanceof ApiError);
  assert.equal(error.code, 'PARLEY_VALIDATION_FAILED');
  assert.deepEqual(error.fieldErrors(), { name: 'too long' });
  assert.equal(errorMessage(error), 'Invalid name');
  assert.equal(signedOut, false);

  const unauthorized = createApiClient({
    fetch: fakeFetch(401, { error: { code: 'PARLEY_AUTH_REQUIRED', message: 'Sign in' } }).fetch,
    csrfToken: () => null,
    onUnauthorized: () => (signedOut = true),
  });
  await assert.rejects(unauthorized('GET', '/api/tenant'), ApiError);
  assert.equal(signedOut, true);

  const html = createApiClient({
    fetch: (async () => new Response('<html>', { status: 502 })) as typeof fetch,
    csrfToken: () => null,
  });
  await assert.rejects(
    html('GET', '/x'),
    (e: unknown) => e instanceof ApiError && e.status === 502 && /502/.test(e.message),
  );
  const offline = createApiClient({
    fetch: (async () => {
      throw new TypeError('failed');
    }) as typeof fetch,
    csrfToken: () => null,
  });
  await assert.rejects(
    offline('GET', '/x'),
    (e: unknown) => e instanceof ApiError && e.code === 'NETWORK',
  );
  const empty = createApiClient({ fetch: fakeFetch(204, undefined).fetch, csrfToken: () => null });
  assert.equal(await empty('POST', '/api/auth/logout'), undefined);
});
