import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectMongo } from '../../../src/db/connect';
import { decide, RateLimiter } from '../../../src/services/rate-limit/limiter';
import { startTestDatabase } from '../../support/database';

test('decide: the previous window weighs in proportion to its overlap', () => {
  const base = { start: 60_000, windowMs: 60_000, limit: 10, counted: true };
  // Halfway through the window: 10 previous hits count as 5.
  assert.equal(decide({ ...base, now: 90_000, current: 5, previous: 10 }).allowed, true);
  assert.equal(decide({ ...base, now: 90_000, current: 6, previous: 10 }).allowed, false);
  // At the very start the previous window counts fully.
  assert.equal(decide({ ...base, now: 60_000, current: 1, previous: 10 }).allowed, false);
  assert.equal(decide({ ...base, now: 60_000, current: 1, previous: 9 }).remaining, 0);
  assert.equal(decide({ ...base, now: 60_000, current: 1, previous: 0 }).remaining, 9);
});

test('decide: Retry-After points at when a retry passes', () => {
  const base = { start: 60_000, windowMs: 60_000, limit: 10, counted: true };
  // The current window alone is over: wait for the next window.
  const over = decide({ ...base, now: 70_000, current: 11, previous: 0 });
  assert.equal(over.allowed, false);
  assert.equal(over.retryAfterSeconds, 50);
  // Over only because of the previous window: wait until its weight decays.
  const decaying = decide({ ...base, now: 60_000, current: 5, previous: 10 });
  assert.equal(decaying.allowed, false);
  assert.equal(decaying.retryAfterSeconds, 30);
  const retry = decide({ ...base, now: 90_000, current: 5, previous: 10 });
  assert.equal(retry.allowed, true);
});

test('decide: a peek asks whether one more hit would pass', () => {
  const base = { start: 0, windowMs: 60_000, limit: 3, now: 1000, previous: 0, counted: false };
  assert.equal(decide({ ...base, current: 2 }).allowed, true);
  assert.equal(decide({ ...base, current: 3 }).allowed, false);
});

test('limits are shared by limiters on separate connections to one database', async (t) => {
  const db = await startTestDatabase(t);
  const other = await connectMongo(db.uri);
  t.after(() => other.close());
  let now = 120_000;
  const a = new RateLimiter(db.connection, () => now);
  const b = new RateLimiter(other.connection, () => now);
  const limit = { limit: 4, windowMs: 60_000 };
  const results: boolean[] = [];
  for (const limiter of [a, b, a, b, a, b])
    results.push((await limiter.consume('pk:1', limit)).allowed);
  assert.deepEqual(results, [true, true, true, true, false, false]);
  // Another bucket is independent.
  assert.equal((await a.consume('pk:2', limit)).allowed, true);
  // Concurrent first hits on a new window all count exactly once.
  now = 240_000;
  const burst = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      (i % 2 ? a : b).consume('pk:3', { limit: 100, windowMs: 60_000 }),
    ),
  );
  const remaining = burst.map((d) => d.remaining).sort((x, y) => x - y);
  assert.deepEqual(remaining, [92, 93, 94, 95, 96, 97, 98, 99]);
});

test('peek does not count; reset forgets a bucket', async (t) => {
  const db = await startTestDatabase(t);
  const limiter = new RateLimiter(db.connection, () => 30_000);
  const limit = { limit: 2, windowMs: 60_000 };
  assert.equal((await limiter.peek('login:a', limit)).allowed, true);
  await limiter.consume('login:a', limit);
  await limiter.consume('login:a', limit);
  assert.equal((await limiter.peek('login:a', limit)).allowed, false);
  await limiter.consume('login:ab', limit);
  await limiter.reset('login:a');
  assert.equal((await limiter.peek('login:a', limit)).allowed, true);
  // A bucket whose name extends the reset one is untouched.
  assert.equal((await limiter.peek('login:ab', limit)).remaining, 0);
});
