import { once } from 'node:events';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { connectDatabase } from './db/connect';
import { ingestDemoHandbook } from './demo/handbook/ingest';
import { seedDemo } from './demo/seed';
import { createLogger } from './logger';
import type { ReadinessCheck } from './routes/health';
import type { Billing } from './services/billing/index';
import type { KnowledgeBase } from './services/knowledge/knowledge-base';
import { stopServer } from './shutdown';

/** Process entry: config → logger → database → app → listen, and a graceful exit. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`parley: ${error.message}`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // MONGODB_URI when given; otherwise the embedded store in PARLEY_DATA_DIR.
  const database = await connectDatabase(config, {
    onStoreError: (error) => logger.error({ err: error }, 'embedded store error'),
  });
  logger.info(
    { database: config.mongodbUri ? 'mongodb' : 'embedded', dataDir: config.dataDir },
    'database connected',
  );
  const readinessChecks: ReadinessCheck[] = [{ name: 'database', check: () => database.ping() }];

  // Demo mode: the demo tenant, its fixed key and admin exist before the first request.
  const demo = config.demo
    ? await seedDemo(database.connection, { publicUrl: config.publicUrl })
    : undefined;

  const app = createApp({ config, logger, readinessChecks, database });
  if (demo) {
    // The demo tenant answers from a small fictional handbook; unchanged files
    // are recognised by checksum, so restarts do not re-embed anything.
    const job = await ingestDemoHandbook(app.locals.knowledge as KnowledgeBase, demo.tenantId);
    logger.info({ jobId: String(job._id), status: job.status }, 'demo handbook ingested');
  }
  const server = app.listen(config.port);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = config.port === port ? config.publicUrl : `http://localhost:${port}`;
  logger.info({ port }, 'parley listening');
  // Metered usage goes to Stripe from a periodic job that resumes where it
  // left off after a restart (a no-op when billing is off).
  const billing = app.locals.billing as Billing | undefined;
  await billing?.startMeter(60_000);
  console.log(`\nParley is running at ${base}/`);
  if (config.demo) console.log(`  Example page: ${base}/examples/intranet.html`);
  console.log(`  Admin console: ${base}/admin`);
  if (demo) console.log(`  Demo sign-in: ${demo.admin.email} / ${demo.admin.password}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await stopServer({ server, app, database });
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  console.error('parley: failed to start:', error);
  process.exit(1);
});
