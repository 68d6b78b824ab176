/** Helpers for the store benchmark: timing, percentiles, and the two ways to run the store. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startEmbeddedMongo } from '../../server/src/db/embedded/index';

/** The p-th percentile of sorted numbers. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `total` operations with `concurrency` in flight; ops/s of wall time and of this process's CPU time. */
export async function throughput(
  total: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<{ wall: number; cpu: number }> {
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await op(next++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall: total / seconds, cpu: total / ((cpu.user + cpu.system) / 1e6) };
}

/** Seeded PRNG (mulberry32) so every run uses the same data. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `work` against a fresh durable store (fsync on) in a temp directory:
 * in this process, as under `npm start`, or in a child running `parley db`.
 */
export async function withStore<T>(
  where: 'in-process' | 'child',
  work: (uri: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-store-'));
  let stop: () => Promise<void>;
  let uri: string;
  if (where === 'in-process') {
    const store = await startEmbeddedMongo({ dir, durable: true });
    uri = store.uri;
    stop = () => store.stop();
  } else {
    const cli = new URL('../../server/src/cli/main.ts', import.meta.url).pathname;
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', cli, 'db', '--port', '0', '--dir', dir],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    uri = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout! }).once('line', resolve),
    );
    stop = async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    };
  }
  try {
    return await work(uri);
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
