import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { LimitLocks } from '../../../src/services/billing/limit-lock';
import { startTestDatabase } from '../../support/database';

test('sections on one tenant and limit run one at a time; others in parallel', async (t) => {
  const { connection } = await startTestDatabase(t);
  const locks = new LimitLocks(connection);
  const log: string[] = [];
  const section = (name: string) => async () => {
    log.push(`${name}>`);
    await sleep(20);
    log.push(`<${name}`);
    return name;
  };
  const results = await Promise.all([
    locks.hold('t1', 'seats', section('a')),
    locks.hold('t1', 'seats', section('b')),
    locks.hold('t1', 'seats', section('c')),
  ]);
  assert.deepEqual(results, ['a', 'b', 'c']);
  // Never two sections open at once: every opening is followed by its own close.
  for (let i = 0; i < log.length; i += 2) {
    assert.equal(log[i + 1], `<${log[i]!.slice(0, -1)}`, log.join(' '));
  }

  // Another tenant, or another limit of the same tenant, does not wait.
  let inside = 0;
  let most = 0;
  const count = async () => {
    most = Math.max(most, ++inside);
    await sleep(20);
    inside--;
  };
  await Promise.all([
    locks.hold('t1', 'seats', count),
    locks.hold('t2', 'seats', count),
    locks.hold('t1', 'widgets', count),
  ]);
  assert.equal(most, 3);
});

test('a failing section releases the lease; a dead holder is overtaken after the lease', async (t) => {
  const { connection } = await startTestDatabase(t);
  const locks = new LimitLocks(connection, { leaseMs: 200, waitMs: 1_000 });
  await assert.rejects(
    locks.hold('t1', 'seats', async () => {
      throw new Error('refused');
    }),
    /refused/,
  );
  assert.equal(await locks.hold('t1', 'seats', async () => 'free again'), 'free again');

  // A lease left behind (its process died) blocks until it expires, then is taken over.
  await connection.collection('limitLocks').insertOne({
    _id: 'seats:t1' as never,
    tenantId: 't1',
    holder: 'dead',
    expiresAt: new Date(Date.now() + 150),
  });
  const started = Date.now();
  assert.equal(await locks.hold('t1', 'seats', async () => 'taken over'), 'taken over');
  assert.ok(Date.now() - started >= 100);
  assert.equal(await connection.collection('limitLocks').countDocuments(), 0);
});

test('waiting longer than waitMs answers 429 PARLEY_RATE_LIMITED', async (t) => {
  const { connection } = await startTestDatabase(t);
  const locks = new LimitLocks(connection, { leaseMs: 60_000, waitMs: 100 });
  let release!: () => void;
  const held = locks.hold('t1', 'seats', () => new Promise<void>((r) => (release = r)));
  await sleep(20);
  await assert.rejects(
    locks.hold('t1', 'seats', async () => 'never'),
    (error: unknown) => {
      const e = error as { code?: string; status?: number };
      return e.code === 'PARLEY_RATE_LIMITED' && e.status === 429;
    },
  );
  release();
  await held;
});
