import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  asWidget,
  ConsoleClient,
  errorCode,
  startTenancy,
  withSecretKey,
} from '../support/tenancy';

type KeyView = {
  id: string;
  kind: string;
  prefix: string;
  value: string | null;
  status: string;
  expiresAt: string | null;
};

test('/api/keys: create shows the secret once, list never does; rotate and revoke are audited', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');
  const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);

  const created = await owner.request('POST', '/api/keys', {
    kind: 'secret',
    mode: 'live',
    name: 'CI',
  });
  assert.equal(created.status, 201);
  assert.equal(created.headers.get('cache-control'), 'no-store');
  const { key, secret } = (await created.json()) as { key: KeyView; secret: string };
  assert.match(secret, /^sk_live_[A-Za-z0-9]{40}$/);
  assert.equal(key.value, null);

  const listed = await (await owner.request('GET', '/api/keys')).text();
  assert.ok(!listed.includes(secret), 'the list never carries a secret');
  assert.ok(listed.includes(secret.slice(0, 16)), 'but shows its prefix');
  assert.equal((await withSecretKey(tenancy.url, secret, 'GET', '/api/tenant')).status, 200);

  const rotated = await owner.request('POST', `/api/keys/${key.id}/rotate`, { graceSeconds: 600 });
  assert.equal(rotated.status, 200);
  const rotation = (await rotated.json()) as { old: KeyView; key: KeyView; secret: string };
  assert.equal(rotation.old.status, 'expiring');
  const graceMs = new Date(rotation.old.expiresAt!).getTime() - Date.now();
  assert.ok(graceMs > 500_000 && graceMs <= 600_000, `grace ${graceMs}`);
  assert.equal(
    (await withSecretKey(tenancy.url, secret, 'GET', '/api/tenant')).status,
    200,
    'old key in grace',
  );
  assert.equal(
    (await withSecretKey(tenancy.url, rotation.secret, 'GET', '/api/tenant')).status,
    200,
  );

  const revoked = await owner.request('POST', `/api/keys/${rotation.key.id}/revoke`);
  assert.equal(((await revoked.json()) as { key: KeyView }).key.status, 'revoked');
  assert.equal(
    (await withSecretKey(tenancy.url, rotation.secret, 'GET', '/api/tenant')).status,
    401,
  );
  assert.equal((await owner.request('DELETE', `/api/keys/${key.id}`)).status, 200);
  assert.equal(
    (await withSecretKey(tenancy.url, secret, 'GET', '/api/tenant')).status,
    401,
    'revoking ends the grace too',
  );

  const audit = (await (await owner.request('GET', '/api/audit?action=key.')).json()) as {
    items: { action: string; after: unknown; actor: { label: string } }[];
  };
  assert.deepEqual(
    audit.items.map((i) => i.action),
    ['key.revoke', 'key.revoke', 'key.rotate', 'key.create'],
  );
  assert.equal(audit.items[0]!.actor.label, acme.users.owner.email);
  assert.ok(!JSON.stringify(audit).includes(secret.slice(16)), 'no secret in the audit log');
});

test('/api/keys: publishable keys, validation and not-found ids', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');
  const admin = await ConsoleClient.signIn(tenancy.url, acme.users.admin);
  const res = await admin.request('POST', '/api/keys', {
    kind: 'publishable',
    mode: 'test',
    name: 'Dev',
  });
  const { key, secret } = (await res.json()) as { key: KeyView; secret: string };
  assert.equal(key.value, secret, 'publishable keys stay visible');
  assert.equal(
    (await asWidget(tenancy.url, secret, 'http://localhost:3000')).status,
    403,
    'localhost is not in the list',
  );

  for (const body of [
    { kind: 'master' },
    { kind: 'secret', scopes: ['keys:write'] },
    { kind: 'secret', expiresAt: '2001-01-01T00:00:00Z' },
    { kind: 'secret', extra: 1 },
  ]) {
    const bad = await admin.request('POST', '/api/keys', body);
    assert.equal(bad.status, 400, JSON.stringify(body));
    assert.equal(await errorCode(bad), 'PARLEY_VALIDATION_FAILED');
  }
  assert.equal(
    (await admin.request('POST', `/api/keys/${key.id}/rotate`, { graceSeconds: -1 })).status,
    400,
  );
  assert.equal(
    (await admin.request('POST', `/api/keys/${key.id}/rotate`, { graceSeconds: 31 * 24 * 3600 }))
      .status,
    400,
  );
  for (const id of ['000000000000000000000000', 'not-an-id']) {
    assert.equal((await admin.request('POST', `/api/keys/${id}/revoke`)).status, 404);
  }
});
