import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionCookieSecure, sessionExpiredMessage } from '../../src/middleware/admin-auth';
import { ConsoleClient, startTenancy } from '../support/tenancy';

const sessionCookieOf = (res: Response) =>
  res.headers.getSetCookie().find((c) => c.startsWith('parley_session=')) ?? '';

/** Signs in as a browser on `host` would (the Host header is what a LAN address changes). */
async function signInFrom(url: string, host: string, user: { email: string; password: string }) {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', host },
    body: JSON.stringify(user),
  });
}

test('Secure follows PUBLIC_URL, production and TLS, not the host name', () => {
  const plain = { publicUrl: 'http://localhost:8787', production: false, requestSecure: false };
  assert.equal(sessionCookieSecure(plain), false);
  assert.equal(sessionCookieSecure({ ...plain, publicUrl: 'http://192.168.1.20:8787' }), false);
  assert.equal(sessionCookieSecure({ ...plain, publicUrl: 'https://parley.example' }), true);
  assert.equal(sessionCookieSecure({ ...plain, production: true }), true);
  assert.equal(sessionCookieSecure({ ...plain, requestSecure: true }), true);
});

test('a plain-http demo reached from a LAN address gets a cookie the browser keeps', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');
  for (const host of ['192.168.1.20:8787', 'localhost:8787']) {
    const res = await signInFrom(tenancy.url, host, acme.users.owner);
    assert.equal(res.status, 200, host);
    const cookie = sessionCookieOf(res);
    assert.match(cookie, /HttpOnly/, host);
    assert.doesNotMatch(cookie, /;\s*Secure/i, host);
    const session = await fetch(`${tenancy.url}/api/auth/session`, {
      headers: { cookie: cookie.split(';')[0]!, host },
    });
    assert.equal(session.status, 200, host);
  }
});

test('the cookie is Secure when PUBLIC_URL is https', async (t) => {
  const tenancy = await startTenancy(t, { env: { PUBLIC_URL: 'https://parley.example' } });
  const acme = await tenancy.createTenant('acme');
  const res = await signInFrom(tenancy.url, '192.168.1.20:8787', acme.users.owner);
  assert.equal(res.status, 200);
  assert.match(sessionCookieOf(res), /;\s*Secure/i);
});

test('the cookie is Secure in production, even over plain http', async (t) => {
  const tenancy = await startTenancy(t, {
    env: { NODE_ENV: 'production', PARLEY_SESSION_SECRET: 'x'.repeat(48) },
  });
  const acme = await tenancy.createTenant('acme');
  const res = await signInFrom(tenancy.url, '192.168.1.20:8787', acme.users.owner);
  assert.equal(res.status, 200);
  assert.match(sessionCookieOf(res), /;\s*Secure/i);
});

test('an ended session is told it expired; a caller without a cookie is not', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');
  const client = await ConsoleClient.signIn(tenancy.url, acme.users.admin);
  await tenancy.database.connection.collection('sessions').deleteMany({});

  for (const [method, path, body] of [
    ['PATCH', '/api/tenant', { name: 'Renamed' }],
    ['GET', '/api/auth/session', undefined],
    ['GET', '/api/operator/tenants', undefined],
  ] as const) {
    const res = await client.request(method, path, body);
    assert.equal(res.status, 401, path);
    assert.deepEqual(await res.json(), {
      error: { code: 'PARLEY_AUTH_REQUIRED', message: sessionExpiredMessage },
    });
  }
  // Change the signature inside the URL-encoded value (cutting the encoded text
  // could split a %XX escape, and the cookie would read as unsigned instead).
  const [name, value] = client.cookie.split('=') as [string, string];
  const signed = decodeURIComponent(value);
  const forged = `${signed.slice(0, -3)}${signed.endsWith('abc') ? 'xyz' : 'abc'}`;
  const tampered = await fetch(`${tenancy.url}/api/tenant`, {
    headers: { cookie: `${name}=${encodeURIComponent(forged)}` },
  });
  assert.equal(
    ((await tampered.json()) as { error: { message: string } }).error.message,
    sessionExpiredMessage,
  );

  const anonymous = await fetch(`${tenancy.url}/api/tenant`);
  assert.equal(anonymous.status, 401);
  const { error } = (await anonymous.json()) as { error: { code: string; message: string } };
  assert.equal(error.code, 'PARLEY_AUTH_REQUIRED');
  assert.notEqual(error.message, sessionExpiredMessage);

  const tenant = await tenancy.access.tenants.get(acme.id);
  assert.equal(tenant.name, 'acme Inc', 'the expired request changed nothing');
});
