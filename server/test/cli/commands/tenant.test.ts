import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTenantCommand } from '../../../src/cli/commands/tenant';
import { ParleyError } from '../../../src/errors';
import { MemoryMailer } from '../../../src/services/mail/mailer';
import { createAccessServices } from '../../../src/services/tenants/access';
import { startTestDatabase } from '../../support/database';
import { asWidget, ConsoleClient, startTenancy } from '../../support/tenancy';

const cli = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
      env: { ...process.env, PARLEY_LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('parley tenant create prints one JSON object and the tenant works end to end', async (t) => {
  const database = await startTestDatabase(t);
  const created = await run(
    [
      'tenant',
      'create',
      '--name',
      'Acme HR',
      '--slug',
      'acme-hr',
      '--origin',
      'https://intranet.acme.example',
      '--origin',
      'https://*.acme.example',
      '--admin-email',
      'hr-admin@acme.example',
      '--admin-password',
      'acme-passphrase',
    ],
    { MONGODB_URI: database.uri },
  );
  assert.equal(created.code, 0, created.stderr);
  const lines = created.stdout.trim().split('\n');
  assert.equal(lines.length, 1, 'exactly one line on stdout');
  const output = JSON.parse(lines[0]!) as Record<string, string>;
  assert.deepEqual(Object.keys(output).sort(), ['publishableKey', 'secretKey', 'slug', 'tenantId']);
  assert.equal(output.slug, 'acme-hr');
  assert.match(output.publishableKey!, /^pk_live_/);
  assert.match(output.secretKey!, /^sk_live_/);

  // The same database behind a server: the key works from the origin and the admin signs in.
  const tenancy = await startTenancy(t, { database });
  assert.equal(
    (await asWidget(tenancy.url, output.publishableKey!, 'https://benefits.acme.example')).status,
    200,
  );
  const admin = await ConsoleClient.signIn(tenancy.url, {
    email: 'hr-admin@acme.example',
    password: 'acme-passphrase',
  });
  assert.equal(
    ((await (await admin.request('GET', '/api/tenant')).json()) as { id: string }).id,
    output.tenantId,
  );

  const listed = await run(['tenant', 'list', '--json'], { MONGODB_URI: database.uri });
  assert.equal(listed.code, 0, listed.stderr);
  assert.deepEqual(
    listed.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { slug: string }).slug),
    ['acme-hr'],
  );

  const duplicate = await run(['tenant', 'create', '--name', 'Again', '--slug', 'acme-hr'], {
    MONGODB_URI: database.uri,
  });
  assert.equal(duplicate.code, 1);
  assert.equal(duplicate.stdout, '');
  assert.match(duplicate.stderr, /already uses the slug "acme-hr"/);
});

test('tenant create validates its options with clear messages', async (t) => {
  const database = await startTestDatabase(t);
  const access = createAccessServices({
    connection: database.connection,
    publicUrl: 'http://localhost:8787',
    mailer: new MemoryMailer(),
  });
  const base = { name: 'Acme', slug: 'acme', origin: [] as string[] };
  await assert.rejects(
    createTenantCommand(access, { ...base, slug: 'Not A Slug!' }),
    /Invalid slug/,
  );
  await assert.rejects(
    createTenantCommand(access, { ...base, origin: ['https://acme.example/path'] }),
    /Invalid allowedOrigins\.0/,
  );
  await assert.rejects(
    createTenantCommand(access, { ...base, adminEmail: 'a@acme.example' }),
    /go together/,
  );
  await assert.rejects(
    createTenantCommand(access, { ...base, adminEmail: 'a@acme.example', adminPassword: 'short' }),
    (e: unknown) => e instanceof ParleyError && /admin\.password/.test(e.message),
  );
  const test = await createTenantCommand(access, { ...base, test: true });
  assert.match(test.publishableKey, /^pk_test_/);
});
