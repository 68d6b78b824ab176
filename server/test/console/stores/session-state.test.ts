import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  accountKey,
  can,
  expiredSession,
  forgetExpiredSession,
  type Session,
  session,
} from '../../../console/src/stores/session-state';

const sessionOf = (userId: string, tenantId: string, permissions: string[]): Session => ({
  via: 'session',
  user: { id: userId, email: `${userId}@acme.example`, role: 'admin' },
  tenant: { id: tenantId, slug: tenantId, name: tenantId, plan: 'free' },
  permissions,
  operator: false,
  csrfToken: 'csrf',
});

test('a session lost while signed in is kept as expired until the next sign-in', () => {
  // Opening the console signed out is not an expiry.
  session.value = null;
  assert.equal(expiredSession.value, null);
  assert.equal(can('tenant:write'), false);

  const ann = sessionOf('ann', 'acme', ['tenant:read', 'tenant:write']);
  session.value = ann;
  session.value = null;
  assert.equal(expiredSession.value, ann);
  // The page behind the sign-in dialog keeps its controls, so what was typed stays.
  assert.equal(can('tenant:write'), true);
  assert.equal(can('keys:write'), false);

  session.value = { ...ann, csrfToken: 'fresh' };
  assert.equal(expiredSession.value, null);
  assert.equal(can('tenant:write'), true);

  session.value = null;
  forgetExpiredSession();
  assert.equal(expiredSession.value, null);
  assert.equal(can('tenant:read'), false);
});

test('pages are reused after a re-sign-in only for the same person in the same workspace', () => {
  const ann = sessionOf('ann', 'acme', []);
  const renewed: Session = { ...ann, csrfToken: 'other' };
  assert.equal(accountKey(ann), accountKey(renewed));
  assert.notEqual(accountKey(ann), accountKey(sessionOf('bob', 'acme', [])));
  assert.notEqual(accountKey(ann), accountKey(sessionOf('ann', 'beta', [])));
  assert.notEqual(accountKey(ann), accountKey({ ...ann, tenant: null, operator: true }));
});
