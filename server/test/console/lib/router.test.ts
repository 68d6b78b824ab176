import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hrefOf, routeOf, tokenFromHash } from '../../../console/src/lib/router';

test('routes map to and from /admin paths', () => {
  assert.equal(routeOf('/admin'), '');
  assert.equal(routeOf('/admin/'), '');
  assert.equal(routeOf('/admin/Keys/'), 'keys');
  assert.equal(routeOf('/administrator'), '');
  assert.equal(routeOf('/elsewhere/keys'), '');
  assert.equal(hrefOf('keys'), '/admin/keys');
  assert.equal(hrefOf(''), '/admin');
});

test('tokens come from the fragment and must look like tokens', () => {
  const token = 'A'.repeat(43);
  assert.equal(tokenFromHash(`#token=${token}`), token);
  assert.equal(tokenFromHash('#token=short'), null);
  assert.equal(tokenFromHash('#token=<script>alert(1)</script>aaaaaaaaaaaaaaaa'), null);
  assert.equal(tokenFromHash(''), null);
});
