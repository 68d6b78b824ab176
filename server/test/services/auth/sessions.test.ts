import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Types } from 'mongoose';
import { sessionModel } from '../../../src/models/session';
import { SessionService, sessionIdleMs, sessionMaxMs } from '../../../src/services/auth/sessions';
import { PasswordTokenService } from '../../../src/services/auth/tokens';
import { startTestDatabase } from '../../support/database';

test('sessions slide their idle expiry up to the absolute limit, and revoke', async (t) => {
  const db = await startTestDatabase(t);
  let now = new Date('2026-03-01T08:00:00Z');
  const sessions = new SessionService(db.connection, () => now);
  const user = { _id: new Types.ObjectId(), tenantId: new Types.ObjectId() };
  const { token, session } = await sessions.create(user, {
    method: 'password',
    ip: '10.0.0.1',
    userAgent: 'x'.repeat(500),
  });
  assert.match(token, /^[\w-]{43}$/);
  assert.notEqual(session._id, token, 'only the hash is stored');
  assert.equal(session.userAgent?.length, 300);
  assert.ok(await sessions.resolve(token));

  // Active use keeps the session alive well past one idle period…
  for (let hour = 0; hour < 30; hour += 6) {
    now = new Date(now.getTime() + 6 * 3600_000);
    assert.ok(await sessions.resolve(token), `alive after ${hour + 6} h of use`);
  }
  // …but never past the absolute limit.
  now = new Date(session.createdAt.getTime() + sessionMaxMs + 1000);
  assert.equal(await sessions.resolve(token), undefined);

  const idle = await sessions.create(user, { method: 'password' });
  now = new Date(now.getTime() + sessionIdleMs + 1000);
  assert.equal(await sessions.resolve(idle.token), undefined, 'idle too long');

  const other = { _id: new Types.ObjectId(), tenantId: user.tenantId };
  const a = await sessions.create(other, { method: 'password' });
  const b = await sessions.create(other, { method: 'saml' });
  const bystander = await sessions.create(user, { method: 'password' });
  assert.equal(await sessions.revokeAllForUser(other._id), 2);
  assert.ok(await sessions.resolve(bystander.token), "another user's session stays");
  assert.equal(await sessions.resolve(a.token), undefined);
  assert.equal(await sessions.resolve(b.token), undefined);
  assert.equal(await sessions.resolve('not a token'), undefined);
  assert.equal(await sessionModel(db.connection).countDocuments({ _id: a.token }), 0);
});

test('password tokens are single use even when used twice at once, and expire', async (t) => {
  const db = await startTestDatabase(t);
  let now = new Date('2026-03-01T08:00:00Z');
  const tokens = new PasswordTokenService(db.connection, () => now);
  const user = { _id: new Types.ObjectId(), tenantId: null };
  const token = await tokens.issue(user, 'reset');
  const results = await Promise.allSettled([
    tokens.consume(token),
    tokens.consume(token),
    tokens.consume(token),
  ]);
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);

  const later = await tokens.issue(user, 'reset');
  now = new Date(now.getTime() + 30 * 60_000 + 1);
  await assert.rejects(tokens.consume(later), /invalid, already used or expired/);
  const invite = await tokens.issue(user, 'invite');
  now = new Date(now.getTime() + 6 * 24 * 3600_000);
  assert.equal((await tokens.consume(invite)).purpose, 'invite', 'invitations last 7 days');
  await assert.rejects(tokens.consume(undefined), /invalid/);
});
