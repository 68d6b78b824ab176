import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  csrfTokenMatches,
  isSameOrigin,
  isStateChanging,
  newCsrfToken,
} from '../../../src/services/auth/csrf';

test('CSRF tokens are random and compared exactly', () => {
  const token = newCsrfToken();
  assert.match(token, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(newCsrfToken(), token);
  assert.equal(csrfTokenMatches(token, token), true);
  assert.equal(csrfTokenMatches(`${token}x`, token), false);
  assert.equal(csrfTokenMatches(token.toUpperCase(), token), false);
  assert.equal(csrfTokenMatches('', token), false);
  assert.equal(csrfTokenMatches(undefined, token), false);
  assert.equal(csrfTokenMatches([token], token), false);
});

test('only unsafe methods need a token', () => {
  for (const m of ['GET', 'head', 'OPTIONS']) assert.equal(isStateChanging(m), false);
  for (const m of ['POST', 'put', 'PATCH', 'DELETE']) assert.equal(isStateChanging(m), true);
});

test('pre-session requests must come from our own origin when a browser says where from', () => {
  const own = ['https://parley.example'];
  assert.equal(isSameOrigin('https://parley.example', own), true);
  assert.equal(isSameOrigin('https://evil.example', own), false);
  assert.equal(isSameOrigin('null', own), false);
  assert.equal(isSameOrigin(undefined, own), true);
});
