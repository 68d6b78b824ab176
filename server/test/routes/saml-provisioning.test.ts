import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { type User, userModel } from '../../src/models/user';
import {
  connectedTenant,
  consoleFromCookie,
  idpForm,
  postForm,
  type SamlApp,
  type SamlTenant,
  sessionCookieOf,
  sharedIdpKeys,
  sharedSamlApp,
  uniqueSlug,
} from '../support/saml-app';
import { TestIdp } from '../support/test-idp';

describe('SAML login: provisioning and deprovisioning', () => {
  const getApp = sharedSamlApp();

  async function setup(t: TestContext, settings: Record<string, unknown> = {}) {
    const app = getApp();
    const { tenant, idp } = await connectedTenant(t, app, 'corp', {
      groupRoles: [
        { group: 'parley-admins', role: 'admin' },
        { group: 'hr-team', role: 'editor' },
      ],
      ...settings,
    });
    return { app, tenant, idp };
  }

  const users = (app: SamlApp) => userModel(app.database.connection);
  const findUser = (app: SamlApp, tenant: SamlTenant, email: string) =>
    users(app).findOne({ tenantId: tenant.id, email }).lean<User>();
  const login = async (app: SamlApp, tenant: SamlTenant) => postForm(await idpForm(app, tenant));
  const signIn = (
    idp: TestIdp,
    email: string,
    groups: string[],
    extra: Record<string, string> = {},
  ) => {
    idp.user = {
      nameId: `${email}-subject`,
      attributes: { email, displayName: email.split('@')[0]!, groups, ...extra },
    };
  };
  async function refusedWith(res: Response, reason: string) {
    assert.equal(res.status, 403);
    const body = (await res.json()) as { error: { code: string; details: { reason: string } } };
    assert.equal(body.error.code, 'PARLEY_SSO_USER_REFUSED');
    assert.equal(body.error.details.reason, reason);
    assert.equal(sessionCookieOf(res), undefined);
  }

  test('just-in-time provisioning creates the user with the mapped role', async (t) => {
    const { app, tenant, idp } = await setup(t);
    signIn(idp, 'hana@corp.example', ['hr-team']);
    assert.equal((await login(app, tenant)).status, 303);
    const user = await findUser(app, tenant, 'hana@corp.example');
    assert.equal(user?.role, 'editor');
    assert.equal(user?.ssoSubject, 'hana@corp.example-subject');
    assert.equal(user?.passwordHash, null);
  });

  test('without JIT an unknown person is refused and nothing is created', async (t) => {
    const { app, tenant, idp } = await setup(t, { jitProvisioning: false });
    signIn(idp, 'newcomer@corp.example', ['parley-admins']);
    await refusedWith(await login(app, tenant), 'not_provisioned');
    assert.equal(await findUser(app, tenant, 'newcomer@corp.example'), null);
  });

  test('without JIT an invited user signs in and is linked to the IdP subject', async (t) => {
    const { app, tenant, idp } = await setup(t, { jitProvisioning: false });
    await users(app).create({
      tenantId: tenant.id,
      email: 'ivy@corp.example',
      role: 'viewer',
      invitedAt: new Date(),
    });
    signIn(idp, 'ivy@corp.example', ['parley-admins']);
    assert.equal((await login(app, tenant)).status, 303);
    const ivy = await findUser(app, tenant, 'ivy@corp.example');
    assert.equal(ivy?.role, 'admin');
    assert.equal(ivy?.ssoSubject, 'ivy@corp.example-subject');
  });

  test('a person in no mapped group, with no default role, is refused', async (t) => {
    const { app, tenant, idp } = await setup(t, { defaultRole: null });
    signIn(idp, 'sales@corp.example', ['sales']);
    await refusedWith(await login(app, tenant), 'not_assigned');
    assert.equal(await findUser(app, tenant, 'sales@corp.example'), null);
  });

  test('the role follows the IdP on every login', async (t) => {
    const { app, tenant, idp } = await setup(t);
    signIn(idp, 'max@corp.example', ['parley-admins']);
    await login(app, tenant);
    signIn(idp, 'max@corp.example', ['everyone']);
    assert.equal((await login(app, tenant)).status, 303);
    assert.equal((await findUser(app, tenant, 'max@corp.example'))?.role, 'viewer');
    const [update] = await app.auditEntries(tenant, 'sso.user.update');
    assert.ok(update);
    assert.deepEqual(
      [(update.before as { role: string }).role, (update.after as { role: string }).role],
      ['admin', 'viewer'],
    );
  });

  test('deprovisioning: when the IdP grants no role any more, the user is disabled and signed out', async (t) => {
    const { app, tenant, idp } = await setup(t, { defaultRole: null });
    signIn(idp, 'leaver@corp.example', ['hr-team']);
    const first = await login(app, tenant);
    const leaver = await consoleFromCookie(app.url, sessionCookieOf(first)!);

    signIn(idp, 'leaver@corp.example', []);
    await refusedWith(await login(app, tenant), 'not_assigned');
    const user = await findUser(app, tenant, 'leaver@corp.example');
    assert.equal(user?.disabled, true);
    assert.equal(
      (await leaver.request('GET', '/api/auth/session')).status,
      401,
      'the old session is gone',
    );
    const [entry] = await app.auditEntries(tenant, 'sso.user.deprovision');
    assert.equal(entry?.target.label, 'leaver@corp.example');

    // Disabled stays disabled until an admin says otherwise, even if the IdP grants a role again.
    signIn(idp, 'leaver@corp.example', ['hr-team']);
    await refusedWith(await login(app, tenant), 'user_disabled');
  });

  test('owners keep their role whatever the IdP maps', async (t) => {
    const { app, tenant, idp } = await setup(t, { defaultRole: null });
    signIn(idp, tenant.ownerEmail, []);
    assert.equal((await login(app, tenant)).status, 303);
    assert.equal((await findUser(app, tenant, tenant.ownerEmail))?.role, 'owner');
  });

  test("just-in-time accounts count against the plan's seats", async (t) => {
    const app = getApp();
    const tenant = await app.createTenant(uniqueSlug('full'), 'pro');
    const idp = await TestIdp.start(t, { keys: await sharedIdpKeys() });
    await app.configure(tenant, idp);
    // The pro plan has 25 seats; the owner holds one.
    const staff = Array.from({ length: 24 }, (_, i) => ({
      tenantId: tenant.id,
      email: `s${i}@full.example`,
      role: 'viewer',
    }));
    await users(app).insertMany(staff);
    signIn(idp, 'one-too-many@full.example', []);
    await refusedWith(await login(app, tenant), 'seat_limit');
    signIn(idp, 's3@full.example', []);
    assert.equal((await login(app, tenant)).status, 303, 'people with an account still sign in');
  });

  test('first logins racing for the last seat: exactly one gets it', async (t) => {
    const app = getApp();
    const tenant = await app.createTenant(uniqueSlug('race'), 'pro');
    const idp = await TestIdp.start(t, { keys: await sharedIdpKeys() });
    await app.configure(tenant, idp);
    // 25 seats on pro: the owner and 23 staff leave one.
    const staff = Array.from({ length: 23 }, (_, i) => ({
      tenantId: tenant.id,
      email: `s${i}@race.example`,
      role: 'viewer',
    }));
    await users(app).insertMany(staff);
    const forms = [];
    for (let i = 0; i < 6; i++) {
      signIn(idp, `new${i}@race.example`, []);
      forms.push(await idpForm(app, tenant));
    }
    const responses = await Promise.all(forms.map((form) => postForm(form)));
    assert.deepEqual(
      responses.map((r) => r.status).sort(),
      [303, 403, 403, 403, 403, 403],
      'one first login takes the seat',
    );
    for (const res of responses.filter((r) => r.status === 403)) {
      await refusedWith(res, 'seat_limit');
    }
    assert.equal(
      await users(app).countDocuments({ tenantId: tenant.id, disabled: false }),
      25,
      'the plan’s 25 seats, not more',
    );
  });

  test('an assertion without an email address is refused', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.user = { nameId: 'opaque-id-123', attributes: { displayName: 'No Mail' } };
    await refusedWith(await login(app, tenant), 'no_email');
  });

  test('a configured attribute mapping is used instead of the defaults', async (t) => {
    const { app, tenant, idp } = await setup(t, {
      attributeMapping: { email: 'workEmail', groups: 'teams' },
    });
    idp.user = {
      nameId: 'u-42',
      attributes: {
        workEmail: 'mapped@corp.example',
        email: 'private@home.example',
        teams: ['parley-admins'],
      },
    };
    assert.equal((await login(app, tenant)).status, 303);
    assert.equal((await findUser(app, tenant, 'mapped@corp.example'))?.role, 'admin');
    assert.equal(await findUser(app, tenant, 'private@home.example'), null);
  });
});
