import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConsoleClient, errorCode, startTenancy } from '../support/tenancy';

const tokenOf = (text: string) => /#token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
const post = (url: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

test('sign-in, session and sign-out', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');

  await t.test('sets a signed HttpOnly, SameSite=Lax cookie and returns the session', async () => {
    const res = await post(tenancy.url, '/api/auth/login', acme.users.editor);
    assert.equal(res.status, 200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('parley_session='))!;
    assert.match(cookie, /HttpOnly/);
    // Plain-http demo: no Secure (see test/middleware/admin-session.test.ts for when it is).
    assert.doesNotMatch(cookie, /Secure/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\//);
    assert.match(cookie, /^parley_session=s%3A/, 'signed');
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(body.tenant, { id: acme.id, slug: 'acme', name: 'acme Inc', plan: 'free' });
    assert.equal((body.user as { role: string }).role, 'editor');
    assert.ok((body.permissions as string[]).includes('theme:write'));
    assert.ok(!(body.permissions as string[]).includes('keys:read'));
    assert.match(String(body.csrfToken), /^[\w-]{43}$/);
  });

  await t.test('wrong passwords and unknown emails get the same 401', async () => {
    for (const body of [
      { email: acme.users.owner.email, password: 'wrong-password' },
      { email: 'nobody@acme.example', password: 'whatever-password' },
    ]) {
      const res = await post(tenancy.url, '/api/auth/login', body);
      assert.equal(res.status, 401);
      assert.equal(await errorCode(res), 'PARLEY_AUTH_INVALID_CREDENTIALS');
    }
    const invalid = await post(tenancy.url, '/api/auth/login', {
      email: 'not-an-email',
      password: '',
    });
    assert.equal(invalid.status, 400);
  });

  await t.test('a workspace slug picks the account when an email exists in several', async () => {
    const beta = await tenancy.createTenant('beta');
    await tenancy.access.users.create(beta.id, {
      email: acme.users.viewer.email,
      role: 'admin',
      password: 'beta-password-1',
    });
    const intoBeta = await post(tenancy.url, '/api/auth/login', {
      email: acme.users.viewer.email,
      password: 'beta-password-1',
    });
    assert.equal(((await intoBeta.json()) as { tenant: { slug: string } }).tenant.slug, 'beta');
    const intoAcme = await post(tenancy.url, '/api/auth/login', {
      ...acme.users.viewer,
      tenant: 'acme',
    });
    assert.equal(((await intoAcme.json()) as { tenant: { slug: string } }).tenant.slug, 'acme');
    const wrongWorkspace = await post(tenancy.url, '/api/auth/login', {
      ...acme.users.viewer,
      tenant: 'beta',
    });
    assert.equal(wrongWorkspace.status, 401);
  });

  await t.test('sign-out revokes the session server-side', async () => {
    const client = await ConsoleClient.signIn(tenancy.url, acme.users.admin);
    const stolen = client.cookie;
    assert.equal((await client.request('POST', '/api/auth/logout')).status, 204);
    const replay = await fetch(`${tenancy.url}/api/tenant`, { headers: { cookie: stolen } });
    assert.equal(replay.status, 401);
  });

  await t.test('signing in again issues a new session (no fixation)', async () => {
    const client = await ConsoleClient.signIn(tenancy.url, acme.users.admin);
    const first = client.cookie;
    await client.request('POST', '/api/auth/login', acme.users.admin);
    assert.notEqual(client.cookie, first);
    assert.equal(
      (await fetch(`${tenancy.url}/api/tenant`, { headers: { cookie: first } })).status,
      401,
    );
    assert.equal((await client.request('GET', '/api/tenant')).status, 200);
  });

  await t.test('tampered cookies are ignored', async () => {
    const client = await ConsoleClient.signIn(tenancy.url, acme.users.admin);
    const tampered = client.cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    assert.equal(
      (await fetch(`${tenancy.url}/api/tenant`, { headers: { cookie: tampered } })).status,
      401,
    );
  });

  await t.test(
    'disabled users and suspended workspaces cannot sign in; their sessions stop',
    async () => {
      const viewer = await ConsoleClient.signIn(tenancy.url, acme.users.viewer);
      const [user] = await tenancy.access.users.findByEmail(
        acme.users.viewer.email,
        await tenancy.access.tenants.findBySlug('acme').then((x) => x!._id),
      );
      await tenancy.access.users.update(
        acme.id,
        String(user!._id),
        { disabled: true },
        { role: 'owner' },
      );
      assert.equal((await viewer.request('GET', '/api/tenant')).status, 401);
      assert.equal(
        (await post(tenancy.url, '/api/auth/login', { ...acme.users.viewer, tenant: 'acme' }))
          .status,
        401,
      );

      const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);
      await tenancy.access.tenants.setAdmin(acme.id, { status: 'suspended' });
      const suspended = await owner.request('GET', '/api/tenant');
      assert.equal(suspended.status, 403);
      assert.equal(await errorCode(suspended), 'PARLEY_TENANT_SUSPENDED');
      assert.equal((await post(tenancy.url, '/api/auth/login', acme.users.owner)).status, 403);
      await tenancy.access.tenants.setAdmin(acme.id, { status: 'active' });
    },
  );
});

