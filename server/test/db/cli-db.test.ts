import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { MongoClient } from 'mongodb';

const cli = new URL('../../src/cli/main.ts', import.meta.url).pathname;

test('parley db prints its URI first, serves it, and stops cleanly on SIGTERM', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-cli-db-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', cli, 'db', '--port', '0', '--dir', dir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  t.after(() => child.kill('SIGKILL'));
  const [first] = await new Promise<string[]>((resolve) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve([line]));
  });
  assert.match(first!, /^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
  const client = await MongoClient.connect(first!);
  await client.db('x').collection('y').insertOne({ ok: true });
  assert.equal(await client.db('x').collection('y').countDocuments(), 1);
  await client.close();
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  assert.equal(existsSync(join(dir, 'LOCK')), false);
});
