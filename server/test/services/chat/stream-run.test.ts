import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StreamRun } from '../../../src/services/chat/stream-run';

function run() {
  const detached: string[] = [];
  const r = new StreamRun('m1', 't1', 'c1', 'v:x', (x) => detached.push(x.messageId));
  return { r, detached };
}

test('a reader joining late gets the missed events first, then live ones, then the end', async () => {
  const { r } = run();
  r.emit('meta', { a: 1 });
  r.emit('token', { delta: 'x' });
  const seen: number[] = [];
  const piped = r.pipe(0, (e) => seen.push(e.seq) > 0, new AbortController().signal);
  r.emit('token', { delta: 'y' });
  r.emit('done', {});
  r.emit('token', { delta: 'after the end is ignored' });
  await piped;
  assert.deepEqual(seen, [1, 2, 3]);
  assert.deepEqual(
    r.events.map((e) => e.event),
    ['meta', 'token', 'token', 'done'],
  );
  assert.equal(r.ended, true);
});

test('the last reader leaving reports the run detached; a new reader clears it', async () => {
  const { r, detached } = run();
  r.emit('meta', {});
  const gone = new AbortController();
  const piped = r.pipe(-1, () => true, gone.signal);
  assert.equal(r.readerCount, 1);
  gone.abort();
  await piped;
  assert.equal(r.readerCount, 0);
  assert.deepEqual(detached, ['m1']);
  assert.ok(r.detachedAt !== undefined);
  void r.pipe(0, () => true, new AbortController().signal);
  assert.equal(r.detachedAt, undefined);
});

test('a writer that refuses an event (socket gone) is detached', async () => {
  const { r, detached } = run();
  const piped = r.pipe(-1, () => false, new AbortController().signal);
  r.emit('meta', {});
  await piped;
  assert.equal(r.readerCount, 0);
  assert.deepEqual(detached, ['m1']);
});

test('abort records the first cause only and fires the signal', () => {
  const { r } = run();
  r.abort('stopped');
  r.abort('aborted');
  assert.equal(r.abortCause, 'stopped');
  assert.equal(r.signal.aborted, true);
});
