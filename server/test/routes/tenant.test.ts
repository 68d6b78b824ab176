import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConsoleClient, errorCode, startTenancy } from '../support/tenancy';

test('/api/tenant: read, patch with validation, audit of what changed', async (t) => {
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme', { plan: 'enterprise' });
  const admin = await ConsoleClient.signIn(tenancy.url, acme.users.admin);

  const tenant = (await (await admin.request('GET', '/api/tenant')).json()) as Record<
    string,
    unknown
  >;
  assert.deepEqual(Object.keys(tenant).sort(), [
    'allowedOrigins',
    'createdAt',
    'id',
    'name',
    'plan',
    'slug',
    'status',
    'widget',
  ]);
  assert.equal(tenant.id, acme.id);
  assert.ok(!JSON.stringify(tenant).includes('identitySecret'));

  const patched = await admin.request('PATCH', '/api/tenant', {
    allowedOrigins: ['https://intranet.acme.example', 'HTTPS://*.Acme.example'],
    widget: { greeting: 'Welcome to Acme!', starters: ['What is the PTO policy?'] },
  });
  assert.equal(patched.status, 200);
  const after = (await patched.json()) as {
    allowedOrigins: string[];
    widget: { greeting: string; botName: string };
  };
  assert.deepEqual(after.allowedOrigins, [
    'https://intranet.acme.example',
    'https://*.acme.example',
  ]);
  assert.equal(after.widget.greeting, 'Welcome to Acme!');
  assert.equal(after.widget.botName, 'Assistant', 'unpatched widget fields stay');

  const bad = await admin.request('PATCH', '/api/tenant', {
    allowedOrigins: ['https://acme.example/intranet'],
  });
  assert.equal(bad.status, 400);
  const body = (await bad.json()) as {
    error: { code: string; message: string; details: { issues: { path: string }[] } };
  };
  assert.equal(body.error.code, 'PARLEY_VALIDATION_FAILED');
  assert.match(body.error.message, /allowedOrigins\.0/);
  for (const forbidden of [{ plan: 'enterprise' }, { status: 'active' }, { slug: 'other' }]) {
    assert.equal(
      (await admin.request('PATCH', '/api/tenant', forbidden)).status,
      400,
      JSON.stringify(forbidden),
    );
  }

  const audit = (await (await admin.request('GET', '/api/audit?action=tenant.update')).json()) as {
    items: {
      before: Record<string, unknown>;
      after: Record<string, unknown>;
      actor: { label: string };
      ip: string;
    }[];
  };
  assert.equal(audit.items.length, 1);
  const [entry] = audit.items;
  assert.deepEqual(Object.keys(entry!.after).sort(), ['allowedOrigins', 'widget']);
  assert.deepEqual(entry!.before.allowedOrigins, ['https://acme.example']);
  assert.equal(entry!.actor.label, acme.users.admin.email);
  assert.equal(entry!.ip, '127.0.0.1');

  // A patch that changes nothing writes no entry.
  await admin.request('PATCH', '/api/tenant', { widget: { greeting: 'Welcome to Acme!' } });
  const again = (await (await admin.request('GET', '/api/audit?action=tenant.update')).json()) as {
    items: unknown[];
  };
  assert.equal(again.items.length, 1);
  assert.equal(
    await errorCode(await admin.request('PATCH', '/api/tenant', 'not json')),
    'PARLEY_BAD_REQUEST',
  );
});

test('/api/tenant/embed: the exact script tag with the bundle SRI hash', async (t) => {
  const cdn = mkdtempSync(join(tmpdir(), 'parley-cdn-'));
  t.after(() => rmSync(cdn, { recursive: true, force: true }));
  for (const [version, integrity] of [
    ['0.9.0', 'sha384-old'],
    ['0.10.1', 'sha384-new'],
    ['1.0.0-beta', 'sha384-pre'],
  ]) {
    mkdirSync(join(cdn, 'parley', version!), { recursive: true });
    writeFileSync(
      join(cdn, 'parley', version!, 'manifest.json'),
      JSON.stringify({ files: { 'parley.js': { integrity } } }),
    );
  }
  const { latestWidgetBundle, scriptTag } = await import('../../src/services/tenants/embed');
  const bundle = latestWidgetBundle(cdn)!;
  assert.deepEqual(bundle, {
    version: '0.10.1',
    path: '/cdn/parley/0.10.1/parley.js',
    integrity: 'sha384-new',
  });
  assert.equal(
    scriptTag({ baseUrl: 'https://parley.example', bundle, publishableKey: 'pk_live_abc"<x' }),
    '<script src="https://parley.example/cdn/parley/0.10.1/parley.js" integrity="sha384-new" crossorigin="anonymous" data-key="pk_live_abc&quot;&lt;x" async></script>',
  );
  assert.equal(latestWidgetBundle(join(cdn, 'missing')), undefined);

  // Through the API, with the repository's real bundle manifest.
  const tenancy = await startTenancy(t);
  const acme = await tenancy.createTenant('acme', { plan: 'enterprise' });
  const viewer = await ConsoleClient.signIn(tenancy.url, acme.users.viewer);
  const embed = (await (await viewer.request('GET', '/api/tenant/embed')).json()) as {
    bundle: { integrity: string } | null;
    snippets: { publishableKey: string; scriptTag: string }[];
  };
  assert.ok(embed.bundle, 'the widget is built before the tests run');
  assert.equal(embed.snippets.length, 1);
  assert.equal(embed.snippets[0]!.publishableKey, acme.publishableKey);
  assert.ok(embed.snippets[0]!.scriptTag.includes(` integrity="${embed.bundle.integrity}" `));
  assert.ok(embed.snippets[0]!.scriptTag.includes(` data-key="${acme.publishableKey}" `));
  assert.ok(!JSON.stringify(embed).includes(acme.secretKey));
});
