import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { startEmbeddedMongo } from '../../db/embedded/index';

/**
 * `parley db`: runs the embedded MongoDB-compatible store in the foreground,
 * printing its `mongodb://` URI as the first line of stdout so scripts can
 * read it (`MONGODB_URI=$(parley db … | head -1)` style). Stops cleanly on
 * SIGINT/SIGTERM.
 */
export function registerDbCommand(program: Command): void {
  program
    .command('db')
    .description(
      'run the embedded MongoDB-compatible store in the foreground; prints its URI first',
    )
    .option('--port <port>', 'TCP port on 127.0.0.1 (0 picks a free one)', '27017')
    .option('--dir <dir>', 'data directory (default: $PARLEY_DATA_DIR/db)')
    .action(async (options: { port: string; dir?: string }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port must be a port number, got ${options.port}`);
      }
      const dir = options.dir ?? join(loadConfig().dataDir, 'db');
      const store = await startEmbeddedMongo({
        dir,
        port,
        onError: (error) => console.error(`parley db: ${String(error)}`),
      });
      console.log(store.uri);
      console.error(`parley db: serving ${dir} on ${store.uri} (Ctrl-C to stop)`);
      const stop = async () => {
        await store.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
