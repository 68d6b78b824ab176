import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Types } from 'mongoose';
import { AuditService } from '../../src/services/audit/audit-service';
import { changedFields, redact } from '../../src/services/audit/redact';
import { startTestDatabase } from '../support/database';
import { ConsoleClient, startTenancy } from '../support/tenancy';

test('redact hides secrets at any depth and bounds the payload', () => {
  const id = new Types.ObjectId();
  const out = redact({
    _id: id,
    passwordHash: '$argon2id$…',
    nested: { token: 'abc', list: [{ secret: 's' }], at: new Date('2026-01-01T00:00:00Z') },
    __v: 3,
    name: 'x'.repeat(3000),
    empty: { hash: null },
  }) as Record<string, unknown>;
  assert.equal(out._id, id.toHexString());
  assert.equal(out.passwordHash, '[redacted]');
  assert.deepEqual(out.nested, {
    token: '[redacted]',
    list: [{ secret: '[redacted]' }],
    at: '2026-01-01T00:00:00.000Z',
  });
  assert.equal('__v' in out, false);
  assert.equal((out.name as string).length, 2001);
  assert.deepEqual(out.empty, { hash: null });
  let deep: Record<string, unknown> = {};
  const root = deep;
  for (let i = 0; i < 20; i++) deep = deep.next = {} as Record<string, unknown>;
  assert.match(JSON.stringify(redact(root)), /\[truncated\]/);
  assert.deepEqual(changedFields({ a: 1, b: [1], c: 'x' }, { a: 1, b: [2], d: true }), {
    before: { b: [1], c: 'x', d: null },
    after: { b: [2], c: null, d: true },
  });
});

test('the audit log pages newest first, filters, and stays within its tenant', async (t) => {
  const db = await startTestDatabase(t);
  const audit = new AuditService(db.connection);
  const a = new Types.ObjectId();
  const b = new Types.ObjectId();
  const actor = (label: string) => ({ type: 'user' as const, id: null, label, role: 'admin' });
  for (let i = 0; i < 7; i++) {
    await audit.record({
      tenantId: a,
      actor: actor(i % 2 ? 'ann@a.example' : 'bob@a.example'),
      action: i < 4 ? 'key.create' : 'tenant.update',
      target: { type: 'apiKey', id: String(i) },
    });
  }
  await audit.record({
    tenantId: b,
    actor: actor('eve@b.example'),
    action: 'key.create',
    target: { type: 'apiKey', id: 'b' },
  });

  const first = await audit.list(a, { limit: 3 });
  assert.deepEqual(
    first.items.map((i) => i.target.id),
    ['6', '5', '4'],
  );
  const second = await audit.list(a, { limit: 3, cursor: first.nextCursor! });
  assert.deepEqual(
    second.items.map((i) => i.target.id),
    ['3', '2', '1'],
  );
  const third = await audit.list(a, { limit: 3, cursor: second.nextCursor! });
  assert.deepEqual(
    third.items.map((i) => i.target.id),
    ['0'],
  );
  assert.equal(third.nextCursor, null);

  assert.equal((await audit.list(a, { action: 'key.' })).items.length, 4);
  assert.equal((await audit.list(a, { actor: 'ANN' })).items.length, 3);
  assert.equal((await audit.list(a, { actor: '.*' })).items.length, 0, 'actor text is not a regex');
  assert.equal((await audit.list(a, { since: new Date(Date.now() + 60_000) })).items.length, 0);
  assert.deepEqual(
    (await audit.list(b)).items.map((i) => i.actor.label),
    ['eve@b.example'],
  );
});

test('GET /api/audit validates its query', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme');
  const owner = await ConsoleClient.signIn(tenancy.url, acme.users.owner);
  for (const query of [
    'limit=0',
    'limit=1000',
    'since=yesterday',
    'cursor=$$',
    'action=$where',
    'unknown=1',
  ]) {
    assert.equal((await owner.request('GET', `/api/audit?${query}`)).status, 400, query);
  }
  const page = (await (await owner.request('GET', '/api/audit?limit=1')).json()) as {
    items: { action: string }[];
    nextCursor: string;
  };
  assert.equal(page.items.length, 1);
  assert.equal(page.items[0]!.action, 'auth.login');
  const next = (await (
    await owner.request('GET', `/api/audit?limit=1&cursor=${page.nextCursor}`)
  ).json()) as { items: { action: string }[] };
  assert.equal(next.items[0]!.action, 'tenant.create');
});
