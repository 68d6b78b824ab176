import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditQuery } from '../../../../console/src/features/audit/useAudit';

test('audit filters become the API query', () => {
  assert.equal(
    auditQuery({ action: '', actor: '', since: '', until: '' }, null),
    '/api/audit?limit=25',
  );
  const query = new URL(
    `http://x${auditQuery({ action: 'key.', actor: ' ann ', since: '2026-01-01', until: '2026-01-31' }, 'abc', 10)}`,
  ).searchParams;
  assert.equal(query.get('action'), 'key.');
  assert.equal(query.get('actor'), 'ann');
  assert.equal(query.get('cursor'), 'abc');
  assert.equal(query.get('limit'), '10');
  assert.ok(new Date(query.get('since')!).getTime() < new Date(query.get('until')!).getTime());
  assert.equal(
    new Date(query.get('until')!).getTime() - new Date(query.get('since')!).getTime(),
    31 * 24 * 3600_000 - 1,
  );
});
