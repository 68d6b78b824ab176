import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ingestPaths } from '../../../src/cli/commands/ingest';
import { loadConfig } from '../../../src/config';
import { documentModel } from '../../../src/models/document';
import { TenantService } from '../../../src/services/tenants/tenant-service';
import { startTestDatabase } from '../../support/database';

test('parley ingest indexes files and folders into the tenant named by slug', async (t) => {
  const database = await startTestDatabase(t);
  const tenant = await new TenantService(database.connection).create({
    name: 'Acme',
    slug: 'acme',
  });
  const dir = mkdtempSync(join(tmpdir(), 'parley-ingest-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'docs', 'nested'), { recursive: true });
  mkdirSync(join(dir, 'docs', '.hidden'));
  writeFileSync(join(dir, 'docs', 'dental.md'), '# Dental\n\nBraces at 50%.');
  writeFileSync(join(dir, 'docs', 'nested', 'leave.txt'), 'Leave\n\nFourteen weeks.');
  writeFileSync(join(dir, 'docs', 'logo.png'), 'not picked up from a folder');
  writeFileSync(join(dir, 'docs', '.hidden', 'secret.md'), '# Hidden');
  writeFileSync(join(dir, 'single.md'), '# Single\n\nOne file.');
  const config = loadConfig({ PARLEY_LOG_LEVEL: 'silent' });
  const lines: string[] = [];
  const output = await ingestPaths(
    database,
    config,
    { tenant: 'ACME', paths: [join(dir, 'docs'), join(dir, 'single.md')] },
    (line) => lines.push(line),
  );
  assert.equal(output.tenant, 'acme');
  assert.equal(output.status, 'done');
  assert.deepEqual(
    output.items.map((i) => [i.filename, i.status]),
    [
      ['dental.md', 'ready'],
      [join('nested', 'leave.txt'), 'ready'],
      ['single.md', 'ready'],
    ],
  );
  assert.match(lines[0]!, /3 file\(s\) queued for acme/);
  const stored = await documentModel(database.connection).find({ tenantId: tenant._id }).lean();
  assert.equal(stored.length, 3);
  const again = await ingestPaths(database, config, { tenant: 'acme', paths: [join(dir, 'docs')] });
  assert.deepEqual(
    again.items.map((i) => i.status),
    ['unchanged', 'unchanged'],
    're-running skips unchanged files',
  );
  await assert.rejects(
    ingestPaths(database, config, { tenant: 'nope', paths: [join(dir, 'docs')] }),
    { code: 'PARLEY_NOT_FOUND' },
  );
  await assert.rejects(
    ingestPaths(database, config, { tenant: 'acme', paths: [join(dir, 'missing')] }),
    /no such file/,
  );
});
