import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connectDatabase,
  createApp,
  createLogger,
  type Database,
  ingestDemoHandbook,
  loadConfig,
  seedDemo,
} from '@parley/server';

/**
 * Starts the real Parley app in demo mode on a free port, on a fresh
 * embedded store in a temporary data directory (removed on close).
 */
export async function startDemoServer(env: NodeJS.ProcessEnv = {}): Promise<{
  url: string;
  database: Database;
  app: ReturnType<typeof createApp>;
  demoTenantId: string | undefined;
  close(): Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  // The port is chosen before the config so PUBLIC_URL (and the demo tenant's
  // allowed origins, derived from it) name the real address.
  const port = await freePort();
  const config = loadConfig({
    PARLEY_LOG_LEVEL: 'silent',
    PORT: String(port),
    PARLEY_DATA_DIR: dataDir,
    ...env,
  });
  const database = await connectDatabase(config);
  // As `npm start` does: the demo tenant (key pk_test_parley_demo), its admin
  // and its handbook, so questions get real answers.
  const demo = config.demo
    ? await seedDemo(database.connection, { publicUrl: config.publicUrl })
    : undefined;
  const app = createApp({ config, logger: createLogger('silent'), readinessChecks: [], database });
  if (demo) await ingestDemoHandbook(app.locals.knowledge, demo.tenantId);
  const server = app.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://localhost:${port}`,
    // For tests that must set something up behind the app (e.g. an operator account).
    database,
    app,
    demoTenantId: demo ? String(demo.tenantId) : undefined,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A port that was free a moment ago (the OS picks it). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
