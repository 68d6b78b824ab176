import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeAction, lines, relativeTime } from '../../../console/src/lib/format';
import { isLocalPattern, originHint } from '../../../console/src/lib/origins';

test('relative times read naturally', () => {
  const now = new Date('2026-01-10T12:00:00Z');
  assert.equal(relativeTime(null, now), '—');
  assert.equal(relativeTime('2026-01-10T11:59:50Z', now), 'just now');
  assert.equal(relativeTime('2026-01-10T11:57:00Z', now), '3 minutes ago');
  assert.equal(relativeTime('2026-01-09T12:00:00Z', now), 'yesterday');
  assert.equal(relativeTime('2026-01-12T12:00:00Z', now), 'in 2 days');
});

test('audit actions have words; multi-line fields split cleanly', () => {
  assert.equal(describeAction('key.rotate'), 'Rotated an API key');
  assert.equal(describeAction('theme.publish'), 'theme.publish');
  assert.deepEqual(lines(' a \n\n b\n'), ['a', 'b']);
});

test('origin hints catch the usual typos before the server does', () => {
  assert.equal(originHint('https://intranet.example.com'), null);
  assert.equal(originHint('https://*.intranet.example'), null);
  assert.equal(originHint('http://localhost:*'), null);
  assert.match(originHint('intranet.example.com')!, /https:\/\//);
  assert.match(originHint('https://intranet.example.com/home')!, /path/);
  assert.match(originHint('https://intranet.*.example')!, /Wildcards/);
  assert.match(originHint('  ')!, /Enter an origin/);
  assert.equal(isLocalPattern('http://localhost:*'), true);
  assert.equal(isLocalPattern('http://127.0.0.1:3000'), true);
  assert.equal(isLocalPattern('https://localhost.example.com'), false);
});
