import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { userModel } from '../../../src/models/user';
import { hashPassword } from '../../../src/services/auth/password';
import { sharedIdpKeys, sharedSamlApp, uniqueSlug } from '../../support/saml-app';
import { TestIdp } from '../../support/test-idp';

const password = 'correct horse battery';

describe('password login when a workspace enforces SSO', () => {
  const getApp = sharedSamlApp();

  async function login(url: string, email: string, tenant: string) {
    return fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: url },
      body: JSON.stringify({ email, password, tenant }),
    });
  }

  test('only the break-glass owner keeps a password; others are told to use SSO', async (t) => {
    const app = getApp();
    const tenant = await app.createTenant(uniqueSlug('enforced'));
    const users = userModel(app.database.connection);
    const passwordHash = await hashPassword(password);
    const owner = await users.findOneAndUpdate(
      { tenantId: tenant.id, email: tenant.ownerEmail },
      { $set: { passwordHash } },
      { new: true },
    );
    await users.create({
      tenantId: tenant.id,
      email: `editor@${tenant.slug}.example`,
      role: 'editor',
      passwordHash,
    });

    // Before SSO is enforced both may use their password.
    assert.equal((await login(app.url, `editor@${tenant.slug}.example`, tenant.slug)).status, 200);

    const idp = await TestIdp.start(t, { keys: await sharedIdpKeys() });
    await app.configure(tenant, idp, { enforce: true, breakGlassUserId: String(owner!._id) });

    const refused = await login(app.url, `editor@${tenant.slug}.example`, tenant.slug);
    assert.equal(refused.status, 403);
    assert.equal(
      ((await refused.json()) as { error: { code: string } }).error.code,
      'PARLEY_SSO_REQUIRED',
    );

    const breakGlass = await login(app.url, tenant.ownerEmail, tenant.slug);
    assert.equal(breakGlass.status, 200, await breakGlass.clone().text());
  });
});
