import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Profile } from '@node-saml/passport-saml';
import { mapIdentity, resolveRole } from '../../../src/services/saml/attribute-mapping';

const profile = (nameID: string, attributes: Record<string, unknown>) =>
  ({ issuer: 'x', nameID, nameIDFormat: 'f', attributes }) as unknown as Profile;
const auto = { email: null, name: null, groups: null };

describe('mapIdentity', () => {
  test('reads Okta-style attributes', () => {
    const id = mapIdentity(
      profile('00u1', {
        email: 'Alice@Northwind.example',
        displayName: 'Alice',
        groups: ['HR', 'Everyone'],
      }),
      auto,
    );
    assert.deepEqual(
      { email: id.email, name: id.name, groups: id.groups },
      { email: 'alice@northwind.example', name: 'Alice', groups: ['HR', 'Everyone'] },
    );
  });

  test('reads Entra ID claims, joining given name and surname', () => {
    const id = mapIdentity(
      profile('Qx1', {
        'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'bob@contoso.example',
        'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname': 'Bob',
        'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname': 'Jones',
        'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups':
          'a1b2c3d4-0000-4000-8000-000000000001',
      }),
      auto,
    );
    assert.equal(id.email, 'bob@contoso.example');
    assert.equal(id.name, 'Bob Jones');
    assert.deepEqual(id.groups, ['a1b2c3d4-0000-4000-8000-000000000001']);
  });

  test('falls back to an email-shaped NameID', () => {
    assert.equal(mapIdentity(profile('carol@example.test', {}), auto).email, 'carol@example.test');
    assert.equal(mapIdentity(profile('opaque-id', {}), auto).email, null);
  });

  test('uses the configured attribute names only, when set', () => {
    const id = mapIdentity(
      profile('u', {
        email: 'wrong@example.test',
        work_mail: 'right@example.test',
        teams: ['A'],
        groups: ['B'],
      }),
      { email: 'work_mail', name: null, groups: 'teams' },
    );
    assert.equal(id.email, 'right@example.test');
    assert.deepEqual(id.groups, ['A']);
  });

  test('lists every attribute received as strings', () => {
    const id = mapIdentity(profile('u', { a: 'x', b: ['y', 'z'], c: { _: 'nested' } }), auto);
    assert.deepEqual(id.attributes, { a: ['x'], b: ['y', 'z'], c: ['nested'] });
  });
});

describe('resolveRole', () => {
  const table = [
    { group: 'Parley Admins', role: 'admin' as const },
    { group: 'HR', role: 'editor' as const },
  ];
  test('grants the strongest mapped role, comparing group names case-insensitively', () => {
    assert.equal(resolveRole(['hr', 'parley admins'], table, 'viewer'), 'admin');
    assert.equal(resolveRole(['HR'], table, null), 'editor');
  });
  test('falls back to the default role, or to none', () => {
    assert.equal(resolveRole(['Sales'], table, 'viewer'), 'viewer');
    assert.equal(resolveRole([], table, null), null);
  });
});
