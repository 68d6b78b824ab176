import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { connectMongo, type Database } from '../../src/db/connect';
import { startEmbeddedMongo } from '../../src/db/embedded/index';

/**
 * A real database for one test: a fresh embedded store in a temporary
 * directory, with mongoose connected to it. Everything is stopped and
 * deleted when the test ends. With `MONGODB_URI` set, tests run against that
 * server instead, each in its own throwaway database.
 */
export async function startTestDatabase(t: TestContext): Promise<Database> {
  const external = process.env.MONGODB_URI;
  if (external) {
    const url = new URL(external);
    url.pathname = `/parley_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const database = await connectMongo(url.toString());
    t.after(async () => {
      await database.connection.dropDatabase();
      await database.close();
    });
    return database;
  }
  const dir = mkdtempSync(join(tmpdir(), 'parley-test-db-'));
  // No fsync: test data need not survive a crash, and fsync per write would slow every suite.
  const store = await startEmbeddedMongo({ dir, durable: false });
  const database = await connectMongo(`${store.uri}parley_test`);
  t.after(async () => {
    await database.close();
    await store.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return database;
}

/**
 * Waits until a search index is queryable. The embedded store builds search
 * indexes synchronously; Atlas builds them in the background.
 */
export async function waitForSearchIndex(
  collection: { listSearchIndexes(name: string): { toArray(): Promise<unknown[]> } },
  name: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [index] = (await collection.listSearchIndexes(name).toArray()) as {
      queryable?: boolean;
    }[];
    if (index?.queryable) return;
    if (Date.now() > deadline) throw new Error(`search index ${name} did not become queryable`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
