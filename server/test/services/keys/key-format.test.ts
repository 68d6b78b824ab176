import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  generateKey,
  hashKey,
  keyMatchesHash,
  keyPrefix,
  parseKey,
  randomBase62,
} from '../../../src/services/keys/key-format';

test('generated keys have the pk_/sk_ live/test shapes and parse back', () => {
  const pk = generateKey('publishable', 'live');
  const sk = generateKey('secret', 'test');
  assert.match(pk, /^pk_live_[A-Za-z0-9]{24}$/);
  assert.match(sk, /^sk_test_[A-Za-z0-9]{40}$/);
  assert.deepEqual(parseKey(pk), { kind: 'publishable', mode: 'live', body: pk.slice(8) });
  assert.deepEqual(parseKey(sk), { kind: 'secret', mode: 'test', body: sk.slice(8) });
  assert.notEqual(generateKey('secret', 'live'), generateKey('secret', 'live'));
});

test('parseKey accepts the fixed demo key and refuses anything else', () => {
  assert.deepEqual(parseKey('pk_test_parley_demo'), {
    kind: 'publishable',
    mode: 'test',
    body: 'parley_demo',
  });
  for (const bad of [
    undefined,
    42,
    '',
    'pk_prod_abcdefghij',
    'xk_live_abcdefghij',
    'pk_live_short',
    'pk_live_abcdefghij\n',
    'pk_live_abc-defghij',
    `sk_live_${'a'.repeat(65)}`,
  ]) {
    assert.equal(parseKey(bad), undefined, String(bad));
  }
});

test('randomBase62 is uniform enough and uses the whole alphabet', () => {
  const sample = randomBase62(62 * 200);
  const counts = new Map<string, number>();
  for (const c of sample) counts.set(c, (counts.get(c) ?? 0) + 1);
  assert.equal(counts.size, 62);
  for (const [c, n] of counts) assert.ok(n > 100 && n < 320, `${c} appeared ${n} times`);
});

test('hashes match only the exact key, and the prefix is its first 16 characters', () => {
  const key = generateKey('secret', 'live');
  const stored = hashKey(key);
  assert.match(stored, /^[0-9a-f]{64}$/);
  assert.equal(keyMatchesHash(key, stored), true);
  assert.equal(keyMatchesHash(`${key}x`, stored), false);
  assert.equal(keyMatchesHash(key.slice(0, -1), stored), false);
  assert.equal(keyMatchesHash(key, 'not-hex'), false);
  assert.equal(keyPrefix(key), key.slice(0, 16));
  assert.ok(!stored.includes(key.slice(8)));
});
