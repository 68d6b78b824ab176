import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  canAssignRole,
  isRole,
  permissions,
  permissionsOf,
  roleHas,
  roles,
  scopesAllow,
  secretKeyPermissions,
} from '../../../src/services/auth/permissions';

test('roles are ordered: each role holds everything the next one down holds', () => {
  for (let i = 0; i < roles.length - 1; i++) {
    const stronger = new Set(permissionsOf(roles[i]!));
    for (const p of permissionsOf(roles[i + 1]!))
      assert.ok(stronger.has(p), `${roles[i]} lacks ${p}`);
  }
});

test('the table grants what the product promises', () => {
  assert.equal(roleHas('viewer', 'tenant:read'), true);
  assert.equal(roleHas('viewer', 'tenant:write'), false);
  assert.equal(roleHas('viewer', 'keys:read'), false);
  assert.equal(roleHas('editor', 'theme:write'), true);
  assert.equal(roleHas('editor', 'documents:write'), true);
  assert.equal(roleHas('editor', 'users:write'), false);
  assert.equal(roleHas('admin', 'keys:write'), true);
  assert.equal(roleHas('admin', 'billing:manage'), false);
  assert.equal(roleHas('owner', 'billing:manage'), true);
  for (const p of permissions) assert.equal(roleHas('owner', p), true, p);
});

test('secret keys never manage keys, users or billing, and respect their scopes', () => {
  for (const p of ['keys:write', 'users:write', 'billing:manage'] as const) {
    assert.equal(secretKeyPermissions.includes(p), false);
    assert.equal(scopesAllow(['*'], p), false);
    assert.equal(scopesAllow([p], p), false);
  }
  assert.equal(scopesAllow(['*'], 'documents:write'), true);
  assert.equal(scopesAllow(['documents:write'], 'documents:write'), true);
  assert.equal(scopesAllow(['documents:read'], 'documents:write'), false);
  assert.equal(scopesAllow([], 'tenant:read'), false);
});

test('only owners grant or remove the owner role', () => {
  assert.equal(canAssignRole('owner', 'owner'), true);
  assert.equal(canAssignRole('admin', 'owner'), false);
  assert.equal(canAssignRole('admin', 'editor'), true);
  assert.equal(canAssignRole('editor', 'viewer'), false);
  assert.equal(isRole('admin'), true);
  assert.equal(isRole('operator'), false);
  assert.equal(isRole('__proto__'), false);
});
