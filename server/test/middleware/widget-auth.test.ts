import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlanLimits } from '../../src/services/rate-limit/limits';
import { startApp } from '../support/start-app';
import { asWidget, errorCode, startTenancy, withSecretKey } from '../support/tenancy';

const tiny: Record<string, PlanLimits> = {
  free: {
    publishableKey: { limit: 6, windowMs: 3_600_000 },
    visitor: { limit: 3, windowMs: 3_600_000 },
    ip: { limit: 1000, windowMs: 3_600_000 },
    secretKey: { limit: 4, windowMs: 3_600_000 },
  },
  pro: {
    publishableKey: { limit: 1000, windowMs: 3_600_000 },
    visitor: { limit: 1000, windowMs: 3_600_000 },
    ip: { limit: 1000, windowMs: 3_600_000 },
    secretKey: { limit: 1000, windowMs: 3_600_000 },
  },
};

test('rate limits hold across two server instances sharing one database', async (t) => {
  const one = await startTenancy(t, { planLimits: tiny });
  const two = await startApp(t, { database: one.database, tenancy: { planLimits: tiny } });
  const acme = await one.createTenant('acme');
  const origin = 'https://acme.example';

  await t.test('per publishable key, with Retry-After and readable by the page', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const url = i % 2 ? two.url : one.url;
      statuses.push((await asWidget(url, acme.publishableKey, origin)).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 429, 429]);
    const limited = await asWidget(two.url, acme.publishableKey, origin);
    assert.equal(await errorCode(limited.clone()), 'PARLEY_RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 3600, `Retry-After ${retryAfter}`);
    assert.equal(limited.headers.get('access-control-allow-origin'), origin);
  });

  await t.test('another key of the same tenant has its own budget', async () => {
    const { secret } = await one.access.keys.create(acme.id, { kind: 'publishable', mode: 'live' });
    assert.equal((await asWidget(two.url, secret, origin)).status, 200);
  });

  await t.test('per secret key on the admin API, across instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await withSecretKey(i % 2 ? two.url : one.url, acme.secretKey, 'GET', '/api/tenant'))
          .status,
      );
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
  });

  await t.test('limits follow the plan', async () => {
    await one.access.tenants.setAdmin(acme.id, { plan: 'pro' });
    assert.equal((await asWidget(one.url, acme.publishableKey, origin)).status, 200);
    assert.equal((await withSecretKey(two.url, acme.secretKey, 'GET', '/api/tenant')).status, 200);
  });
});

test('per-IP limits apply within a tenant across keys', async (t) => {
  const limits: Record<string, PlanLimits> = {
    free: {
      ...tiny.free!,
      publishableKey: { limit: 100, windowMs: 3_600_000 },
      ip: { limit: 3, windowMs: 3_600_000 },
    },
  };
  const tenancy = await startTenancy(t, { planLimits: limits });
  const acme = await tenancy.createTenant('acme');
  const { secret } = await tenancy.access.keys.create(acme.id, {
    kind: 'publishable',
    mode: 'live',
  });
  const statuses: number[] = [];
  for (const key of [acme.publishableKey, secret, acme.publishableKey, secret]) {
    statuses.push((await asWidget(tenancy.url, key, 'https://acme.example')).status);
  }
  assert.deepEqual(statuses, [200, 200, 200, 429]);
});

test('per-visitor limits count what a visitor posts, not page loads', async (t) => {
  const tenancy = await startTenancy(t, {
    planLimits: { free: { ...tiny.free!, publishableKey: { limit: 100, windowMs: 3_600_000 } } },
  });
  const acme = await tenancy.createTenant('acme');
  const post = (visitor: string) =>
    asWidget(
      tenancy.url,
      acme.publishableKey,
      'https://acme.example',
      '/v1/messages/000000000000000000000000/feedback',
      {
        method: 'POST',
        headers: { 'x-parley-visitor': visitor, 'content-type': 'application/json' },
        body: JSON.stringify({ rating: 'up' }),
      },
    );
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await post('pv1.visitor-one')).status);
  assert.notEqual(statuses[0], 429);
  assert.deepEqual(
    statuses.map((s) => s === 429),
    [false, false, false, true],
  );
  assert.notEqual((await post('pv1.visitor-two')).status, 429, 'another visitor is unaffected');
  const load = await asWidget(tenancy.url, acme.publishableKey, 'https://acme.example', undefined, {
    headers: { 'x-parley-visitor': 'pv1.visitor-one' },
  });
  assert.equal(load.status, 200, 'GETs do not count against the visitor');
});
