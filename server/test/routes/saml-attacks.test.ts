import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { userModel } from '../../src/models/user';
import {
  connectedTenant,
  idpForm,
  postForm,
  type SamlApp,
  type SamlTenant,
  sessionCookieOf,
  sharedSamlApp,
  uniqueSlug,
} from '../support/saml-app';
import { makeIdpKeys } from '../support/saml-keys';
import { assertionXml, encodeResponse, samlId } from '../support/saml-response';
import type { AutoPostForm } from '../support/test-idp';

/**
 * Every refusal the issue lists, each its own test. Each drives the real
 * flow (SP redirect → test IdP signs → POST to the ACS) with one thing wrong,
 * and checks the refusal's stable reason, that no session cookie was set,
 * and that the audit log recorded the failure with that reason.
 */
describe('SAML login: attacks are refused', () => {
  const getApp = sharedSamlApp();

  async function setup(t: TestContext, settings: Record<string, unknown> = {}) {
    const app = getApp();
    const { tenant, idp } = await connectedTenant(t, app, 'victim', settings);
    return { app, tenant, idp };
  }

  async function assertRefused(
    app: SamlApp,
    tenant: SamlTenant,
    res: Response,
    reason: string,
    code = 'PARLEY_SSO_RESPONSE_REFUSED',
  ) {
    const body = (await res.json()) as { error: { code: string; details?: { reason?: string } } };
    assert.equal(res.status, code === 'PARLEY_SSO_RESPONSE_REFUSED' ? 401 : 403);
    assert.equal(body.error.code, code);
    assert.equal(body.error.details?.reason, reason);
    assert.equal(sessionCookieOf(res), undefined, 'no session cookie');
    const failures = await app.auditEntries(tenant, 'sso.login.failed');
    assert.equal(
      (failures.at(-1)?.after as { reason?: string })?.reason,
      reason,
      'audited with the reason',
    );
  }

  /** A legitimate signed response for the victim (the attacker's raw material). */
  const legitimate = (app: SamlApp, tenant: SamlTenant) => idpForm(app, tenant);

  test('an unsigned response', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.signing = { sign: 'none' };
    await assertRefused(
      app,
      tenant,
      await postForm(await idpForm(app, tenant)),
      'response_unsigned',
    );
  });

  test('a response signed with another key (its certificate embedded in KeyInfo)', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.signing = { keys: await makeIdpKeys('attacker.test') };
    await assertRefused(
      app,
      tenant,
      await postForm(await idpForm(app, tenant)),
      'signature_invalid',
    );
  });

  test('a response altered after signing', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.tamper = (xml) => xml.replaceAll('alice@northwind.example', 'owner@victim.example');
    await assertRefused(
      app,
      tenant,
      await postForm(await idpForm(app, tenant)),
      'signature_invalid',
    );
  });

  test('only the assertion signed when the response must be', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.signing = { sign: 'assertion' };
    await assertRefused(
      app,
      tenant,
      await postForm(await idpForm(app, tenant)),
      'response_unsigned',
    );
  });

  test('only the response signed when the assertion must be', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.signing = { sign: 'response' };
    await assertRefused(
      app,
      tenant,
      await postForm(await idpForm(app, tenant)),
      'assertion_unsigned',
    );
  });

  test('a sha1 signature', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.signing = { algorithm: 'sha1' };
    await assertRefused(app, tenant, await postForm(await idpForm(app, tenant)), 'weak_algorithm');
  });

  test('the wrong audience', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.overrides = { audience: 'https://another-sp.example/saml/metadata' };
    await assertRefused(app, tenant, await postForm(await idpForm(app, tenant)), 'wrong_audience');
  });

  test('an expired assertion', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.overrides = { now: new Date(Date.now() - 20 * 60_000) };
    await assertRefused(app, tenant, await postForm(await idpForm(app, tenant)), 'expired');
  });

  test('an assertion not yet valid', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.overrides = { notBefore: new Date(Date.now() + 10 * 60_000) };
    await assertRefused(app, tenant, await postForm(await idpForm(app, tenant)), 'not_yet_valid');
  });

  test('an unknown InResponseTo', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.overrides = { inResponseTo: samlId() };
    await assertRefused(
      app,
      tenant,
      await postForm(await idpForm(app, tenant)),
      'unknown_in_response_to',
    );
  });

  test('a sequential replay', async (t) => {
    const { app, tenant } = await setup(t);
    const form = await legitimate(app, tenant);
    assert.equal((await postForm(form)).status, 303);
    // The AuthnRequest it answers was used up by the first post.
    await assertRefused(app, tenant, await postForm(form), 'unknown_in_response_to');
  });

  test('a sequential replay of an IdP-initiated response (no request to use up)', async (t) => {
    const { app, tenant, idp } = await setup(t, { idpInitiated: true });
    const form = idp.unsolicited({ acsUrl: tenant.sp.acsUrl, audience: tenant.sp.entityId });
    assert.equal((await postForm(form)).status, 303);
    await assertRefused(app, tenant, await postForm(form), 'replay');
  });

  async function concurrentPosts(form: AutoPostForm) {
    const results = await Promise.all([postForm(form), postForm(form)]);
    const accepted = results.filter((r) => r.status === 303);
    const refused = results.filter((r) => r.status !== 303);
    assert.equal(accepted.length, 1, 'exactly one post signs in');
    assert.equal(refused.length, 1);
    return refused[0]!;
  }

  test('a concurrent replay (two posts of one response at once)', async (t) => {
    const { app, tenant } = await setup(t);
    const refused = await concurrentPosts(await legitimate(app, tenant));
    await assertRefused(app, tenant, refused, 'unknown_in_response_to');
  });

  test('a concurrent replay of an IdP-initiated response: the assertion id claim decides', async (t) => {
    const { app, tenant, idp } = await setup(t, { idpInitiated: true });
    const form = idp.unsolicited({ acsUrl: tenant.sp.acsUrl, audience: tenant.sp.entityId });
    await assertRefused(app, tenant, await concurrentPosts(form), 'replay');
  });

  test("a cross-tenant post (one tenant's response at another tenant's ACS)", async (t) => {
    // Both workspaces trust the same IdP (one Okta org, one signing certificate).
    const { app, tenant: victim, idp } = await setup(t);
    const other = await app.createTenant(uniqueSlug('other'));
    await app.configure(other, idp);
    const form = await legitimate(app, other);
    await assertRefused(
      app,
      victim,
      await postForm(form, { action: victim.sp.acsUrl }),
      'wrong_destination',
    );
    // Re-addressed by the IdP to the victim's ACS, it answers a request the victim never made.
    idp.overrides = { destination: victim.sp.acsUrl };
    const readdressed = await legitimate(app, other);
    await assertRefused(
      app,
      victim,
      await postForm(readdressed, { action: victim.sp.acsUrl }),
      'unknown_in_response_to',
    );
    // And where the victim takes IdP-initiated logins, the audience still names the other tenant.
    await app.configure(victim, idp, { idpInitiated: true });
    const unsolicited = idp.unsolicited({ acsUrl: victim.sp.acsUrl, audience: other.sp.entityId });
    await assertRefused(app, victim, await postForm(unsolicited), 'wrong_audience');
  });

  test('the wrong IdP issuer (signed with the trusted key)', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.overrides = { issuer: 'https://some-other-idp.example/entity' };
    await assertRefused(app, tenant, await postForm(await idpForm(app, tenant)), 'wrong_issuer');
  });

  test('XML signature wrapping: a second, unsigned assertion next to the signed one', async (t) => {
    const { app, tenant, idp } = await setup(t);
    const evil = assertionXml({
      issuer: idp.entityId,
      audience: tenant.sp.entityId,
      destination: tenant.sp.acsUrl,
      inResponseTo: null,
      nameId: tenant.ownerEmail,
    });
    idp.tamper = (xml) => xml.replace('<saml:Assertion ', `${evil}<saml:Assertion `);
    await assertRefused(
      app,
      tenant,
      await postForm(await idpForm(app, tenant)),
      'signature_wrapping',
    );
  });

  test('XML signature wrapping: the signed response moved under its own signature, an evil one outside', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.tamper = (signed) => {
      // The first signature in the document is the Response's (it follows the Response's Issuer).
      const signature = /<ds:Signature[\s\S]*?<\/ds:Signature>/.exec(signed)![0];
      const original = signed.replace(signature, '');
      const irt = /InResponseTo="([^"]+)"/.exec(signed)![1]!;
      const evil = assertionXml({
        issuer: idp.entityId,
        audience: tenant.sp.entityId,
        destination: tenant.sp.acsUrl,
        inResponseTo: irt,
        nameId: tenant.ownerEmail,
      });
      // XSW1: the digest still matches (the referenced original is intact, inside ds:Object).
      const moved = signature.replace(
        '</ds:Signature>',
        `<ds:Object>${original}</ds:Object></ds:Signature>`,
      );
      return (
        `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${samlId()}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${tenant.sp.acsUrl}" InResponseTo="${irt}">` +
        `<saml:Issuer>${idp.entityId}</saml:Issuer>${moved}` +
        `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${evil}</samlp:Response>`
      );
    };
    await assertRefused(
      app,
      tenant,
      await postForm(await idpForm(app, tenant)),
      'signature_wrapping',
    );
  });

  test('XML signature wrapping: the signed assertion hidden inside an evil assertion with its ID', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.tamper = (signed) => {
      const original = /<saml:Assertion [\s\S]*<\/saml:Assertion>/.exec(signed)![0];
      const id = /ID="([^"]+)"/.exec(original)![1]!;
      const evil = original
        .replace('alice@northwind.example</saml:NameID>', `${tenant.ownerEmail}</saml:NameID>`)
        .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
        .replace(
          '</saml:Subject>',
          `</saml:Subject><saml:Advice>${original.replace(`ID="${id}"`, `ID="${id}"`)}</saml:Advice>`,
        );
      return signed.replace(original, evil);
    };
    await assertRefused(
      app,
      tenant,
      await postForm(await idpForm(app, tenant)),
      'signature_wrapping',
    );
  });

  test('a comment injected into the NameID and email keeps the signature but not a truncated identity', async (t) => {
    // CVE-2017-11427 class: canonicalization drops comments, so the signature still verifies;
    // a parser reading only the first text node would see the owner's address.
    const { app, tenant, idp } = await setup(t);
    const attacker = `${tenant.ownerEmail}.attacker.test`;
    idp.user = { nameId: attacker, attributes: { email: attacker } };
    let injected = 0;
    idp.tamper = (xml) => {
      const out = xml.replaceAll(`>${attacker}<`, `>${tenant.ownerEmail}<!---->.attacker.test<`);
      injected = out.split('<!---->').length - 1;
      return out;
    };
    const res = await postForm(await idpForm(app, tenant));
    assert.equal(injected, 2, 'the comment went into the NameID and the email attribute');
    // The signature still verifies, and the identity read is the whole signed text.
    assert.equal(res.status, 303);
    const session = await fetch(`${app.url}/api/auth/session`, {
      headers: { cookie: sessionCookieOf(res)! },
    });
    const body = (await session.json()) as { user?: { email?: string } };
    assert.equal(body.user?.email, attacker);
    const owner = await userModel(app.database.connection)
      .findOne({ tenantId: tenant.id, email: tenant.ownerEmail })
      .lean();
    assert.equal(
      owner?.ssoSubject ?? null,
      null,
      'the owner account was not linked to the attacker',
    );
  });

  test('an unsolicited response when IdP-initiated login is off', async (t) => {
    const { app, tenant, idp } = await setup(t);
    const form = idp.unsolicited({ acsUrl: tenant.sp.acsUrl, audience: tenant.sp.entityId });
    await assertRefused(app, tenant, await postForm(form), 'unsolicited');
    assert.equal(
      await userModel(app.database.connection).countDocuments({
        tenantId: tenant.id,
        email: 'alice@northwind.example',
      }),
      0,
    );
  });

  test('a response when SSO is switched off', async (t) => {
    const { app, tenant, idp } = await setup(t, { idpInitiated: true });
    const form = idp.unsolicited({ acsUrl: tenant.sp.acsUrl, audience: tenant.sp.entityId });
    assert.equal(
      (await tenant.owner.request('PUT', '/api/sso/saml', { enabled: false })).status,
      200,
    );
    await assertRefused(app, tenant, await postForm(form), 'sso_disabled');
  });

  test('browsers get a readable page, API clients JSON', async (t) => {
    const { app, tenant, idp } = await setup(t);
    idp.signing = { sign: 'none' };
    const res = await postForm(await idpForm(app, tenant), {
      headers: { accept: 'text/html,*/*;q=0.8' },
    });
    assert.equal(res.status, 401);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(await res.text(), /Sign-in failed[\s\S]*response_unsigned/);
  });

  test('malformed posts: no SAMLResponse, not base64, a DOCTYPE', async (t) => {
    const { app, tenant } = await setup(t);
    for (const SAMLResponse of ['', '%%%', encodeResponse('<!DOCTYPE x [<!ENTITY e "e">]><x/>')]) {
      const res = await postForm({ action: tenant.sp.acsUrl, fields: { SAMLResponse } });
      await assertRefused(app, tenant, res, 'malformed');
    }
  });
});
