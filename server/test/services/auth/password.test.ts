import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from '../../../src/services/auth/password';

test('passwords hash with argon2id and verify only the same password', async () => {
  const stored = await hashPassword('correct horse battery staple');
  assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.notEqual(await hashPassword('correct horse battery staple'), stored);
  assert.equal(await verifyPassword(stored, 'correct horse battery staple'), true);
  assert.equal(await verifyPassword(stored, 'correct horse battery stapl'), false);
});

test('missing or malformed stored hashes never verify', async () => {
  assert.equal(await verifyPassword(undefined, 'anything'), false);
  assert.equal(await verifyPassword(null, ''), false);
  assert.equal(await verifyPassword('$argon2id$garbage', 'anything'), false);
});
