import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newVisitor, OwnerTokens, ownerKey } from '../../../src/services/chat/owner-token';

const tokens = new OwnerTokens('a-secret-of-at-least-32-characters!!', 3600);

test('owner tokens round-trip for visitors and users of their own tenant only', () => {
  const visitor = newVisitor();
  const token = tokens.issue('tenant-a', visitor);
  assert.match(token, /^pv1\.[\w-]+\.[\w-]+$/);
  assert.deepEqual(tokens.verify('tenant-a', token), visitor);
  assert.equal(tokens.verify('tenant-b', token), undefined);
  const user = { kind: 'user', id: 'jane' } as const;
  assert.deepEqual(tokens.verify('tenant-a', tokens.issue('tenant-a', user)), user);
  assert.equal(ownerKey(visitor), `v:${visitor.id}`);
  assert.equal(ownerKey(user), 'u:jane');
});

test('owner tokens refuse forgery, tampering, other secrets and junk', () => {
  const token = tokens.issue('tenant-a', { kind: 'visitor', id: 'abc' });
  const [prefix, payload, sig] = token.split('.');
  const forgedPayload = Buffer.from(JSON.stringify({ t: 'tenant-a', k: 'u', s: 'ceo' })).toString(
    'base64url',
  );
  for (const bad of [
    `${prefix}.${forgedPayload}.${sig}`,
    `${prefix}.${payload}.${sig!.slice(0, -2)}xx`,
    new OwnerTokens('another-secret-of-at-least-32-chars!!').issue('tenant-a', {
      kind: 'visitor',
      id: 'abc',
    }),
    'v_0123456789abcdef0123456789abcdef',
    '',
    undefined,
    `pv1.${'a'.repeat(2000)}.b`,
  ]) {
    assert.equal(tokens.verify('tenant-a', bad), undefined, String(bad).slice(0, 40));
  }
});

test('tokens bound to a verified user expire; anonymous visitor tokens do not', () => {
  const now = Date.UTC(2030, 0, 1);
  const user = tokens.issue('t', { kind: 'user', id: 'jane' }, now);
  assert.ok(tokens.verify('t', user, now + 3599_000));
  assert.equal(tokens.verify('t', user, now + 3601_000), undefined);
  const visitor = tokens.issue('t', { kind: 'visitor', id: 'v' }, now);
  assert.ok(tokens.verify('t', visitor, now + 10 * 365 * 86_400_000));
});
