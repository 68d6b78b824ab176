import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../../../src/db/embedded/index';

const writer = new URL('./fixtures/crash-writer.ts', import.meta.url).pathname;

/** Runs the writer until it has acknowledged `acks` writes, then SIGKILLs it. */
async function writeAndKill(dir: string, firstId: number, acks: number, compactAfter: number) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', writer, dir, String(firstId), String(compactAfter)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const docIds = new Set<number>();
  let lastPair = -1;
  let seen = 0;
  let buffered = '';
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  await new Promise<void>((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited early (${code}): ${stderr}`));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [kind, ...ids] = line.split(' ');
        if (kind === 'doc') for (const id of ids) docIds.add(Number(id));
        if (kind === 'pair') lastPair = Math.max(lastPair, Number(ids[0]));
        if (kind === 'doc' || kind === 'pair') seen++;
        if (seen === acks) {
          child.kill('SIGKILL');
          resolve();
        }
      }
    });
  });
  await new Promise((resolve) =>
    child.exitCode !== null || child.signalCode ? resolve(null) : child.once('exit', resolve),
  );
  return { docIds, lastPair };
}

test('every acknowledged write survives SIGKILL, nothing is half-applied, compaction included', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-crash-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const acknowledged = new Set<number>();
  let firstId = 0;
  // A small compaction threshold makes snapshots happen (and get killed) during the run.
  const rounds = [
    { acks: 150, compactAfter: 64 * 1024 * 1024 },
    { acks: 400, compactAfter: 16 * 1024 },
    { acks: 250, compactAfter: 8 * 1024 },
  ];
  let lastPair = -1;
  for (const { acks, compactAfter } of rounds) {
    const round = await writeAndKill(
      dir,
      firstId,
      acks + Math.floor(Math.random() * 50),
      compactAfter,
    );
    for (const id of round.docIds) acknowledged.add(id);
    lastPair = Math.max(lastPair, round.lastPair);

    const store = await startEmbeddedMongo({ dir });
    const client = await MongoClient.connect(store.uri);
    try {
      const docs = await client.db('crash').collection('docs').find().toArray();
      const present = new Set(docs.map((d) => d._id as unknown as number));
      for (const id of acknowledged)
        assert.ok(present.has(id), `acknowledged doc ${id} is missing`);
      for (const doc of docs) {
        assert.equal(
          createHash('sha256').update(doc.payload).digest('hex'),
          doc.sum,
          `doc ${doc._id} is torn`,
        );
      }
      const pair = await client
        .db('crash')
        .collection('pairs')
        .findOne({ _id: 'p' as never });
      if (lastPair >= 0) {
        assert.ok(pair, 'the acknowledged pair update is missing');
        assert.equal(pair.a, pair.b, 'the pair update was half-applied');
        assert.ok(pair.a >= lastPair, `pair ${pair.a} is older than the acknowledged ${lastPair}`);
      }
      firstId = Math.max(...present, lastPair, 0) + 1;
    } finally {
      await client.close();
      await store.stop();
    }
  }
});
