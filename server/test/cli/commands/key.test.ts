import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createKeyCommand, revokeKeyCommand } from '../../../src/cli/commands/key';
import { createUserCommand } from '../../../src/cli/commands/user';
import { asWidget, ConsoleClient, startTenancy, withSecretKey } from '../../support/tenancy';

test('key create | revoke and user create work on a tenant by slug, and are audited', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');
  const { access } = tenancy;

  const secret = await createKeyCommand(access, {
    tenant: 'acme',
    kind: 'secret',
    mode: 'live',
    name: 'ETL',
    scope: ['documents:write'],
  });
  assert.match(secret.key, /^sk_live_/);
  assert.equal(secret.tenantId, acme.id);
  assert.equal(
    (await withSecretKey(tenancy.url, secret.key, 'GET', '/api/tenant')).status,
    403,
    'scoped to documents:write',
  );

  const publishable = await createKeyCommand(access, {
    tenant: 'acme',
    kind: 'publishable',
    mode: 'test',
    scope: [],
  });
  assert.equal(
    (await asWidget(tenancy.url, publishable.key, 'http://localhost:8080')).status,
    403,
    'localhost not allowed yet',
  );
  assert.equal((await asWidget(tenancy.url, publishable.key, 'https://acme.example')).status, 200);

  const revoked = await revokeKeyCommand(access, { tenant: 'acme', key: publishable.key });
  assert.equal(revoked.status, 'revoked');
  assert.equal((await asWidget(tenancy.url, publishable.key, 'https://acme.example')).status, 401);
  assert.equal(
    (await revokeKeyCommand(access, { tenant: 'acme', key: secret.keyId })).status,
    'revoked',
  );
  await assert.rejects(
    revokeKeyCommand(access, { tenant: 'acme', key: 'sk_live_nothing' }),
    /No key/,
  );
  await assert.rejects(
    createKeyCommand(access, { tenant: 'nope', kind: 'secret', mode: 'live', scope: [] }),
    /No workspace with slug "nope"/,
  );
  await assert.rejects(
    createKeyCommand(access, {
      tenant: 'acme',
      kind: 'secret',
      mode: 'live',
      scope: ['keys:write'],
    }),
    /scopes/,
  );

  const user = await createUserCommand(access, {
    tenant: 'acme',
    email: 'Ops@Acme.example',
    role: 'editor',
    password: 'editor-passphrase',
  });
  assert.equal(user.email, 'ops@acme.example');
  await ConsoleClient.signIn(tenancy.url, {
    email: 'ops@acme.example',
    password: 'editor-passphrase',
  });
  const invited = await createUserCommand(access, {
    tenant: 'acme',
    email: 'new@acme.example',
    role: 'viewer',
    invite: true,
  });
  assert.match(String(invited.inviteLink), /\/admin\/accept-invite#token=/);
  assert.equal(
    tenancy.mailer.lastTo('new@acme.example')?.text.includes(String(invited.inviteLink)),
    true,
  );
  const operator = await createUserCommand(access, {
    email: 'ops@parley.example',
    password: 'operator-passphrase',
    operator: true,
  });
  assert.equal(operator.role, 'operator');
  await assert.rejects(
    createUserCommand(access, { tenant: 'acme', email: 'x@acme.example' }),
    /--password or --invite/,
  );
  await assert.rejects(
    createUserCommand(access, { email: 'x@acme.example', password: 'long-enough-pass' }),
    /--tenant/,
  );
  await assert.rejects(
    createUserCommand(access, {
      tenant: 'acme',
      email: 'x@acme.example',
      role: 'root',
      password: 'long-enough-pass',
    }),
    /Invalid role/,
  );

  const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);
  const audit = (await (await owner.request('GET', '/api/audit?actor=cli')).json()) as {
    items: { action: string }[];
  };
  assert.deepEqual(
    audit.items.map((i) => i.action),
    ['user.invite', 'user.create', 'key.revoke', 'key.revoke', 'key.create', 'key.create'],
  );
});
