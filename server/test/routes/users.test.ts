import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConsoleClient, errorCode, startTenancy } from '../support/tenancy';

type UserView = { id: string; email: string; role: string; status: string };
const tokenOf = (text: string) => /#token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

test('/api/users: invite, accept, change roles, disable', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme', { plan: 'enterprise' });
  const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);
  const admin = await ConsoleClient.signIn(tenancy.url, acme.users.admin);
  const users = async () =>
    ((await (await owner.request('GET', '/api/users')).json()) as { items: UserView[] }).items;
  const byEmail = async (email: string) => (await users()).find((u) => u.email === email)!;

  await t.test('an invitation creates a pending user and mails a single-use link', async () => {
    const res = await admin.request('POST', '/api/users', {
      email: 'New.Person@Acme.example',
      role: 'editor',
      name: 'New Person',
    });
    assert.equal(res.status, 201);
    const invited = (await res.json()) as UserView;
    assert.equal(invited.email, 'new.person@acme.example');
    assert.equal(invited.status, 'invited');
    const mail = tenancy.mailer.lastTo('new.person@acme.example')!;
    assert.match(mail.subject, /invited to acme Inc/);
    assert.match(mail.text, /\/admin\/accept-invite#token=/);
    const dup = await admin.request('POST', '/api/users', {
      email: 'new.person@acme.example',
      role: 'viewer',
    });
    assert.equal(dup.status, 409);
    assert.equal(await errorCode(dup), 'PARLEY_USER_EXISTS');
    // Resending voids the first link.
    const first = tokenOf(mail.text);
    assert.equal((await admin.request('POST', `/api/users/${invited.id}/invitation`)).status, 202);
    const second = tokenOf(tenancy.mailer.lastTo('new.person@acme.example')!.text);
    const post = (token: string) =>
      fetch(`${tenancy.url}/api/auth/set-password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, password: 'my own passphrase' }),
      });
    assert.equal((await post(first)).status, 400);
    assert.equal((await post(second)).status, 200);
    const joined = await ConsoleClient.signIn(tenancy.url, {
      email: 'new.person@acme.example',
      password: 'my own passphrase',
    });
    assert.equal((await joined.request('GET', '/api/tenant')).status, 200);
    assert.equal((await byEmail('new.person@acme.example')).status, 'active');
    assert.equal(
      (await admin.request('POST', `/api/users/${invited.id}/invitation`)).status,
      400,
      'no resend once accepted',
    );
  });

  await t.test('only owners grant the owner role; nobody changes their own role', async () => {
    const editor = await byEmail(acme.users.editor.email);
    const promote = await admin.request('PATCH', `/api/users/${editor.id}`, { role: 'owner' });
    assert.equal(promote.status, 403);
    const inviteOwner = await admin.request('POST', '/api/users', {
      email: 'boss@acme.example',
      role: 'owner',
    });
    assert.equal(inviteOwner.status, 403);
    const ownerRow = await byEmail(acme.users.owner.email);
    assert.equal(
      (await admin.request('PATCH', `/api/users/${ownerRow.id}`, { role: 'viewer' })).status,
      403,
      'admins cannot demote owners',
    );
    const self = await byEmail(acme.users.admin.email);
    assert.equal(
      (await admin.request('PATCH', `/api/users/${self.id}`, { role: 'owner' })).status,
      403,
    );
    assert.equal(
      (await admin.request('PATCH', `/api/users/${self.id}`, { name: 'Ada' })).status,
      200,
      'renaming oneself is fine',
    );
    assert.equal(
      (await owner.request('PATCH', `/api/users/${editor.id}`, { role: 'admin' })).status,
      200,
    );
  });

  await t.test('a demoted or disabled user loses their open sessions at once', async () => {
    const viewerSession = await ConsoleClient.signIn(tenancy.url, acme.users.viewer);
    const viewer = await byEmail(acme.users.viewer.email);
    assert.equal(
      (await owner.request('PATCH', `/api/users/${viewer.id}`, { disabled: true })).status,
      200,
    );
    assert.equal((await viewerSession.request('GET', '/api/tenant')).status, 401);
    assert.equal((await byEmail(acme.users.viewer.email)).status, 'disabled');
    assert.equal(
      (await owner.request('PATCH', `/api/users/${viewer.id}`, { disabled: false })).status,
      200,
    );
  });

  await t.test('owners may demote each other, but a workspace keeps one active owner', async () => {
    const ownerRow = await byEmail(acme.users.owner.email);
    const adminRow = await byEmail(acme.users.admin.email);
    assert.equal(
      (await owner.request('PATCH', `/api/users/${adminRow.id}`, { role: 'owner' })).status,
      200,
    );
    const secondOwner = await ConsoleClient.signIn(tenancy.url, acme.users.admin);
    assert.equal(
      (await secondOwner.request('PATCH', `/api/users/${ownerRow.id}`, { role: 'admin' })).status,
      200,
    );
    assert.equal(
      (await owner.request('GET', '/api/tenant')).status,
      401,
      'the demoted owner was signed out',
    );
    // Through the API nobody can remove the last owner (owners cannot change themselves);
    // the service refuses it for any other caller too (CLI, operators).
    await assert.rejects(
      tenancy.access.users.update(acme.id, adminRow.id, { role: 'viewer' }, { role: 'owner' }),
      (error: { code?: string }) => error.code === 'PARLEY_USER_LAST_OWNER',
    );
    await assert.rejects(
      tenancy.access.users.update(acme.id, adminRow.id, { disabled: true }, { role: 'owner' }),
      (error: { code?: string }) => error.code === 'PARLEY_USER_LAST_OWNER',
    );
  });

  await t.test('changes are in the audit log with before and after', async () => {
    const entries = (
      await (
        await ConsoleClient.signIn(tenancy.url, acme.users.admin)
      ).request('GET', '/api/audit?action=user.')
    ).json() as Promise<{
      items: {
        action: string;
        before: { role?: string } | null;
        after: { role?: string } | null;
      }[];
    }>;
    const actions = (await entries).items.map((i) => i.action);
    for (const action of [
      'user.invite',
      'user.reinvite',
      'user.accept_invitation',
      'user.update_role',
      'user.disable',
    ]) {
      assert.ok(actions.includes(action), action);
    }
    const roleChange = (await entries).items.find((i) => i.action === 'user.update_role')!;
    assert.ok(
      roleChange.before?.role &&
        roleChange.after?.role &&
        roleChange.before.role !== roleChange.after.role,
    );
  });
});