test('failed sign-ins are throttled per account, even for the right password', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');
  for (let i = 0; i < 10; i++) {
    assert.equal(
      (
        await post(tenancy.url, '/api/auth/login', {
          email: acme.users.owner.email,
          password: `wrong-${i}-password`,
        })
      ).status,
      401,
    );
  }
  const blocked = await post(tenancy.url, '/api/auth/login', acme.users.owner);
  assert.equal(blocked.status, 429);
  assert.equal(await errorCode(blocked.clone()), 'PARLEY_AUTH_LOGIN_THROTTLED');
  assert.ok(Number(blocked.headers.get('retry-after')) > 0);
  // Other accounts are unaffected.
  assert.equal((await post(tenancy.url, '/api/auth/login', acme.users.admin)).status, 200);
});

test('password reset: mailed single-use link, 30 minutes, signs out other sessions', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');
  const { email } = acme.users.editor;
  const elsewhere = await ConsoleClient.signIn(tenancy.url, acme.users.editor);

  const unknown = await post(tenancy.url, '/api/auth/password-reset', {
    email: 'nobody@acme.example',
  });
  assert.equal(unknown.status, 202, 'same answer for unknown accounts');
  assert.equal(tenancy.mailer.sent.length, 0);

  assert.equal((await post(tenancy.url, '/api/auth/password-reset', { email })).status, 202);
  const mail = tenancy.mailer.lastTo(email)!;
  assert.match(mail.text, /^https?:\/\/[^/\s]+\/admin\/reset-password#token=[\w-]{43}$/m);
  assert.match(mail.text, /30 minutes/);
  const token = tokenOf(mail.text);

  const weak = await post(tenancy.url, '/api/auth/set-password', { token, password: 'short' });
  assert.equal(weak.status, 400);
  assert.equal(
    (
      await post(tenancy.url, '/api/auth/set-password', {
        token,
        password: 'a brand new passphrase',
      })
    ).status,
    200,
  );
  const reused = await post(tenancy.url, '/api/auth/set-password', {
    token,
    password: 'another new passphrase',
  });
  assert.equal(reused.status, 400);
  assert.equal(await errorCode(reused), 'PARLEY_AUTH_TOKEN_INVALID');

  assert.equal((await elsewhere.request('GET', '/api/tenant')).status, 401, 'old sessions end');
  assert.equal(
    (await post(tenancy.url, '/api/auth/login', acme.users.editor)).status,
    401,
    'old password fails',
  );
  await ConsoleClient.signIn(tenancy.url, { email, password: 'a brand new passphrase' });

  // A newer link voids the older one.
  await post(tenancy.url, '/api/auth/password-reset', { email });
  const older = tokenOf(tenancy.mailer.lastTo(email)!.text);
  await post(tenancy.url, '/api/auth/password-reset', { email });
  assert.equal(
    (
      await post(tenancy.url, '/api/auth/set-password', {
        token: older,
        password: 'yet another passphrase',
      })
    ).status,
    400,
  );
  assert.equal(
    (
      await post(tenancy.url, '/api/auth/set-password', {
        token: 'x'.repeat(43),
        password: 'yet another passphrase',
      })
    ).status,
    400,
  );
});

test('password reset links expire after 30 minutes', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');
  await post(tenancy.url, '/api/auth/password-reset', { email: acme.users.owner.email });
  const token = tokenOf(tenancy.mailer.lastTo(acme.users.owner.email)!.text);
  const { passwordResetModel } = await import('../../src/models/password-reset');
  await passwordResetModel(tenancy.database.connection).updateMany(
    {},
    { $set: { expiresAt: new Date(Date.now() - 1) } },
  );
  const res = await post(tenancy.url, '/api/auth/set-password', {
    token,
    password: 'too late passphrase',
  });
  assert.equal(res.status, 400);
  assert.equal(await errorCode(res), 'PARLEY_AUTH_TOKEN_INVALID');
});

test('changing the password needs the current one and keeps only this session', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');
  const here = await ConsoleClient.signIn(tenancy.url, acme.users.admin);
  const there = await ConsoleClient.signIn(tenancy.url, acme.users.admin);
  const wrong = await here.request('POST', '/api/auth/password', {
    currentPassword: 'nope',
    newPassword: 'a fresh passphrase',
  });
  assert.equal(wrong.status, 401);
  const ok = await here.request('POST', '/api/auth/password', {
    currentPassword: acme.users.admin.password,
    newPassword: 'a fresh passphrase',
  });
  assert.equal(ok.status, 200);
  assert.equal((await here.request('GET', '/api/tenant')).status, 200);
  assert.equal((await there.request('GET', '/api/tenant')).status, 401);
});
