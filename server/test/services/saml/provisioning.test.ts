import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ParleyError } from '../../../src/errors';
import { userModel } from '../../../src/models/user';
import type { SsoIdentity } from '../../../src/services/saml/attribute-mapping';
import { type ProvisionChange, SsoProvisioner } from '../../../src/services/saml/provisioning';
import { SamlRefusal } from '../../../src/services/saml/refusal';
import { DEFAULT_SSO_SETTINGS } from '../../../src/services/saml/settings';
import { startTestDatabase } from '../../support/database';
import { insertTenant, insertUser } from '../../support/saml-tenant';

const identity = (email: string, groups: string[] = []): SsoIdentity => ({
  nameId: `${email}#sub`,
  email,
  name: email.split('@')[0]!,
  groups,
  attributes: {},
});
const settings = {
  ...DEFAULT_SSO_SETTINGS,
  enabled: true,
  jitProvisioning: true,
  defaultRole: 'viewer' as const,
};
const noSessions = { revokeAllForUser: async () => 0 };

describe('SsoProvisioner', () => {
  test('plans without changing anything (what Test connection shows)', async (t) => {
    const db = await startTestDatabase(t);
    const tenantId = await insertTenant(db.connection, 'plan');
    const provisioner = new SsoProvisioner(db.connection, noSessions);
    assert.deepEqual(await provisioner.plan(tenantId, identity('new@plan.example'), settings), {
      action: 'create',
      role: 'viewer',
    });
    assert.equal(await userModel(db.connection).countDocuments({}), 0);
  });

  test('refuses a first login when the plan has no seat left', async (t) => {
    const db = await startTestDatabase(t);
    const tenantId = await insertTenant(db.connection, 'seats');
    await insertUser(db.connection, tenantId, { email: 'one@seats.example' });
    const seen: number[] = [];
    const provisioner = new SsoProvisioner(db.connection, noSessions, async (_id, active) => {
      seen.push(active);
      throw new ParleyError('PARLEY_PLAN_LIMIT_REACHED');
    });
    await assert.rejects(
      provisioner.provision(tenantId, identity('two@seats.example'), settings, []),
      (error: unknown) => error instanceof SamlRefusal && error.reason === 'seat_limit',
    );
    assert.deepEqual(seen, [1]);
    // Existing users still sign in: they hold their seat already.
    const user = await provisioner.provision(tenantId, identity('one@seats.example'), settings, []);
    assert.equal(user.email, 'one@seats.example');
  });

  test('two first logins of one person at once create one account', async (t) => {
    const db = await startTestDatabase(t);
    const tenantId = await insertTenant(db.connection, 'race');
    await userModel(db.connection).init();
    const provisioner = new SsoProvisioner(db.connection, noSessions);
    const changes: ProvisionChange[] = [];
    const [a, b] = await Promise.all([
      provisioner.provision(tenantId, identity('twin@race.example'), settings, changes),
      provisioner.provision(tenantId, identity('twin@race.example'), settings, changes),
    ]);
    assert.equal(String(a._id), String(b._id));
    assert.equal(await userModel(db.connection).countDocuments({ tenantId }), 1);
  });
});
